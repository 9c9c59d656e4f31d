/// Builds an `ImportGraph` from a list of files (paths relative to the project root, e.g. git-tracked files)
/// and a closure that reads them. Pipeline: `ModuleIndex` (which files are modules) → `ImportScanner`
/// (per file, through `ImportCache` when given) → `ModuleResolver` → `ImportGraph(allModules:…)`.
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
        /// Importer → imported modules as grimp reports them (standard library included, never filtered).
        public var directImports: [String: Set<String>]
        public var problems: [ScanProblem]
        /// Files actually scanned (cache misses or uncached).
        public var scannedFiles: Int
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func build(files: [SourceFile], read: (String) throws -> [UInt8]) rethrows -> Result {
        var cache = ImportCache()
        return try build(files: files, cache: &cache, read: read)
    }

    public func build(files: [SourceFile], cache: inout ImportCache, read: (String) throws -> [UInt8]) rethrows -> Result {
        let index = ModuleIndex(files: files.map(\.path), pythonPath: options.pythonPath,
                                namespacePackages: options.namespacePackages)
        var contentIDs: [String: String] = [:]
        for file in files { if let id = file.contentID { contentIDs[file.path] = id } }
        let resolver = ModuleResolver(index: index)
        let scanner = ImportScanner()
        var direct: [String: Set<String>] = [:]
        var all = index.modules
        var problems: [ScanProblem] = []
        var scanned = 0
        for file in index.moduleFiles {
            let id = contentIDs[file.path]
            var result: ScanResult
            if let id, let cached = cache.result(for: id) {
                result = cached
            } else {
                result = scanner.scan(try read(file.path), file: file.path)
                scanned += 1
                if let id { cache.store(result, for: id) }
            }
            for i in result.problems.indices { result.problems[i].file = file.path }
            problems += result.problems
            var targets = Set<String>()
            let controls = options.controls
            let dropAll = !controls.ignoreImportsFrom.isEmpty && controls.ignoresImports(ofFile: file.path)
            for imp in result.imports where !dropAll && !(options.ignoreTypeChecking && imp.typeChecking) {
                for target in resolver.resolve(imp, importer: file.module, importerIsPackage: file.isPackage)
                where !(options.ignoreExternal && target.isExternal) {
                    if !controls.ignoreEdges.isEmpty, controls.ignores(file.module, target.module) { continue }
                    targets.insert(target.module)
                }
            }
            // Dynamic imports: a known module, or an external top-level name (unless externals are ignored).
            for added in controls.addEdges[file.module] ?? [] {
                let top = String(added.prefix { $0 != "." })
                let external = !index.topLevelPackages.contains(top)
                if index.modules.contains(added) || (external && !options.ignoreExternal) {
                    targets.insert(external ? top : added)
                }
            }
            all.formUnion(targets)
            direct[file.module] = targets
        }
        let tops = index.topLevelPackages
        let graph = ImportGraph(allModules: all, directImports: direct, isInternal: { tops.contains($0) })
        return Result(graph: graph, directImports: direct, problems: problems, scannedFiles: scanned)
    }
}
