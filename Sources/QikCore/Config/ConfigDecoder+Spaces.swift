/// Spaces, venvs, fences, caches and plugins (behaviour reference §1.7, §1.9, §1.10).
extension ConfigDecoder {
    static let s3CacheKeys: Set<String> = [
        "type", "bucket", "prefix", "aws-access-key-id", "aws-secret-access-key", "aws-session-token", "region-name",
        "endpoint-url",
    ]

    func decodeCaches(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [CustomCacheConfig] {
        var caches: [CustomCacheConfig] = []
        for entry in try SchemaReader.entries(node, at: path) {
            let cachePath = path + [entry.key]
            let type = try SchemaReader.tag(entry.value, at: cachePath, allowed: cacheTags)
            let reader = try SchemaReader(entry.value, at: cachePath, allowed: Self.s3CacheKeys)
            _ = try reader.requiredString("bucket")
            var fields: [String: String] = [:]
            for field in reader.entries where field.key != "type" {
                fields[field.key] = try SchemaReader.string(field.value, at: cachePath + [field.key])
            }
            caches.append(CustomCacheConfig(name: entry.key, type: type, fields: fields))
        }
        return caches
    }

    func decodeSpaces(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [SpaceConfig] {
        var spaces: [SpaceConfig] = []
        for entry in try SchemaReader.entries(node, at: path) {
            let spacePath = path + [entry.key]
            var space = SpaceConfig(name: entry.key)
            switch entry.value {
            case .string(let reqs):
                space.venv = .reqs(.one(reqs))
            case .array:
                space.venv = .reqs(.list(try SchemaReader.strings(entry.value, at: spacePath)))
            case .table:
                let reader = try SchemaReader(entry.value, at: spacePath,
                                              allowed: ["root", "modules", "fence", "venv", "dotenv"])
                space.root = try reader.string("root")
                if let modules = reader["modules"] { space.modules = try Self.decodeModules(modules, at: spacePath + ["modules"]) }
                if let fence = reader["fence"] { space.fence = try Self.decodeFence(fence, at: spacePath + ["fence"]) }
                if let venv = reader["venv"] { space.venv = try decodeVenv(venv, at: spacePath + ["venv"]) }
                space.dotenv = try reader.stringOrStrings("dotenv")
            default:
                throw SchemaReader.typeError(expected: "str | array | object", got: entry.value, at: spacePath)
            }
            spaces.append(space)
        }
        return spaces
    }

    static func decodeModules(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [ModuleConfig] {
        var modules: [ModuleConfig] = []
        for (index, item) in try SchemaReader.array(node, at: path).enumerated() {
            let itemPath = path + ["[\(index)]"]
            let modulePath: String
            var name: String?
            switch item {
            case .string(let value):
                modulePath = value
            case .table:
                let reader = try SchemaReader(item, at: itemPath, allowed: ["name", "path"])
                modulePath = try reader.requiredString("path")
                name = try reader.string("name")
            default:
                throw SchemaReader.typeError(expected: "str | object", got: item, at: itemPath)
            }
            var trimmed = Substring(modulePath)
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            modules.append(ModuleConfig(name: name ?? String(trimmed), path: String(trimmed)))
        }
        return modules
    }

    static func decodeFence(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> Fence {
        switch node {
        case .bool(let on):
            return on ? .modules : .off
        case .array(let items):
            var entries: [FenceEntry] = []
            for (index, item) in items.enumerated() {
                let itemPath = path + ["[\(index)]"]
                if case .string(let fencePath) = item {
                    entries.append(.path(fencePath))
                    continue
                }
                _ = try SchemaReader.tag(item, at: itemPath, allowed: ["space"])
                let reader = try SchemaReader(item, at: itemPath, allowed: ["type", "name"])
                entries.append(.space(try reader.requiredString("name")))
            }
            // An empty list is falsy in the original: no fence.
            return entries.isEmpty ? .off : .entries(entries)
        default:
            throw SchemaReader.typeError(expected: "bool | array", got: node, at: path)
        }
    }

    func decodeVenv(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> VenvConfig {
        switch node {
        case .string(let reqs):
            return .reqs(.one(reqs))
        case .array:
            return .reqs(.list(try SchemaReader.strings(node, at: path)))
        case .table:
            switch try SchemaReader.tag(node, at: path, allowed: venvTags) {
            case "active":
                let reader = try SchemaReader(node, at: path, allowed: ["type", "reqs", "lock"])
                return .active(reqs: try reader.stringOrStrings("reqs") ?? [], lock: try reader.string("lock"))
            case "space":
                let reader = try SchemaReader(node, at: path, allowed: ["type", "name"])
                return .space(name: try reader.requiredString("name"))
            default:  // "uv", only with the qik.uv plugin.
                let reader = try SchemaReader(node, at: path, allowed: ["type", "reqs", "lock", "python", "constraint"])
                var constraint: UVConstraint?
                if let node = reader["constraint"] { constraint = try Self.decodeConstraint(node, at: path + ["constraint"]) }
                // `reqs` has no default in 0.2.10's `Venv` conf.
                guard let reqsNode = reader["reqs"] else {
                    throw SchemaError(detail: "Object missing required field `reqs` - at `\(renderSchemaPath(path))`", path: path)
                }
                let reqs: Requirements
                if case .string(let one) = reqsNode { reqs = .one(one) } else { reqs = .list(try SchemaReader.strings(reqsNode, at: path + ["reqs"])) }
                return .uv(reqs: reqs, lock: try reader.string("lock"),
                           python: try reader.string("python"), constraint: constraint)
            }
        default:
            throw SchemaReader.typeError(expected: "str | array | object", got: node, at: path)
        }
    }

    static func decodeConstraint(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> UVConstraint {
        if case .string(let constraintPath) = node { return .path(constraintPath) }
        guard case .table = node else { throw SchemaReader.typeError(expected: "str | object", got: node, at: path) }
        _ = try SchemaReader.tag(node, at: path, allowed: ["space"])
        return .space(name: try SchemaReader(node, at: path, allowed: ["type", "name"]).requiredString("name"))
    }

    /// `[plugins]`: `name = "pyimport"` or `[plugins.name] pyimport = …` plus the plugin's own keys.
    static func decodePlugins(_ node: TOMLNode, at path: [String]) throws -> [PluginConfig] {
        var plugins: [PluginConfig] = []
        for entry in try SchemaReader.entries(node, at: path) {
            let pluginPath = path + [entry.key]
            let pyimport: String
            switch entry.value {
            case .string(let value):
                pyimport = value
            case .table(let entries):
                guard let node = entries.first(where: { $0.key == "pyimport" })?.value else {
                    throw SchemaError(detail: "Object missing required field `pyimport` - at `\(renderSchemaPath(pluginPath))`",
                                      path: pluginPath)
                }
                pyimport = try SchemaReader.string(node, at: pluginPath + ["pyimport"])
            default:
                throw SchemaReader.typeError(expected: "str | object", got: entry.value, at: pluginPath)
            }
            guard knownPlugins.contains(pyimport) else { throw PluginImportFailure(pyimport: pyimport, path: pluginPath) }
            plugins.append(PluginConfig(name: entry.key, pyimport: pyimport,
                                        kind: try decodePluginKind(pyimport, entry.value, at: pluginPath)))
        }
        return plugins
    }

    private static func decodePluginKind(_ pyimport: String, _ node: TOMLNode, at path: [String]) throws(SchemaError)
        -> PluginConfig.Kind
    {
        let table = node
        if case .string = node { return defaultKind(pyimport) }
        switch pyimport {
        case "qik.pygraph":
            let reader = try SchemaReader(table, at: path, allowed: [
                "pyimport", "ignore-type-checking", "ignore-pydists", "cache", "build-cache", "lock-cache", "check-cache",
                "add-edges", "ignore-imports-from", "ignore-edges",
            ])
            var config = PygraphPluginConfig()
            config.ignoreTypeChecking = try reader.bool("ignore-type-checking") ?? false
            config.ignorePydists = try reader.bool("ignore-pydists") ?? false
            config.cache = try reader.string("cache")
            config.buildCache = try reader.string("build-cache")
            config.lockCache = try reader.string("lock-cache")
            config.checkCache = try reader.string("check-cache")
            config.controls = try decodeControls(reader, at: path)
            return .pygraph(config)
        case "qik.uv":
            let reader = try SchemaReader(table, at: path, allowed: [
                "pyimport", "cache", "python", "index-url", "extra-index-url", "constraint",
            ])
            var config = UVPluginConfig()
            config.cache = try reader.string("cache")
            config.python = try reader.string("python")
            config.indexURL = try reader.string("index-url")
            config.extraIndexURL = try reader.string("extra-index-url")
            if let node = reader["constraint"] { config.constraint = try decodeConstraint(node, at: path + ["constraint"]) }
            return .uv(config)
        default:
            _ = try SchemaReader(table, at: path, allowed: ["pyimport"])
            return .s3
        }
    }

    /// `add-edges = {"a.x" = ["b.y"]}`, `ignore-imports-from = ["**/migrations/**"]`, `ignore-edges = [["a", "b"]]`.
    private static func decodeControls(_ reader: SchemaReader, at path: [String]) throws(SchemaError) -> ImportGraphControls {
        var controls = ImportGraphControls()
        if let node = reader["add-edges"] {
            for entry in try SchemaReader.entries(node, at: path + ["add-edges"]) {
                let where_ = path + ["add-edges", entry.key]
                if case .string(let one) = entry.value { controls.addEdges[entry.key] = [one]; continue }
                controls.addEdges[entry.key] = try SchemaReader.strings(entry.value, at: where_)
            }
        }
        controls.ignoreImportsFrom = try reader.strings("ignore-imports-from") ?? []
        if let node = reader["ignore-edges"] {
            for (index, item) in try SchemaReader.array(node, at: path + ["ignore-edges"]).enumerated() {
                let pair = try SchemaReader.strings(item, at: path + ["ignore-edges", "[\(index)]"])
                guard pair.count == 2 else {
                    throw SchemaError(detail: "Expected `array` of length 2 - at `\(renderSchemaPath(path + ["ignore-edges", "[\(index)]"]))`",
                                      path: path + ["ignore-edges"])
                }
                controls.ignoreEdges.append((pair[0], pair[1]))
            }
        }
        return controls
    }

    private static func defaultKind(_ pyimport: String) -> PluginConfig.Kind {
        switch pyimport {
        case "qik.pygraph": .pygraph(PygraphPluginConfig())
        case "qik.uv": .uv(UVPluginConfig())
        default: .s3
        }
    }
}

/// A plugin the port cannot load (`conf3`); carries the key path so the loader can place it.
struct PluginImportFailure: Error {
    let pyimport: String
    let path: [String]
}
