import Foundation

/// Runnables of built-in plugin commands (0.2.10's `qik.pygraph.cmd.*_cmd_factory`), with spec fields that match
/// the original byte for byte so cache keys are shared (§9.1, §9.2, §9.4).
struct PluginRunnables {
    let factory: RunnableFactory
    var config: ProjectConfig { factory.config }

    static let buildFunction = "qik.pygraph.cmd.build_cmd"
    static let lockFunction = "qik.pygraph.cmd.lock_cmd"
    static let checkFunction = "qik.pygraph.cmd.check_cmd"

    func runnables(name: String, command: CommandConfig, args: [RunnableArg]) throws -> [Runnable] {
        guard let settings = PygraphPluginSettings(project: config) else {
            throw QikError("conf5", "Command \"\(name)\" not configured.")
        }
        switch command.factory {
        case "qik.pygraph.cmd.build_cmd": return [try build(settings)]
        case "qik.pygraph.cmd.lock_cmd":
            let pyimport = args.first { $0.key == "pyimport" }?.value
            let space = args.first { $0.key == "space" }?.value
            guard let pyimport, let space else { return try everyLock(settings) }
            return [try lock(settings, pyimport: pyimport, space: space)]
        case "qik.pygraph.cmd.check_cmd": return try checks(settings)
        default:
            throw QikError("conf3", "Plugin command \"\(name)\" (\(command.factory)) is not available in this port.")
        }
    }

    /// The `pygraph` dep of a command in `space`.
    func pygraphDep(pyimport: String, space: String) throws -> RunnableDep {
        guard let settings = PygraphPluginSettings(project: config) else {
            throw QikError("conf1", "A pygraph dependency needs the qik.pygraph plugin in [plugins].")
        }
        let lockCache = try render(settings.rawCache(settings.config.lockCache))
        return .pygraph(pyimport: pyimport, space: space, lockCommand: settings.lockCommand,
                        lockPath: settings.lockPath(pyimport: pyimport, space: space, lockCache: lockCache))
    }

    private func render(_ text: String) throws -> String { try factory.renderer.render(text, module: nil, command: "") }

    private func configDep(_ settings: PygraphPluginSettings) -> RunnableDep {
        .pluginConfig(values: [settings.configValue], watch: [(config.file as NSString).lastPathComponent])
    }

    func build(_ settings: PygraphPluginSettings) throws -> Runnable {
        let cache = try render(settings.rawCache(settings.config.buildCache))
        return Runnable(
            name: factory.runnableName(command: settings.buildCommand, space: "default", module: nil),
            command: settings.buildCommand, exec: Self.buildFunction, cache: cache, cacheWhen: .success, tags: [],
            deps: try factory.baseDeps(space: "default") + [.glob("**.py"), configDep(settings)],
            artifacts: [settings.graphPath(buildCache: cache)], module: nil, space: "default", hidden: true,
            builtin: BuiltinCall(spaceless: true))
    }

    func lock(_ settings: PygraphPluginSettings, pyimport: String, space: String) throws -> Runnable {
        let cache = try render(settings.rawCache(settings.config.lockCache))
        let artifact = settings.lockPath(pyimport: pyimport, space: space, lockCache: cache)
        let args = [RunnableArg("pyimport", pyimport)]
        var name = factory.runnableName(command: settings.lockCommand, space: space, module: nil)
        name += "?" + args.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        return Runnable(
            name: name, command: settings.lockCommand, exec: Self.lockFunction, cache: cache, cacheWhen: .success,
            tags: [],
            deps: try factory.baseDeps(space: space) + [
                .command(name: settings.buildCommand, strict: false, isolated: nil),
                .load(path: artifact, default: ["**.py"]), configDep(settings),
            ],
            artifacts: [artifact], module: nil, space: space, hidden: true, builtin: BuiltinCall(args: args),
            venv: try factory.uvVenv(space: space))
    }

    /// One check per space with a truthy fence, in space order.
    func checks(_ settings: PygraphPluginSettings) throws -> [Runnable] {
        let cache = try render(settings.rawCache(settings.config.checkCache))
        return try config.spaces.filter { $0.fence != .off }.map { space in
            let paths = Array(Set(try config.fencePaths(space: space.name))).sorted(by: QikHash.precedes)
            return Runnable(
                name: factory.runnableName(command: settings.checkCommand, space: space.name, module: nil),
                command: settings.checkCommand, exec: Self.checkFunction, cache: cache, cacheWhen: .success, tags: [],
                deps: [.command(name: settings.buildCommand, strict: false, isolated: nil)] + paths.map { .glob($0) },
                artifacts: [], module: nil, space: space.name, hidden: false, builtin: BuiltinCall(),
                venv: try factory.uvVenv(space: space.name))
        }
    }

    /// `qik pygraph.lock` without arguments: every lock runnable that the visible commands depend on (0.2.10's
    /// `qik.cmd.runnables` fallback for commands that need arguments).
    func everyLock(_ settings: PygraphPluginSettings) throws -> [Runnable] {
        var selected: [Runnable] = []
        for (name, command) in factory.allCommands where !command.hidden && command.factory.isEmpty {
            selected += try factory.runnables(name: name, command: command)
        }
        let graph = try RunnableGraph(selected: selected, factory: factory, isolated: false)
        return graph.order.compactMap { graph.allNodes[$0] }.filter { $0.command == settings.lockCommand }
    }
}
