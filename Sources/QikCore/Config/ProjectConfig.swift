/// The whole `qik.toml` of a project, typed (sections 1.3–1.13 of the 0.2.10 behaviour reference).
///
/// Strings are kept as written: templates (`{ctx.…}`, `{module.…}`) are rendered later, per runnable, by `Template`.
/// Tables whose order matters to the original (commands, spaces, modules, plugins) are arrays in file order.
public struct ProjectConfig: Sendable, Equatable {
    /// Absolute path of the project root (the directory holding the root `qik.toml`).
    public var root: String
    /// Absolute path of the file the configuration was read from (`qik.toml`, or `pyproject.toml` for `[tool.qik]`).
    public var file: String
    public var commands: [CommandConfig] = []
    public var ctx: [CtxVar] = []
    public var base = BaseConfig()
    public var defaults = DefaultsConfig()
    public var caches: [CustomCacheConfig] = []
    public var spaces: [SpaceConfig] = []
    public var plugins: [PluginConfig] = []
    public var pydist = PydistConfig()
    /// `[hooks.pre-commit]` / `[hooks.pre-push]`: git-hook selection (port extension, not in 0.2.10).
    public var hooks = HooksConfig()
    /// Commands of each module's own `qik.toml`, keyed by module name (alias when given).
    public var moduleCommands: [String: [CommandConfig]] = [:]

    public init(root: String, file: String) {
        self.root = root
        self.file = file
    }
}

public struct CommandConfig: Sendable, Equatable {
    public var name: String
    public var exec: String = ""
    public var deps: [Dep] = []
    public var artifacts: [String] = []
    public var cache: String?
    public var cacheWhen: CacheWhen?
    public var space: String?
    public var hidden = false
    public var tags: [String] = []
    public var factory = ""
    /// `daemon = true`: a long-running command (port extension, roadmap; not in 0.2.10).
    public var daemon = false

    public init(name: String, exec: String = "") {
        self.name = name
        self.exec = exec
    }

    /// A command is parametrized over modules when its raw exec text mentions `{module`.
    public var isModuleParametrized: Bool { exec.contains("{module") }
}

/// One entry of `deps` / `base.deps`.
public enum Dep: Sendable, Equatable {
    case glob(pattern: String)
    case const(val: String)
    /// `isolated == nil` follows the `--isolated` flag.
    case command(name: String, strict: Bool, isolated: Bool?)
    case pydist(name: String)
    case load(path: String, default: [String])
    case pygraph(pyimport: String)
}

public enum CacheWhen: String, Sendable, Equatable, CaseIterable {
    case success, failed, finished

    public func accepts(exitCode: Int32) -> Bool {
        switch self {
        case .success: exitCode == 0
        case .failed: exitCode != 0
        case .finished: true
        }
    }
}

public struct BaseConfig: Sendable, Equatable {
    public var deps: [Dep] = []
    public init() {}
}

public struct DefaultsConfig: Sendable, Equatable {
    public var cache: String?
    public var cacheWhen: CacheWhen?
    public var pythonPath = "."
    public var venv: VenvConfig?
    public var dotenv: [String] = []
    public init() {}
}

/// `ctx = ["name", {name, type, default, required}]`.
public struct CtxVar: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case str, int, bool }
    public var name: String
    public var type: Kind = .str
    public var defaultValue: CtxValue?
    public var required = true

    public init(name: String, type: Kind = .str, defaultValue: CtxValue? = nil, required: Bool = true) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
    }
}

public enum CtxValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([String])
    case none

    /// How Python's `str.format` renders the value (`True`, `None`, `3`).
    public var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "True" : "False"
        case .list(let l): "[" + l.map { "'\($0)'" }.joined(separator: ", ") + "]"
        case .none: "None"
        }
    }
}

/// `[caches.<name>]`: a custom cache provided by a plugin (only `s3` exists).
public struct CustomCacheConfig: Sendable, Equatable {
    public var name: String
    public var type: String
    /// The remaining keys, kebab-case as written, values as strings.
    public var fields: [String: String] = [:]

    public init(name: String, type: String, fields: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.fields = fields
    }
}

public struct ModuleConfig: Sendable, Equatable {
    /// The alias when given, else the path.
    public var name: String
    /// Directory relative to the project root, without trailing `/`.
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}

public struct SpaceConfig: Sendable, Equatable {
    public var name: String
    public var root: String?
    public var modules: [ModuleConfig] = []
    public var fence: Fence = .off
    public var venv: VenvConfig?
    public var dotenv: [String]?

    public init(name: String) { self.name = name }
}

public enum Fence: Sendable, Equatable {
    case off
    /// `fence = true`: the space's own modules.
    case modules
    /// `fence = ["path", {type = "space", name = "other"}]`: modules plus these entries.
    case entries([FenceEntry])
}

public enum FenceEntry: Sendable, Equatable {
    case path(String)
    case space(String)
}

public enum VenvConfig: Sendable, Equatable {
    /// `venv = "reqs.in"` or `["a.in", "b.in"]`: requirement files of the default venv type.
    case reqs(Requirements)
    case active(reqs: [String], lock: String?)
    case space(name: String)
    case uv(reqs: Requirements, lock: String?, python: String?, constraint: UVConstraint?)
}

/// A venv's `reqs`, remembering whether it was written as one string or an array: 0.2.10 hashes the venv's
/// configuration as written (`"reqs":"a.in"` and `"reqs":["a.in"]` are different cache keys).
public enum Requirements: Sendable, Equatable, ExpressibleByArrayLiteral {
    case one(String)
    case list([String])

    public init(arrayLiteral elements: String...) { self = .list(elements) }

    public var files: [String] {
        switch self {
        case .one(let file): [file]
        case .list(let files): files
        }
    }

    var json: CompactJSON {
        switch self {
        case .one(let file): .string(file)
        case .list(let files): .strings(files)
        }
    }
}

public enum UVConstraint: Sendable, Equatable {
    case path(String)
    case space(name: String)
}

public struct PluginConfig: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case pygraph(PygraphPluginConfig)
        case uv(UVPluginConfig)
        case s3
    }

    public var name: String
    public var pyimport: String
    public var kind: Kind

    public init(name: String, pyimport: String, kind: Kind) {
        self.name = name
        self.pyimport = pyimport
        self.kind = kind
    }
}

public struct PygraphPluginConfig: Sendable, Equatable {
    public var ignoreTypeChecking = false
    public var ignorePydists = false
    public var cache: String?
    public var buildCache: String?
    public var lockCache: String?
    public var checkCache: String?
    /// `add-edges`, `ignore-imports-from`, `ignore-edges` (port extension, docs/pygraph.md).
    public var controls = ImportGraphControls()
    public init() {}
}

/// Corrections to the scanned import graph, applied before `graph.json` is written (so before locks and checks).
public struct ImportGraphControls: Sendable, Equatable {
    /// Importer module → modules it loads dynamically (`apps.get_model`, `importlib.import_module`).
    public var addEdges: [String: [String]] = [:]
    /// Glob patterns of files (relative to the root, `**` crosses directories) whose imports are all dropped.
    public var ignoreImportsFrom: [String] = []
    /// Import edges to drop; `imported` also drops imports of its sub-modules.
    public var ignoreEdges: [(importer: String, imported: String)] = []
    public init() {}

    public var isEmpty: Bool { addEdges.isEmpty && ignoreImportsFrom.isEmpty && ignoreEdges.isEmpty }

    public static func == (l: Self, r: Self) -> Bool {
        l.addEdges == r.addEdges && l.ignoreImportsFrom == r.ignoreImportsFrom
            && l.ignoreEdges.map { [$0.importer, $0.imported] } == r.ignoreEdges.map { [$0.importer, $0.imported] }
    }
}

public struct UVPluginConfig: Sendable, Equatable {
    public var cache: String?
    public var python: String?
    public var indexURL: String?
    public var extraIndexURL: String?
    public var constraint: UVConstraint?
    public init() {}
}

public struct PydistConfig: Sendable, Equatable {
    public var versions: [String: String] = [:]
    public var ignoreMissing = false
    public var modules: [String: String] = [:]
    public var ignoreMissingModules = false
    /// `ignore`: distributions never hashed (version `""`) nor written to locks (port extension).
    public var ignore: [String] = []
    public init() {}
}

/// `[hooks]` (port extension): which commands the installed git hooks run.
public struct HooksConfig: Sendable, Equatable {
    public var preCommit: HookConfig?
    public var prePush: HookConfig?
    public init() {}
}

/// `[hooks.pre-commit]` / `[hooks.pre-push]`.
public struct HookConfig: Sendable, Equatable {
    /// Command names (§1.13 syntax) to run; empty = every non-hidden command.
    public var commands: [String] = []
    public var tags: [String] = []
    public var spaces: [String] = []
    /// Re-stage files that fixers modified (only files that were fully staged).
    public var restage = false
    /// Situations in which the hook does nothing (e.g. `merge`, `rebase`).
    public var skip: [String] = []
    public init() {}
}
