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
        public var problems: [ScanProblem]
        /// Files actually scanned (cache misses or uncached).
        public var scannedFiles: Int
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
        var results = try scanResults(index.moduleFiles, contentIDs: contentIDs, cache: &cache, read: read)
        var problems: [ScanProblem] = []
        for (i, file) in index.moduleFiles.enumerated() where !results.scans[i].problems.isEmpty {
            for k in results.scans[i].problems.indices { results.scans[i].problems[k].file = file.path }
            problems += results.scans[i].problems
        }
        let (names, direct) = resolve(index, results.scans)
        let tops = index.topLevelPackages
        let graph = GraphAssembly.graph(names: names, direct: direct, isInternal: { tops.contains($0) })
        return Result(graph: graph, problems: problems, scannedFiles: results.scanned, names: names, direct: direct)
    }

    /// The scan of each module file: from the cache, else read and scanned in parallel (once per content id).
    private func scanResults(_ moduleFiles: [ModuleIndex.ModuleFile], contentIDs: [String: String],
                             cache: inout ImportCache, read: @Sendable (String) throws -> [UInt8])
        throws -> (scans: [ScanResult], scanned: Int)
    {
        var scans = [ScanResult](repeating: ScanResult(), count: moduleFiles.count)
        var toScan: [Int] = []
        var pendingID = Set<String>()
        var sameContent: [Int] = []
        for (i, file) in moduleFiles.enumerated() {
            if let id = contentIDs[file.path] {
                if pendingID.contains(id) {
                    sameContent.append(i)
                    continue
                }
                if let cached = cache.result(for: id) {
                    scans[i] = cached
                    continue
                }
                pendingID.insert(id)
            }
            toScan.append(i)
        }
        let paths = toScan.map { moduleFiles[$0].path }
        let scanner = ImportScanner()
        let scanned = ConcurrentMap.map(count: paths.count) { k in
            Swift.Result { scanner.scan(try read(paths[k]), file: paths[k]) }
        }
        for (k, i) in toScan.enumerated() {
            scans[i] = try scanned[k].get()
            if let id = contentIDs[moduleFiles[i].path] { cache.store(scans[i], for: id) }
        }
        for i in sameContent { scans[i] = cache.result(for: contentIDs[moduleFiles[i].path]!) ?? ScanResult() }
        return (scans, toScan.count)
    }

    /// Each module's imports resolved to module ids (grimp's rules, then the graph controls). Ids below the
    /// number of known modules are `index.modules`; the rest are external names met on the way.
    private func resolve(_ index: ModuleIndex, _ scans: [ScanResult])
        -> (NameTable, [(importer: Int32, imported: [Int32])])
    {
        var names = NameTable(capacity: index.modules.count * 2)
        for module in index.modules { names.intern(module) }
        var resolver = TargetResolver(knownCount: names.count)
        let controls = options.controls
        var addedBy = [Int](repeating: -1, count: names.count)  // which file last added each id
        var direct: [(importer: Int32, imported: [Int32])] = []
        direct.reserveCapacity(index.moduleFiles.count)
        for (i, file) in index.moduleFiles.enumerated() {
            var targets: [Int32] = []
            func add(_ id: Int32) {
                if Int(id) >= addedBy.count { addedBy += [Int](repeating: -1, count: Int(id) + 1 - addedBy.count) }
                if addedBy[Int(id)] != i {
                    addedBy[Int(id)] = i
                    targets.append(id)
                }
            }
            let dropAll = !controls.ignoreImportsFrom.isEmpty && controls.ignoresImports(ofFile: file.path)
            let importer = Array(file.module.utf8)
            for imp in scans[i].imports where !dropAll && !(options.ignoreTypeChecking && imp.typeChecking) {
                resolver.resolve(imp, importer: importer, importerIsPackage: file.isPackage, in: names)
                for found in resolver.found {
                    switch found {
                    case .module(let id):
                        if !controls.ignoreEdges.isEmpty, controls.ignores(file.module, names.string(id)) { continue }
                        add(id)
                    case .external(let range):
                        if options.ignoreExternal { continue }
                        if !controls.ignoreEdges.isEmpty,
                           controls.ignores(file.module, resolver.withExternal(range) { String(decoding: $0, as: UTF8.self) }) {
                            continue
                        }
                        add(resolver.withExternal(range) { names.intern($0) })
                    }
                }
            }
            // Dynamic imports: a known module, or an external top-level name (unless externals are ignored).
            for added in controls.addEdges[file.module] ?? [] {
                let top = String(added.prefix { $0 != "." })
                let external = !index.topLevelPackages.contains(top)
                if index.modules.contains(added) || (external && !options.ignoreExternal) {
                    add(names.intern(external ? top : added))
                }
            }
            direct.append((names.find(file.module)!, targets))
        }
        return (names, direct)
    }
}
