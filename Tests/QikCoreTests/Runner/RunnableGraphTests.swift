import Testing
@testable import QikCore

/// Renders `{module.…}` only, enough for graph tests without the config layer.
struct ModuleOnlyRenderer: TemplateRendering {
    func render(_ text: String, module: ModuleConfig?, command: String) throws -> String {
        guard let module else { return text }
        return text.replacingOccurrences(of: "{module.name}", with: module.name)
            .replacingOccurrences(of: "{module.dir}", with: module.path)
    }
}

func project(_ commands: [CommandConfig], spaces: [SpaceConfig] = []) -> ProjectConfig {
    var config = ProjectConfig(root: "/tmp/project", file: "/tmp/project/qik.toml")
    config.commands = commands
    config.spaces = spaces
    return config
}

func command(_ name: String, _ exec: String = "true", deps: [Dep] = [], hidden: Bool = false, tags: [String] = []) -> CommandConfig {
    var command = CommandConfig(name: name, exec: exec)
    command.deps = deps
    command.hidden = hidden
    command.tags = tags
    return command
}

@Suite struct RunnableGraphTests {
    func graph(_ config: ProjectConfig, _ options: RunOptions = RunOptions(workers: 2)) throws -> RunnableGraph {
        let factory = RunnableFactory(config: config, renderer: ModuleOnlyRenderer())
        return try Selector(factory: factory, options: options, workingDirectory: "").graph()
    }

    @Test func dependenciesArePulledInUnlessIsolated() throws {
        let config = project([
            command("gen", deps: [.glob(pattern: "*.py")]),
            command("repogen", deps: [.command(name: "gen", strict: false, isolated: nil)]),
        ])
        var options = RunOptions(workers: 2)
        options.commands = ["repogen"]
        #expect(try graph(config, options).nodes.map(\.name).sorted() == ["gen", "repogen"])
        options.isolated = true
        #expect(try graph(config, options).nodes.map(\.name) == ["repogen"])
    }

    @Test func aDependencyMarkedIsolatedIsNotPulledIn() throws {
        let config = project([
            command("gen", deps: [.glob(pattern: "*.py")]),
            command("repogen", deps: [.command(name: "gen", strict: false, isolated: true)]),
        ])
        var options = RunOptions(workers: 2)
        options.commands = ["repogen"]
        #expect(try graph(config, options).nodes.map(\.name) == ["repogen"])
    }

    @Test func aCycleIsConf7AndNamesTheChain() throws {
        let config = project([
            command("a", deps: [.command(name: "b", strict: false, isolated: nil)]),
            command("b", deps: [.command(name: "a", strict: false, isolated: nil)]),
        ])
        let error = #expect(throws: QikError.self) { try graph(config) }
        #expect(error?.code == "conf7")
        #expect(error?.message.contains("a → b → a") == true)
    }

    @Test func sinceExpansionAddsUpstreamAndStrictDownstreamOnly() throws {
        let config = project([
            command("fail", deps: []),
            command("lint", deps: [.glob(pattern: "a.py"), .command(name: "fail", strict: false, isolated: nil)]),
            command("strict_down", deps: [.command(name: "lint", strict: true, isolated: nil)]),
            command("nonstrict_down", deps: [.command(name: "lint", strict: false, isolated: nil)]),
        ])
        let full = try graph(config)
        let filtered = full.filtered(["lint"] as [String], neighbors: true)
        #expect(filtered.nodes.map(\.name).sorted() == ["fail", "lint", "strict_down"])
    }

    @Test func moduleAffinityBindsSameModuleRunnables() throws {
        var space = SpaceConfig(name: "default")
        space.modules = [ModuleConfig(name: "a", path: "a"), ModuleConfig(name: "b", path: "b")]
        let config = project(
            [
                command("lint", "lint {module.dir}", deps: [.glob(pattern: "{module.dir}/**")]),
                command("fmt", "fmt {module.dir}", deps: [.command(name: "lint", strict: false, isolated: nil)]),
                command("all", deps: [.command(name: "lint", strict: false, isolated: nil)]),
            ], spaces: [space])
        let built = try graph(config)
        #expect(built.upstream(of: "fmt#a") == ["lint#a"])
        #expect(built.upstream(of: "all") == ["lint#a", "lint#b"])
    }

    @Test func namesGainTheSpaceOnlyWithSeveralSpaces() throws {
        var other = SpaceConfig(name: "other")
        other.modules = [ModuleConfig(name: "nest/c", path: "nest/c")]
        let config = project([command("check", "check {module.dir}", deps: [.glob(pattern: "x")]), command("env")], spaces: [other])
        #expect(try graph(config).nodes.map(\.name).sorted() == ["check@other#nest/c", "env@default"])
    }

    @Test func aCommandWithoutDepsIsNeverCached() throws {
        var lint = command("lint", deps: [])
        lint.cache = "repo"
        let runnable = try graph(project([lint])).nodes[0]
        #expect(runnable.cache == "none")
    }

    @Test func unknownCommandIsConf5WithASuggestion() throws {
        var options = RunOptions(workers: 2)
        options.commands = ["lnt"]
        let error = #expect(throws: QikError.self) { try graph(project([command("lint")]), options) }
        #expect(error?.code == "conf5")
        #expect(error?.hint == "Did you mean \"lint\"?")
    }

    @Test func hiddenCommandsRunOnlyWhenNamedOrNeeded() throws {
        let config = project([command("helper", hidden: true), command("main")])
        #expect(try graph(config).nodes.map(\.name) == ["main"])
        var options = RunOptions(workers: 2)
        options.commands = ["helper"]
        #expect(try graph(config, options).nodes.map(\.name) == ["helper"])
    }
}
