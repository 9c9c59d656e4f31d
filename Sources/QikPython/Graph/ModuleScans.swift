/// The packed scan of every module file of a build: answered by the cache, else read and scanned on all cores, once
/// per content id. Bodies live in the cache's buffer, or in `uncached` for files without a content id.
struct ModuleScans {
    struct Source {
        var cached: Bool
        var body: Range<Int>
    }

    let cache: PackedScans
    let uncached: PackedScans
    /// One per module file, in `ModuleIndex.moduleFiles` order.
    let sources: [Source]

    func withBody<R>(_ file: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let source = sources[file]
        return try (source.cached ? cache : uncached).withBody(source.body, body)
    }

    /// The scans of `moduleFiles` and how many files were parsed; new results are stored in `cache`.
    static func collect(_ moduleFiles: [ModuleIndex.ModuleFile], contentIDs: [String: String], cache: inout ImportCache,
                        read: @Sendable (String) throws -> [UInt8]) throws -> (ModuleScans, Int) {
        var sources = [Source](repeating: .init(cached: false, body: 0..<0), count: moduleFiles.count)
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
            Result { scanner.scan(try read(paths[k]), file: paths[k]) }
        }
        var uncached = PackedScans()
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
        return (ModuleScans(cache: cache.scans, uncached: uncached, sources: sources), toScan.count)
    }
}
