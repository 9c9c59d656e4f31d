/// Strict decoding of a parsed `qik.toml` tree into `ProjectConfig` (behaviour reference §1.3–1.12).
///
/// Every key is kebab-case and every unknown key, wrong type, bad enum value or unknown `type` tag is a
/// `SchemaError` (the loader makes it `conf1`). Like the original, plugins are read first: they decide which
/// extra `type` tags (`pygraph` deps, `uv` venvs, `s3` caches) the rest of the file may use.
struct ConfigDecoder {
    /// Built-in plugins of 0.2.10; any other `pyimport` cannot be loaded by the port (`conf3`).
    static let knownPlugins: Set<String> = ["qik.pygraph", "qik.uv", "qik.s3"]

    static let rootKeys: Set<String> = [
        "commands", "ctx", "base", "defaults", "caches", "spaces", "plugins", "pydist", "venvs", "hooks",
    ]
    static let commandKeys: Set<String> = [
        "exec", "deps", "artifacts", "cache", "cache-when", "space", "hidden", "tags", "factory", "daemon",
    ]

    /// `pyimport`s of the configured plugins: they decide which plugin `type` tags are valid.
    var pluginImports: Set<String> = []

    var depTags: [String] {
        ["glob", "const", "command", "pydist", "load"] + (pluginImports.contains("qik.pygraph") ? ["pygraph"] : [])
    }

    var venvTags: [String] { ["active", "space"] + (pluginImports.contains("qik.uv") ? ["uv"] : []) }

    var cacheTags: [String] { pluginImports.contains("qik.s3") ? ["s3"] : [] }

    /// Decodes the root file's table into `config`.
    /// Throws `SchemaError`, or `PluginImportFailure` (→ `conf3`) for a plugin that the port cannot provide.
    static func decodeRoot(_ node: TOMLNode, into config: inout ProjectConfig) throws -> ConfigDecoder {
        let root = try SchemaReader(node, at: [], allowed: rootKeys)
        var decoder = ConfigDecoder()
        if let plugins = root["plugins"] {
            config.plugins = try decodePlugins(plugins, at: ["plugins"])
            decoder.pluginImports = Set(config.plugins.map(\.pyimport))
        }
        if let commands = root["commands"] { config.commands = try decoder.decodeCommands(commands, at: ["commands"]) }
        if let ctx = root["ctx"] { config.ctx = try decodeCtx(ctx, at: ["ctx"]) }
        if let base = root["base"] {
            let reader = try SchemaReader(base, at: ["base"], allowed: ["deps"])
            if let deps = reader["deps"] { config.base.deps = try decoder.decodeDeps(deps, at: ["base", "deps"]) }
        }
        if let defaults = root["defaults"] { config.defaults = try decoder.decodeDefaults(defaults, at: ["defaults"]) }
        if let caches = root["caches"] { config.caches = try decoder.decodeCaches(caches, at: ["caches"]) }
        if let spaces = root["spaces"] { config.spaces = try decoder.decodeSpaces(spaces, at: ["spaces"]) }
        if let pydist = root["pydist"] { config.pydist = try decodePydist(pydist, at: ["pydist"]) }
        if let venvs = root["venvs"] { _ = try SchemaReader.entries(venvs, at: ["venvs"]) }  // 0.1.x vestige: ignored.
        if let hooks = root["hooks"] { config.hooks = try decodeHooks(hooks, at: ["hooks"]) }
        return decoder
    }

    /// A module's own `qik.toml`: only `commands` (typed deps allowed, unlike 0.2.10).
    func decodeModuleFile(_ node: TOMLNode) throws(SchemaError) -> [CommandConfig] {
        let root = try SchemaReader(node, at: [], allowed: ["commands"])
        guard let commands = root["commands"] else { return [] }
        return try decodeCommands(commands, at: ["commands"])
    }

    func decodeCommands(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [CommandConfig] {
        let entries = try SchemaReader.entries(node, at: path)
        var commands: [CommandConfig] = []
        commands.reserveCapacity(entries.count)
        for entry in entries {
            commands.append(try decodeCommand(name: entry.key, entry.value, at: path + [entry.key]))
        }
        return commands
    }

    func decodeCommand(name: String, _ node: TOMLNode, at path: [String]) throws(SchemaError) -> CommandConfig {
        if case .string(let exec) = node { return CommandConfig(name: name, exec: exec) }
        guard case .table = node else { throw SchemaReader.typeError(expected: "str | object", got: node, at: path) }
        let reader = try SchemaReader(node, at: path, allowed: Self.commandKeys)
        var command = CommandConfig(name: name, exec: try reader.string("exec") ?? "")
        if let deps = reader["deps"] { command.deps = try decodeDeps(deps, at: path + ["deps"]) }
        command.artifacts = try reader.strings("artifacts") ?? []
        command.cache = try reader.string("cache")
        command.cacheWhen = try reader.enumValue("cache-when", as: CacheWhen.self)
        command.space = try reader.string("space")
        command.hidden = try reader.bool("hidden") ?? false
        command.tags = try reader.strings("tags") ?? []
        command.factory = try reader.string("factory") ?? ""
        command.daemon = try reader.bool("daemon") ?? false
        return command
    }

    func decodeDeps(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [Dep] {
        let items = try SchemaReader.array(node, at: path)
        var deps: [Dep] = []
        deps.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            deps.append(try decodeDep(item, at: path + ["[\(index)]"]))
        }
        return deps
    }

    func decodeDep(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> Dep {
        if case .string(let pattern) = node { return .glob(pattern: pattern) }
        guard case .table = node else { throw SchemaReader.typeError(expected: "str | object", got: node, at: path) }
        switch try SchemaReader.tag(node, at: path, allowed: depTags) {
        case "glob":
            return .glob(pattern: try SchemaReader(node, at: path, allowed: ["type", "pattern"]).requiredString("pattern"))
        case "const":
            return .const(val: try SchemaReader(node, at: path, allowed: ["type", "val"]).requiredString("val"))
        case "command":
            let reader = try SchemaReader(node, at: path, allowed: ["type", "name", "strict", "isolated"])
            return .command(name: try reader.requiredString("name"), strict: try reader.bool("strict") ?? false,
                            isolated: try reader.bool("isolated"))
        case "pydist":
            return .pydist(name: try SchemaReader(node, at: path, allowed: ["type", "name"]).requiredString("name"))
        case "load":
            let reader = try SchemaReader(node, at: path, allowed: ["type", "path", "default"])
            return .load(path: try reader.requiredString("path"), default: try reader.strings("default") ?? [])
        default:  // "pygraph", only allowed when the qik.pygraph plugin is configured.
            return .pygraph(pyimport: try SchemaReader(node, at: path, allowed: ["type", "pyimport"]).requiredString("pyimport"))
        }
    }

    func decodeDefaults(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> DefaultsConfig {
        let reader = try SchemaReader(node, at: path, allowed: ["cache", "cache-when", "python-path", "venv", "dotenv"])
        var defaults = DefaultsConfig()
        defaults.cache = try reader.string("cache")
        defaults.cacheWhen = try reader.enumValue("cache-when", as: CacheWhen.self)
        defaults.pythonPath = try reader.string("python-path") ?? "."
        if let venv = reader["venv"] { defaults.venv = try decodeVenv(venv, at: path + ["venv"]) }
        defaults.dotenv = try reader.stringOrStrings("dotenv") ?? []
        return defaults
    }

    static func decodeCtx(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [CtxVar] {
        var vars: [CtxVar] = []
        for (index, item) in try SchemaReader.array(node, at: path).enumerated() {
            let itemPath = path + ["[\(index)]"]
            if case .string(let name) = item {
                vars.append(CtxVar(name: name))
                continue
            }
            guard case .table = item else { throw SchemaReader.typeError(expected: "str | object", got: item, at: itemPath) }
            let reader = try SchemaReader(item, at: itemPath, allowed: ["name", "type", "default", "required"])
            var ctxVar = CtxVar(name: try reader.requiredString("name"))
            ctxVar.type = try reader.enumValue("type", as: CtxVar.Kind.self) ?? .str
            ctxVar.required = try reader.bool("required") ?? true
            if let value = reader["default"] {
                switch value {
                case .string(let s): ctxVar.defaultValue = .string(s)
                case .int(let i): ctxVar.defaultValue = .int(i)
                case .bool(let b): ctxVar.defaultValue = .bool(b)
                default:
                    throw SchemaReader.typeError(expected: "str | int | bool", got: value, at: itemPath + ["default"])
                }
            }
            vars.append(ctxVar)
        }
        return vars
    }

    static func decodePydist(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> PydistConfig {
        let reader = try SchemaReader(node, at: path,
                                      allowed: ["versions", "ignore-missing", "modules", "ignore-missing-modules", "ignore"])
        var pydist = PydistConfig()
        pydist.versions = try reader.stringTable("versions") ?? [:]
        pydist.ignoreMissing = try reader.bool("ignore-missing") ?? false
        pydist.modules = try reader.stringTable("modules") ?? [:]
        pydist.ignoreMissingModules = try reader.bool("ignore-missing-modules") ?? false
        pydist.ignore = try reader.strings("ignore") ?? []
        return pydist
    }

    static func decodeHooks(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> HooksConfig {
        let reader = try SchemaReader(node, at: path, allowed: ["pre-commit", "pre-push"])
        var hooks = HooksConfig()
        func hook(_ key: String) throws(SchemaError) -> HookConfig? {
            guard let node = reader[key] else { return nil }
            let hookReader = try SchemaReader(node, at: path + [key],
                                              allowed: ["commands", "tags", "spaces", "restage", "skip"])
            var hook = HookConfig()
            hook.commands = try hookReader.strings("commands") ?? []
            hook.tags = try hookReader.strings("tags") ?? []
            hook.spaces = try hookReader.strings("spaces") ?? []
            hook.restage = try hookReader.bool("restage") ?? false
            hook.skip = try hookReader.strings("skip") ?? []
            return hook
        }
        hooks.preCommit = try hook("pre-commit")
        hooks.prePush = try hook("pre-push")
        return hooks
    }
}
