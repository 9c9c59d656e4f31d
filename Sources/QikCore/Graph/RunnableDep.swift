/// A dependency of one runnable after templating (qik 0.2.10's `qik.dep.*` classes).
public enum RunnableDep: Sendable, Equatable {
    case glob(String)
    case const(String)
    /// `args` are only set by plugins (`uv.install`'s strict dep on `uv.lock` of its space).
    case command(name: String, strict: Bool, isolated: Bool?, args: [RunnableArg] = [])
    case pydist(String)
    case load(path: String, default: [String])
    /// `{type = "pygraph"}`: strict dependency on `<plugin>.lock(pyimport, space)` plus a glob on its lock file.
    case pygraph(pyimport: String, space: String, lockCommand: String, lockPath: String)
    /// 0.2.10's `GraphConfDep` (a `Val` dep): `values` enter the key's vals hash; a change to `watch` (the
    /// config file's name) selects it under `--since`.
    case pluginConfig(values: [String], watch: [String])

    /// The serialization inside the spec JSON: msgspec's tagged struct, tag = the Python class name.
    /// An unset `isolated` is msgspec's UNSET sentinel, which qik 0.2.10 encodes as `[null]`.
    var specJSON: CompactJSON {
        switch self {
        case .glob(let val): .object([("type", .string("Glob")), ("val", .string(val))])
        case .const(let val): .object([("type", .string("Const")), ("val", .string(val))])
        case .pydist(let val): .object([("type", .string("Pydist")), ("val", .string(val))])
        case .command(let name, let strict, let isolated, let args):
            .object([
                ("type", .string("Cmd")), ("val", .string(name)), ("strict", .bool(strict)),
                ("isolated", isolated.map(CompactJSON.bool) ?? .array([.null])),
                ("args", .object(args.map { ($0.key, CompactJSON.string($0.value)) })),
            ])
        case .load(let path, let defaults):
            .object([("type", .string("Load")), ("val", .string(path)), ("default", .strings(defaults))])
        case .pygraph(let pyimport, let space, _, _):
            .object([
                ("type", .string("PygraphDep")), ("val", .string(pyimport)), ("strict", .bool(false)),
                ("isolated", .array([.null])), ("args", .object([])), ("space", .string(space)),
            ])
        case .pluginConfig:
            .object([("type", .string("GraphConfDep")), ("val", .string("pygraph")), ("file", .string(""))])
        }
    }

    /// Patterns `--since` matches changed paths against (0.2.10's `Dep.since`). A `load` dep matches the globs
    /// of its file as it is now (a pygraph lock lists the import closure), else its defaults.
    func sincePatterns(root: String) -> [String] {
        switch self {
        case .glob(let pattern): [pattern]
        case .const: ["*qik.toml"]
        case .load(let path, let defaults): LoadedDeps.read(path, root: root)?.globs ?? defaults
        case .pygraph(_, _, _, let lockPath): [lockPath]
        case .pluginConfig(_, let watch): watch
        case .command, .pydist: []
        }
    }
}
