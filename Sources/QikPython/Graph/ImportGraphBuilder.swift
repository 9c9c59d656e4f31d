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
        var uncached = PackedScans()
        let (sources, scanned) = try scanSources(index.moduleFiles, contentIDs: contentIDs, cache: &cache,
                                                 uncached: &uncached, read: read)
        let scans = Scans(cache: cache.scans, uncached: uncached, sources: sources)
        var problems: [ScanProblem] = []
        for (i, file) in index.moduleFiles.enumerated() {
            for var problem in scans.withBody(i, CacheFileFormat.problems) {
                problem.file = file.path
                problems.append(problem)
            }
        }
        let (names, direct) = resolve(index, scans)
        let tops = index.topLevelPackages
        let graph = GraphAssembly.graph(names: names, direct: direct, isInternal: { tops.contains($0) })
        return Result(graph: graph, problems: problems, scannedFiles: scanned, names: names, direct: direct)
    }

    /// Where each module file's packed scan is: the cache's buffer, or the one for files without a content id.
    private struct Scans {
        struct Source {
            var cached: Bool
            var body: Range<Int>
        }

        let cache: PackedScans
        let uncached: PackedScans
        let sources: [Source]

        func withBody<R>(_ file: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let source = sources[file]
            return try (source.cached ? cache : uncached).withBody(source.body, body)
        }
    }

    /// The scan of each module file: from the cache, else read and scanned in parallel (once per content id).
    private func scanSources(_ moduleFiles: [ModuleIndex.ModuleFile], contentIDs: [String: String],
                             cache: inout ImportCache, uncached: inout PackedScans,
                             read: @Sendable (String) throws -> [UInt8]) throws -> ([Scans.Source], Int)
    {
        var sources = [Scans.Source](repeating: .init(cached: false, body: 0..<0), count: moduleFiles.count)
        var toScan: [Int] = []
        var pendingID = Set<String>()
        var sameContent: [Int] = []
        for (i, file) in moduleFiles.enumerated() {
            if let id = contentIDs[file.path] {
                if pendingID.contains(id) {
                    sameContent.append(i)
                    continue
                }
                if let body = cache.body(for: id) {
                    sources[i] = .init(cached: true, body: body)
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
            let result = try scanned[k].get()
            if let id = contentIDs[moduleFiles[i].path] {
                sources[i] = .init(cached: true, body: cache.storeBody(result, for: id))
            } else {
                sources[i] = .init(cached: false, body: uncached.append(result))
            }
        }
        for i in sameContent {
            if let body = cache.body(for: contentIDs[moduleFiles[i].path]!) { sources[i] = .init(cached: true, body: body) }
        }
        return (sources, toScan.count)
    }

    /// Each module's imports resolved to module ids (grimp's rules, then the graph controls). Ids below the
    /// number of known modules are `index.modules`; the rest are external names met on the way.
    private func resolve(_ index: ModuleIndex, _ scans: Scans) -> (NameTable, [(importer: Int32, imported: [Int32])]) {
        scans.cache.storage.withUnsafeBufferPointer { cached in
            scans.uncached.storage.withUnsafeBufferPointer { uncached in
                resolve(index, scans.sources, cached: cached, uncached: uncached)
            }
        }
    }

    private func resolve(_ index: ModuleIndex, _ sources: [Scans.Source], cached: UnsafeBufferPointer<UInt8>,
                         uncached: UnsafeBufferPointer<UInt8>) -> (NameTable, [(importer: Int32, imported: [Int32])]) {
        var names = NameTable(capacity: index.modules.count * 2)
        for module in index.modules { names.intern(module) }
        var resolver = TargetResolver(knownCount: names.count)
        let controls = options.controls
        var targets = TargetSet()
        var direct: [(importer: Int32, imported: [Int32])] = []
        direct.reserveCapacity(index.moduleFiles.count)
        for (i, file) in index.moduleFiles.enumerated() {
            targets.startFile()
            let dropAll = !controls.ignoreImportsFrom.isEmpty && controls.ignoresImports(ofFile: file.path)
            var module = file.module
            let source = sources[i]
            for imp in PackedImports(UnsafeBufferPointer(rebasing: (source.cached ? cached : uncached)[source.body]))
            where !dropAll && !(options.ignoreTypeChecking && imp.typeChecking) {
                module.withUTF8 { resolver.resolve(imp, importer: $0, importerIsPackage: file.isPackage, in: names) }
                for found in resolver.found {
                    switch found {
                    case .module(let id):
                        if !controls.ignoreEdges.isEmpty, controls.ignores(file.module, names.string(id)) { continue }
                        targets.add(id)
                    case .external(let range):
                        if options.ignoreExternal { continue }
                        if !controls.ignoreEdges.isEmpty,
                           controls.ignores(file.module, resolver.withExternal(range) { String(decoding: $0, as: UTF8.self) }) {
                            continue
                        }
                        targets.add(resolver.withExternal(range) { names.intern($0) })
                    }
                }
            }
            // Dynamic imports: a known module, or an external top-level name (unless externals are ignored).
            for added in controls.addEdges[file.module] ?? [] {
                let top = String(added.prefix { $0 != "." })
                let external = !index.topLevelPackages.contains(top)
                if index.modules.contains(added) || (external && !options.ignoreExternal) {
                    targets.add(names.intern(external ? top : added))
                }
            }
            direct.append((names.find(file.module)!, targets.ids))
        }
        return (names, direct)
    }

    /// One file's targets, each once.
    private struct TargetSet {
        private(set) var ids: [Int32] = []
        /// The file that last added each id.
        private var addedBy: [Int] = []
        private var file = -1

        mutating func startFile() {
            file += 1
            ids = []
            ids.reserveCapacity(16)  // One allocation per file rather than one per doubling.
        }

        mutating func add(_ id: Int32) {
            if Int(id) >= addedBy.count { addedBy += repeatElement(-1, count: Int(id) + 1 - addedBy.count) }
            guard addedBy[Int(id)] != file else { return }
            addedBy[Int(id)] = file
            ids.append(id)
        }
    }
}
