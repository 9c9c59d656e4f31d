/// One concrete executable instance of a command (a command parametrized over N modules gives N runnables).
public struct Runnable: Sendable, Equatable {
    /// `cmd@space#module?args`, as `qik --ls` prints it (§2.3).
    public let name: String
    /// The command's name (`lint`, `b_module/modcmd`).
    public let command: String
    /// The exec text after templating.
    public let exec: String
    public let cache: String
    public let cacheWhen: CacheWhen
    public let tags: [String]
    /// Base deps first, then the command's own, templated.
    public let deps: [RunnableDep]
    public let artifacts: [String]
    public let module: String?
    public let space: String
    public let hidden: Bool
    /// Set for runnables qik executes itself (plugin functions such as `pygraph.build`); nil for shell commands.
    public let builtin: BuiltinCall?
    /// `daemon = true`: never returns (a dev server). Not part of the cache key; never cached.
    public let daemon: Bool

    public init(
        name: String, command: String, exec: String, cache: String, cacheWhen: CacheWhen, tags: [String],
        deps: [RunnableDep], artifacts: [String], module: String?, space: String, hidden: Bool = false,
        builtin: BuiltinCall? = nil,
        daemon: Bool = false
    ) {
        self.name = name
        self.command = command
        self.exec = exec
        self.cache = cache
        self.cacheWhen = cacheWhen
        self.tags = tags
        self.deps = deps
        self.artifacts = artifacts
        self.module = module
        self.space = space
        self.hidden = hidden
        self.builtin = builtin
        self.daemon = daemon
    }

    /// Cache file stem: every character outside `[A-Za-z0-9]` becomes `__`.
    public var slug: String { Self.slug(name) }

    public static func slug(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count + 8)
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "__"
            }
        }
        return out
    }

    /// The runnable record hashed into the cache key (cache and cache-when blanked), byte-identical to 0.2.10.
    public var specJSON: CompactJSON {
        .object([
            ("name", .string(name)),
            ("cmd", .string(command)),
            ("val", .string(exec)),
            ("cache", .string("")),
            ("cache_when", .string("")),
            ("shell", .bool(builtin == nil)),
            ("tags", .strings(tags)),
            ("deps", .array(deps.map(\.specJSON))),
            ("artifacts", .strings(artifacts)),
            ("module", .optional(module)),
            ("args", .object((builtin?.args ?? []).map { ($0.key, CompactJSON.string($0.value)) })),
            ("space", builtin?.spaceless == true ? .null : .string(space)),
            ("venv", .array([.null])),
            ("environ", .object([])),
        ])
    }

    public var commandDeps: [(name: String, strict: Bool, isolated: Bool?, args: [RunnableArg])] {
        deps.compactMap { dep in
            switch dep {
            case .command(let name, let strict, let isolated): (name, strict, isolated, [])
            case .pygraph(let pyimport, let space, let lockCommand, _):
                // 0.2.10's PygraphDep: always strict, whatever its serialized `strict` says.
                (lockCommand, true, nil, [RunnableArg("pyimport", pyimport), RunnableArg("space", space)])
            default: nil
            }
        }
    }

    /// The text `--ls`-style output shows next to the name: the exec text, or `function(k=v, …)` (§2.3).
    public var description: String {
        guard let builtin, !builtin.args.isEmpty else { return exec }
        return exec + "(" + builtin.args.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
    }
}

/// One `key=value` argument of a runnable (ordered: it is part of the name and of the spec JSON).
public struct RunnableArg: Sendable, Equatable, Hashable {
    public let key: String
    public let value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A runnable that qik executes in-process: `Runnable.exec` holds the 0.2.10 dotted function (its spec `val`).
public struct BuiltinCall: Sendable, Equatable {
    /// Arguments as 0.2.10 stores them in `Runnable.args` (e.g. `pyimport`).
    public let args: [RunnableArg]
    /// 0.2.10 serializes `space` as null (e.g. `pygraph.build`), although the name still gets `@default`.
    public let spaceless: Bool
    public init(args: [RunnableArg] = [], spaceless: Bool = false) {
        self.args = args
        self.spaceless = spaceless
    }
}
