/// Turns commands of the configuration into runnables (§3.1): names, parametrization over modules, effective cache.
public struct RunnableFactory: Sendable {
    public let config: ProjectConfig
    let renderer: any TemplateRendering

    public init(config: ProjectConfig, renderer: any TemplateRendering) {
        self.config = config
        self.renderer = renderer
    }

    /// Every command with its full name, in the order "run everything" uses: root commands in file order, then
    /// each module's commands in module order.
    public var allCommands: [(name: String, command: CommandConfig)] {
        var result = config.commands.map { ($0.name, $0) }
        for module in config.spaces.flatMap(\.modules) {
            for command in config.moduleCommands[module.name] ?? [] {
                result.append(("\(module.name)/\(command.name)", command))
            }
        }
        for plugin in config.plugins {
            for command in ProjectConfig.builtinCommands(of: plugin.kind) { result.append(("\(plugin.name).\(command.name)", command)) }
        }
        return result
    }

    /// Names of every space plus `default`; more than one means runnable names carry `@space`.
    var spaceCount: Int { Set(config.spaces.map(\.name) + ["default"]).count }

    public func runnableName(command: String, space: String?, module: String?) -> String {
        var name = command
        if let space, spaceCount > 1 { name += "@\(space)" }
        if let module { name += "#\(module)" }
        return name
    }

    /// §1.13: `mod/cmd` or `plugin.cmd` or `cmd`.
    public func resolve(_ uri: String) throws -> (name: String, command: CommandConfig) {
        let separator: Character? = uri.contains(Character("/")) ? "/" : (uri.contains(Character(".")) ? "." : nil)
        if let separator, let cut = uri.lastIndex(of: separator) {
            let namespace = String(uri[..<cut])
            let commandName = String(uri[uri.index(after: cut)...])
            guard config.spaces.contains(where: { $0.modules.contains { $0.name == namespace } })
                || config.plugins.contains(where: { $0.name == namespace })
            else {
                throw QikError("conf4", "Module or plugin \"\(namespace)\" not configured in qik.toml.")
            }
            if let plugin = config.plugins.first(where: { $0.name == namespace }),
                !config.spaces.contains(where: { $0.modules.contains { $0.name == namespace } })
            {
                guard let command = ProjectConfig.builtinCommands(of: plugin.kind).first(where: { $0.name == commandName })
                else { throw QikError("conf5", "Command \"\(uri)\" not configured.") }
                return ("\(namespace).\(commandName)", command)
            }
            let full = "\(namespace)/\(commandName)"
            guard let command = config.moduleCommands[namespace]?.first(where: { $0.name == commandName }) else {
                throw QikError("conf5", "Command \"\(uri)\" not configured.")
            }
            return (full, command)
        }
        guard let command = config.commands.first(where: { $0.name == uri }) else {
            throw QikError("conf5", "Command \"\(uri)\" not configured.", hint: suggestion(for: uri))
        }
        return (uri, command)
    }

    private func suggestion(for uri: String) -> String? {
        let names = allCommands.map(\.name)
        guard let best = names.min(by: { editDistance($0, uri) < editDistance($1, uri) }),
            editDistance(best, uri) <= max(2, uri.count / 3)
        else { return nil }
        return "Did you mean \"\(best)\"?"
    }

    /// The runnables of one command (§3.1); `args` only matter to plugin commands (`pygraph.lock`).
    public func runnables(name: String, command: CommandConfig, args: [RunnableArg] = []) throws -> [Runnable] {
        if command.factory.hasPrefix(UVRunnables.factoryPrefix) {
            return try UVRunnables(factory: self).runnables(name: name, command: command, args: args)
        }
        if !command.factory.isEmpty { return try PluginRunnables(factory: self).runnables(name: name, command: command, args: args) }
        if let space = command.space, space != "default", !config.spaces.contains(where: { $0.name == space }) {
            throw QikError("conf8", "Space \"\(space)\" not configured.", hint: "Used by command \"\(name)\".")
        }
        if command.isModuleParametrized {
            let spaces = command.space.map { s in config.spaces.filter { $0.name == s } } ?? config.spaces
            return try spaces.flatMap { space in
                try space.modules.map { try make(name: name, command: command, space: space.name, module: $0) }
            }
        }
        return [try make(name: name, command: command, space: command.space ?? "default", module: nil)]
    }

    private func make(name: String, command: CommandConfig, space: String, module: ModuleConfig?) throws -> Runnable {
        func render(_ text: String) throws -> String { try renderer.render(text, module: module, command: name) }
        let deps = try (config.base.deps + command.deps).map { try runnableDep($0, space: space, render: render) }
        // A command without deps of its own is never cached (0.2.10), whatever `cache` says; nor is a daemon,
        // which never finishes.
        let rawCache = command.deps.isEmpty || command.daemon ? "none" : (command.cache ?? config.defaults.cache ?? "local")
        return Runnable(
            name: runnableName(command: name, space: space, module: module?.name),
            command: name,
            exec: try render(command.exec),
            cache: try render(rawCache),
            cacheWhen: command.cacheWhen ?? config.defaults.cacheWhen ?? .success,
            tags: command.tags,
            deps: deps,
            artifacts: try command.artifacts.map(render),
            module: module?.name,
            space: space,
            hidden: command.hidden,
            daemon: command.daemon,
            venv: try uvVenv(space: space)
        )
    }

    /// Base deps, templated (plugin runnables start with them).
    func baseDeps(space: String) throws -> [RunnableDep] {
        try config.base.deps.map { try runnableDep($0, space: space, render: { try renderer.render($0, module: nil, command: "") }) }
    }

    private func runnableDep(_ dep: Dep, space: String, render: (String) throws -> String) throws -> RunnableDep {
        switch dep {
        case .glob(let pattern): .glob(try render(pattern))
        case .const(let val): .const(try render(val))
        case .command(let name, let strict, let isolated): .command(name: try render(name), strict: strict, isolated: isolated, args: [])
        case .pydist(let name): .pydist(try render(name))
        case .load(let path, let defaults): .load(path: try render(path), default: defaults)
        case .pygraph(let pyimport): try PluginRunnables(factory: self).pygraphDep(pyimport: try render(pyimport), space: space)
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on unknown command names.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
