/// Builds an `ImportGraph` from a list of files (paths relative to the project root, e.g. git-tracked files)
/// and a closure that reads them. Pipeline: `ModuleIndex` (which files are modules) → `ModuleScans` (`ImportCache`,
/// else `ImportScanner` on all cores) → `ImportResolution` (`ModuleResolver`'s rules on bytes) → `GraphAssembly`.
public struct ImportGraphBuilder: Sendable {
    public struct Options: Hashable, Sendable {
        /// Directory of the python path relative to the root (`.` or `src`).
        public var pythonPath: String
        /// pygraph `ignore-type-checking`: drop imports inside `if TYPE_CHECKING:` blocks.
        public var ignoreTypeChecking: Bool
        /// pygraph `ignore-pydists`: drop external modules.
        public var ignoreExternal: Bool
        /// Top-level names that are internal without an `__init__.py`.
        public var namespacePackages: [String]
        /// Edges added and removed after resolution (pygraph's import-graph controls).
        public var controls: GraphControls

        public init(pythonPath: String = ".", ignoreTypeChecking: Bool = false, ignoreExternal: Bool = false,
                    namespacePackages: [String] = [], controls: GraphControls = GraphControls()) {
            self.pythonPath = pythonPath
            self.ignoreTypeChecking = ignoreTypeChecking
            self.ignoreExternal = ignoreExternal
            self.namespacePackages = namespacePackages
            self.controls = controls
        }
    }

    public struct SourceFile: Hashable, Sendable {
        public var path: String
        /// Content id (git blob id) for the import cache; nil scans without caching.
        public var contentID: String?

        public init(path: String, contentID: String? = nil) {
            self.path = path
            self.contentID = contentID
        }
    }

    /// The graph plus what grimp would hold before qik's filtering, for diagnostics and differential tests.
    public struct Result: Sendable {
        public var graph: ImportGraph
        public var problems: [ScanProblem]
        /// Files actually scanned (cache misses or uncached).
        public var scannedFiles: Int
        /// Imports of an internal package's name that match none of its modules (`import pkg.gone`).
        public var unresolvedInternalImports: Int
        /// Direct imports after resolution and controls, each importer → imported pair once.
        public var importCount: Int { direct.reduce(0) { $0 + $1.imported.count } }
        fileprivate let names: NameTable
        fileprivate let direct: [(importer: Int32, imported: [Int32])]

        /// Importer → imported modules as grimp reports them (standard library included, never filtered).
        public var directImports: [String: Set<String>] {
            var out: [String: Set<String>] = [:]
            for (importer, imported) in direct { out[names.string(importer)] = Set(imported.map(names.string)) }
            return out
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads and scans every module file (on all cores; `read` is called concurrently), then resolves.
    public func build(files: [SourceFile], read: @Sendable (String) throws -> [UInt8]) throws -> Result {
        var cache = ImportCache()
        return try build(files: files, cache: &cache, read: read)
    }

    public func build(files: [SourceFile], cache: inout ImportCache,
                      read: @Sendable (String) throws -> [UInt8]) throws -> Result {
        let index = ModuleIndex(files: files.map(\.path), pythonPath: options.pythonPath,
                                namespacePackages: options.namespacePackages)
        var contentIDs: [String: String] = [:]
        for file in files { if let id = file.contentID { contentIDs[file.path] = id } }
        let (scans, scanned) = try ModuleScans.collect(index.moduleFiles, contentIDs: contentIDs, cache: &cache, read: read)
        var problems: [ScanProblem] = []
        for (i, file) in index.moduleFiles.enumerated() {
            for var problem in scans.withBody(i, CacheFileFormat.problems) {
                problem.file = file.path
                problems.append(problem)
            }
        }
        let resolved = ImportResolution(options: options).resolve(index, scans)
        let tops = index.topLevelPackages
        let graph = GraphAssembly.graph(names: resolved.names, direct: resolved.direct, isInternal: { tops.contains($0) })
        return Result(graph: graph, problems: problems, scannedFiles: scanned,
                      unresolvedInternalImports: resolved.unresolvedInternal, names: resolved.names, direct: resolved.direct)
    }
}
