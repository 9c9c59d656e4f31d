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
    /// `daemon = true`: never returns (a dev server). Not part of the cache key; never cached.
    public let daemon: Bool

    public init(
        name: String, command: String, exec: String, cache: String, cacheWhen: CacheWhen, tags: [String],
        deps: [RunnableDep], artifacts: [String], module: String?, space: String, hidden: Bool = false,
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
            ("shell", .bool(true)),
            ("tags", .strings(tags)),
            ("deps", .array(deps.map(\.specJSON))),
            ("artifacts", .strings(artifacts)),
            ("module", .optional(module)),
            ("args", .object([])),
            ("space", .string(space)),
            ("venv", .array([.null])),
            ("environ", .object([])),
        ])
    }

    public var commandDeps: [(name: String, strict: Bool, isolated: Bool?)] {
        deps.compactMap { dep in
            if case .command(let name, let strict, let isolated) = dep { return (name, strict, isolated) }
            return nil
        }
    }
}
