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
    /// The uv venv the runnable runs in and whose configuration, lock file and distributions it hashes; nil for
    /// the active venv.
    public let venv: UVVenv?
    /// 0.2.10's `venv=None` of the uv plugin's own runnables (spec `null` instead of `[null]`): they hash with the
    /// active venv but still run in their space's environment.
    public let venvless: Bool
    /// Extra environment variables (0.2.10's `environ`, e.g. `UV_CACHE_DIR`), in order; part of the spec JSON.
    public let environ: [RunnableArg]

    public init(
        name: String, command: String, exec: String, cache: String, cacheWhen: CacheWhen, tags: [String],
        deps: [RunnableDep], artifacts: [String], module: String?, space: String, hidden: Bool = false,
        builtin: BuiltinCall? = nil,
        daemon: Bool = false, venv: UVVenv? = nil, venvless: Bool = false, environ: [RunnableArg] = []
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
        self.venv = venv
        self.venvless = venvless
        self.environ = environ
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
            ("venv", venvless ? .null : .array([.null])),
            ("environ", .object(environ.map { ($0.key, CompactJSON.string($0.value)) })),
        ])
    }

    /// Command deps, pygraph lock deps and the venv's install runnable (0.2.10's `venv.runnable_deps`).
    public var commandDeps: [(name: String, strict: Bool, isolated: Bool?, args: [RunnableArg])] {
        deps.compactMap { dep -> (name: String, strict: Bool, isolated: Bool?, args: [RunnableArg])? in
            switch dep {
            case .command(let name, let strict, let isolated, let args): (name, strict, isolated, args)
            case .pygraph(let pyimport, let space, let lockCommand, _):
                // 0.2.10's PygraphDep: always strict, whatever its serialized `strict` says.
                (lockCommand, true, nil, [RunnableArg("pyimport", pyimport), RunnableArg("space", space)])
            default: nil
            }
        } + (venv.map { [($0.installCommand, true, nil, [RunnableArg("space", $0.name)])] } ?? [])
    }

    /// Patterns `--since` matches changed paths against: the deps' and, in a uv space, the venv's requirement and
    /// lock files (0.2.10 adds venv since-deps only to runnables that have a space).
    public func sincePatterns(root: String) -> [String] {
        deps.flatMap { $0.sincePatterns(root: root) } + (venv?.sincePatterns ?? [])
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
