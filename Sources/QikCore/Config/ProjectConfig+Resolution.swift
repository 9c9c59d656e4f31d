/// Lookups over a loaded configuration: command names (§1.13), spaces, venv chains (§8.1), fences (§9.4) and
/// uv constraints (§10), with the original's error codes.
extension ProjectConfig {
    /// The commands each built-in plugin provides, named without the plugin prefix.
    /// Factories are the 0.2.10 dotted paths, used as identifiers by the graph builder.
    public static func builtinCommands(of kind: PluginConfig.Kind) -> [CommandConfig] {
        func command(_ name: String, _ factory: String, hidden: Bool) -> CommandConfig {
            var command = CommandConfig(name: name)
            command.factory = factory
            command.hidden = hidden
            return command
        }
        switch kind {
        case .pygraph:
            return [command("build", "qik.pygraph.cmd.build_cmd", hidden: true),
                    command("lock", "qik.pygraph.cmd.lock_cmd", hidden: true),
                    command("check", "qik.pygraph.cmd.check_cmd", hidden: false)]
        case .uv:
            return [command("lock", "qik.uv.cmd.lock_cmd", hidden: true),
                    command("install", "qik.uv.cmd.install_cmd", hidden: true)]
        case .s3:
            return []
        }
    }

    /// Every module of every space, in configuration order.
    public var modules: [ModuleConfig] { spaces.flatMap(\.modules) }

    /// A configured space, or an empty `default` space (which always exists).
    public func space(named name: String) -> SpaceConfig? {
        if let space = spaces.first(where: { $0.name == name }) { return space }
        return name == "default" ? SpaceConfig(name: "default") : nil
    }

    /// Resolves a command name: `cmd` (root), `module/cmd`, `plugin/cmd` or `plugin.cmd` (split at the last `/`,
    /// else the last `.`); the namespace is looked up as a module name, then as a plugin name.
    /// - Returns: the namespace (nil for root commands) and the command.
    /// - Throws: `conf4` for an unknown namespace, `conf5` for an unknown command.
    public func resolveCommand(_ name: String) throws -> (namespace: String?, command: CommandConfig) {
        let separatorIndex = name.lastIndex(of: "/") ?? name.lastIndex(of: ".")
        guard let separatorIndex else {
            guard let command = commands.first(where: { $0.name == name }) else { throw QikError.commandNotFound(name) }
            return (nil, command)
        }
        let namespace = String(name[..<separatorIndex])
        let commandName = String(name[name.index(after: separatorIndex)...])
        let candidates: [CommandConfig]
        if modules.contains(where: { $0.name == namespace }) {
            candidates = moduleCommands[namespace] ?? []
        } else if let plugin = plugins.first(where: { $0.name == namespace }) {
            candidates = Self.builtinCommands(of: plugin.kind)
        } else {
            throw QikError.moduleOrPluginNotFound(namespace)
        }
        guard let command = candidates.first(where: { $0.name == commandName }) else { throw QikError.commandNotFound(name) }
        return (namespace, command)
    }

    /// The venv a space runs in: its `venv`, else `defaults.venv`, following `{type = "space"}` links.
    /// - Returns: nil for the active venv (no venv configured, or a space that points at itself).
    /// - Throws: `conf8` for an unknown space, `conf13` for a cycle of `{type = "space"}` links.
    public func resolveVenv(space name: String) throws -> VenvConfig? { try resolveVenvOwner(space: name)?.venv }

    /// `resolveVenv` plus the space whose configuration it is: a `{type = "space"}` link uses the target space's
    /// venv, named after that space (its directory and lock file).
    public func resolveVenvOwner(space name: String) throws -> (owner: String, venv: VenvConfig)? {
        var chain = [name]
        var current = name
        while true {
            guard let space = space(named: current) else { throw QikError.spaceNotFound(current) }
            guard case .space(let target)? = space.venv ?? defaults.venv else {
                return (space.venv ?? defaults.venv).map { (current, $0) }
            }
            if target == current { return nil }  // Self-reference means the active venv (0.2.10).
            if chain.contains(target) { throw QikError.circularVenv(chain + [target]) }
            chain.append(target)
            current = target
        }
    }

    /// Whether the `qik.uv` plugin is configured: it makes `uv` the default venv type (§1.9).
    public var hasUVPlugin: Bool {
        plugins.contains { if case .uv = $0.kind { true } else { false } }
    }

    /// The name of the uv venv a space runs in (its own, or the target of a `{type = "space"}` link), nil for the
    /// active venv. Plain `reqs` forms are uv venvs once the plugin is loaded.
    public func uvVenvName(space name: String) throws -> String? {
        guard hasUVPlugin, let (owner, venv) = try resolveVenvOwner(space: name) else { return nil }
        switch venv {
        case .reqs, .uv: return owner
        case .active, .space: return nil
        }
    }

    /// Paths (relative to the root) a space's fence allows: its modules, its fence paths and, recursively, the
    /// fences of `{type = "space"}` entries. Empty when the fence is off.
    /// - Throws: `conf8` for an unknown space, `conf14` "Circular fence detected." for a self-reference or cycle.
    public func fencePaths(space name: String) throws -> [String] {
        guard let space = space(named: name) else { throw QikError.spaceNotFound(name) }
        if space.fence == .off { return [] }
        var seen: Set<String> = []
        var result: [String] = []
        try collectFence(name, chain: [], into: &result, seen: &seen)
        return result
    }

    /// `fencePaths` converted to dotted import names relative to `defaults.python-path`.
    public func fenceImports(space name: String) throws -> [String] {
        try fencePaths(space: name).map {
            TemplateModule(ModuleConfig(name: $0, path: $0), pythonPath: defaults.pythonPath).pyimport
        }
    }

    private func collectFence(_ name: String, chain: [String], into result: inout [String], seen: inout Set<String>) throws {
        if chain.contains(name) { throw QikError.circularFence(chain + [name]) }
        guard let space = space(named: name) else { throw QikError.spaceNotFound(name) }
        func add(_ path: String) {
            var trimmed = Substring(path)
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            if seen.insert(String(trimmed)).inserted { result.append(String(trimmed)) }
        }
        space.modules.forEach { add($0.path) }
        guard case .entries(let entries) = space.fence else { return }
        for entry in entries {
            switch entry {
            case .path(let path): add(path)
            case .space(let other): try collectFence(other, chain: chain + [name], into: &result, seen: &seen)
            }
        }
    }

    /// The uv constraint file of a space: its uv venv's `constraint`, following `{type = "space"}` links, else the
    /// uv plugin's `constraint`. An empty path disables the constraint.
    /// - Throws: `conf8` for an unknown space, `conf14` "Circular constraint detected." for a cycle.
    public func resolveUVConstraint(space name: String) throws -> String? {
        var chain: [String] = []
        var current = name
        while true {
            if chain.contains(current) { throw QikError.circularConstraint(chain + [current]) }
            chain.append(current)
            var constraint: UVConstraint?
            if hasUVPlugin, case .uv(_, _, _, let own)? = try resolveVenv(space: current) { constraint = own }
            if constraint == nil {
                for plugin in plugins {
                    if case .uv(let config) = plugin.kind { constraint = config.constraint }
                }
            }
            switch constraint {
            case nil: return nil
            case .path(let path)?: return path.isEmpty ? nil : path
            case .space(let other)?: current = other
            }
        }
    }
}

extension ProjectConfig {
    /// Eagerly checks every space name the configuration mentions: command `space` (root and module commands),
    /// `{type = "space"}` venvs (also in `defaults`), fence entries and uv constraints.
    /// 0.2.10 raises `conf8` only when a reference is used while building the graph; callers that want the
    /// lazy behaviour simply don't call this.
    /// - Throws: `conf8` for the first unknown space, in file order.
    public func validateSpaceReferences() throws {
        func check(_ name: String) throws {
            if space(named: name) == nil { throw QikError.spaceNotFound(name) }
        }
        func check(_ venv: VenvConfig?) throws {
            switch venv {
            case .space(let name)?: try check(name)
            case .uv(_, _, _, .space(let name)?)?: try check(name)
            default: break
            }
        }
        for command in commands + moduleCommands.keys.sorted().flatMap({ moduleCommands[$0] ?? [] }) {
            if let name = command.space { try check(name) }
        }
        try check(defaults.venv)
        for space in spaces {
            try check(space.venv)
            if case .entries(let entries) = space.fence {
                for case .space(let name) in entries { try check(name) }
            }
        }
        for plugin in plugins {
            if case .uv(let config) = plugin.kind, case .space(let name)? = config.constraint { try check(name) }
        }
    }
}
