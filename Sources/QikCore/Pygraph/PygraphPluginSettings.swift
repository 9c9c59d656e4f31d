/// The pygraph plugin as configured: its name (the command namespace), options, paths and the config value that
/// enters the cache keys of `build` and `lock` (§9).
public struct PygraphPluginSettings: Sendable {
    public let name: String
    public let config: PygraphPluginConfig
    let project: ProjectConfig

    /// The first plugin whose pyimport is `qik.pygraph` (0.2.10 looks it up by pyimport).
    public init?(project: ProjectConfig) {
        for plugin in project.plugins {
            if case .pygraph(let config) = plugin.kind {
                self.name = plugin.name
                self.config = config
                self.project = project
                return
            }
        }
        return nil
    }

    public var buildCommand: String { name + ".build" }
    public var lockCommand: String { name + ".lock" }
    public var checkCommand: String { name + ".check" }

    /// `coalesce(specific, cache, defaults.cache, "local")` before ctx formatting.
    func rawCache(_ specific: String?) -> String { specific ?? config.cache ?? project.defaults.cache ?? "local" }

    /// `._qik` or, when that runnable's cache is `repo`, `.qik`.
    static func workDir(cache: String) -> String { cache == "repo" ? ".qik" : "._qik" }

    public func graphPath(buildCache: String) -> String {
        "\(Self.workDir(cache: buildCache))/artifacts/\(buildCommand)/graph.json"
    }

    public func lockPath(pyimport: String, space: String?, lockCache: String) -> String {
        let file = space.map { "lock.\(pyimport).\($0).json" } ?? "lock.\(pyimport).json"
        return "\(Self.workDir(cache: lockCache))/artifacts/\(lockCommand)/\(file)"
    }

    /// 0.2.10 hashes `str(msgspec.json.encode(conf))`: Python's repr of the bytes of the plugin table as JSON
    /// (kebab-case keys, defaults omitted). The port's own keys follow, only when set, so a 0.2.10-compatible
    /// table keeps 0.2.10's keys.
    public var configValue: String {
        var fields: [(String, CompactJSON)] = [("pyimport", .string("qik.pygraph"))]
        if config.ignoreTypeChecking { fields.append(("ignore-type-checking", .bool(true))) }
        if config.ignorePydists { fields.append(("ignore-pydists", .bool(true))) }
        for (key, value) in [("cache", config.cache), ("build-cache", config.buildCache), ("lock-cache", config.lockCache),
                             ("check-cache", config.checkCache)] {
            if let value { fields.append((key, .string(value))) }
        }
        let controls = config.controls
        if !controls.addEdges.isEmpty {
            fields.append(("add-edges", .object(controls.addEdges.keys.sorted().map { ($0, .strings(controls.addEdges[$0]!)) })))
        }
        if !controls.ignoreImportsFrom.isEmpty { fields.append(("ignore-imports-from", .strings(controls.ignoreImportsFrom))) }
        if !controls.ignoreEdges.isEmpty {
            fields.append(("ignore-edges", .array(controls.ignoreEdges.map { .strings([$0.importer, $0.imported]) })))
        }
        return Self.pythonBytesRepr(CompactJSON.object(fields).encoded)
    }

    /// `repr(bytes)`: `b'…'`, with `\\`, `\'`, `\t`, `\n`, `\r` and `\xNN` for other non-printable or non-ASCII bytes.
    static func pythonBytesRepr(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let quote: UInt8 = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var out = "b" + String(UnicodeScalar(quote))
        let hex = Array("0123456789abcdef")
        for byte in bytes {
            switch byte {
            case quote, UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case UInt8(ascii: "\t"): out += "\\t"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(byte))
            default: out += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return out + String(UnicodeScalar(quote))
    }
}
