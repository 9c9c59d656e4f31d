/// A dependency of one runnable after templating (qik 0.2.10's `qik.dep.*` classes).
public enum RunnableDep: Sendable, Equatable {
    case glob(String)
    case const(String)
    case command(name: String, strict: Bool, isolated: Bool?)
    case pydist(String)
    case load(path: String, default: [String])
    case pygraph(pyimport: String)

    /// The serialization inside the spec JSON: msgspec's tagged struct, tag = the Python class name.
    /// An unset `isolated` is msgspec's UNSET sentinel, which qik 0.2.10 encodes as `[null]`.
    var specJSON: CompactJSON {
        switch self {
        case .glob(let val): .object([("type", .string("Glob")), ("val", .string(val))])
        case .const(let val): .object([("type", .string("Const")), ("val", .string(val))])
        case .pydist(let val): .object([("type", .string("Pydist")), ("val", .string(val))])
        case .command(let name, let strict, let isolated):
            .object([
                ("type", .string("Cmd")), ("val", .string(name)), ("strict", .bool(strict)),
                ("isolated", isolated.map(CompactJSON.bool) ?? .array([.null])), ("args", .object([])),
            ])
        case .load(let path, let defaults):
            .object([("type", .string("Load")), ("val", .string(path)), ("default", .strings(defaults))])
        case .pygraph(let pyimport):
            .object([("type", .string("Pygraph")), ("val", .string(pyimport))])
        }
    }

    /// Patterns `--since` matches changed paths against (0.2.10's `Dep.since`).
    var sincePatterns: [String] {
        switch self {
        case .glob(let pattern): [pattern]
        case .const: ["*qik.toml"]
        case .load(_, let defaults): defaults
        case .command, .pydist, .pygraph: []
        }
    }
}
