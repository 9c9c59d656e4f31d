import Foundation

/// The import graph and distribution metadata, provided from outside QikCore (the `qik` executable implements it
/// with QikPython) so QikCore never parses Python itself.
public protocol ImportGraphBuilding: Sendable {
    /// Builds `graph.json` (0.2.10's bytes) for the tracked Python files of a project.
    func build(_ request: ImportGraphRequest) throws -> ImportGraphOutput
    /// Modules reachable from `pyimport` in a `graph.json` (plus `pyimport`), split by internal/external and
    /// sorted; nil when `pyimport` is not a module of the graph.
    func closure(graphJSON: [UInt8], of pyimport: String) throws -> (internal: [String], external: [String])?
    /// The depth-first tree edges from `root` (rustworkx `digraph_dfs_edges` over the sorted edge list); nil when
    /// `root` is not a module of the graph.
    func treeEdges(graphJSON: [UInt8], from root: String) throws -> [ImportEdge]?
}

/// One edge of the import graph by module names.
public struct ImportEdge: Sendable, Hashable {
    public let importer: String
    public let imported: String
    public let importedIsInternal: Bool
    public init(importer: String, imported: String, importedIsInternal: Bool) {
        self.importer = importer
        self.imported = imported
        self.importedIsInternal = importedIsInternal
    }
}

/// What `pygraph.build` (and `qik :graph`) asks the builder for.
public struct ImportGraphRequest: Sendable {
    /// Absolute project root; file paths are relative to it.
    public var root: String
    /// Tracked `.py` files with their git blob ids (the import cache's keys).
    public var files: [TrackedFile]
    public var pythonPath: String
    public var ignoreTypeChecking: Bool
    public var ignoreExternal: Bool
    public var controls: ImportGraphControls
    /// Directory of the per-file import cache (`._qik/pygraph`); nil disables it.
    public var cacheDirectory: String?

    public init(root: String, files: [TrackedFile], pythonPath: String, ignoreTypeChecking: Bool, ignoreExternal: Bool,
                controls: ImportGraphControls, cacheDirectory: String?) {
        self.root = root
        self.files = files
        self.pythonPath = pythonPath
        self.ignoreTypeChecking = ignoreTypeChecking
        self.ignoreExternal = ignoreExternal
        self.controls = controls
        self.cacheDirectory = cacheDirectory
    }
}

public struct ImportGraphOutput: Sendable {
    /// `graph.json`, byte-identical to 0.2.10's for the same imports.
    public var json: [UInt8]
    public var moduleCount: Int
    public var edgeCount: Int
    /// Files parsed (not answered by the import cache).
    public var scannedFiles: Int
    /// `file:line: message` for sources the scanner could not fully read (the build goes on).
    public var problems: [String]
    /// Direct imports found (importer → imported pairs), and those naming an internal package but none of its modules.
    public var importCount: Int
    public var unresolvedInternalImports: Int

    public init(json: [UInt8], moduleCount: Int, edgeCount: Int, scannedFiles: Int, problems: [String],
                importCount: Int = 0, unresolvedInternalImports: Int = 0) {
        self.json = json
        self.moduleCount = moduleCount
        self.edgeCount = edgeCount
        self.scannedFiles = scannedFiles
        self.problems = problems
        self.importCount = importCount
        self.unresolvedInternalImports = unresolvedInternalImports
    }
}

/// Versions and module → distribution map of a Python environment (§8.3), read from files only.
public struct DistributionCatalog: Sendable, Equatable {
    /// Installed distribution name (as its metadata spells it) → version.
    public var installed: [String: String]
    /// Distribution name → version pinned by the project's lock files (for environments not installed).
    public var locked: [String: String]
    /// Top-level module → distribution names as their metadata spells them (installed distributions only).
    public var modules: [String: [String]]

    public init(installed: [String: String] = [:], locked: [String: String] = [:], modules: [String: [String]] = [:]) {
        self.installed = installed
        self.locked = locked
        self.modules = modules
    }
}

public protocol DistributionProviding: Sendable {
    /// - Parameters:
    ///   - venv: the environment's directory (`$VIRTUAL_ENV`, else `<root>/.venv`).
    ///   - projectRoot: where lock files (`requirements.txt`, `uv.lock`, `poetry.lock`, `pylock.toml`) are read
    ///     for distributions that are not installed.
    func catalog(venv: String, projectRoot: String) -> DistributionCatalog
    /// The `name==version` pins of one requirements-style lock file (a uv space's lock), for a venv that is not
    /// installed yet.
    func pins(lockFile: String) -> [String: String]
}

extension DistributionProviding {
    public func pins(lockFile: String) -> [String: String] { [:] }
}
