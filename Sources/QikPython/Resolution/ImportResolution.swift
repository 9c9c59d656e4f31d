/// Each module's imports resolved to module ids: grimp's rules (`TargetResolver`), then the graph controls. Ids
/// below the number of known modules are `ModuleIndex.modules`; the rest are external names met on the way.
struct ImportResolution {
    let options: ImportGraphBuilder.Options

    /// What resolution found: the names; per module file in `index.moduleFiles` order, its module id and imported
    /// ids (each once); and how many imports named an internal package but no module of it (`import pkg.gone`).
    struct Resolved {
        var names: NameTable
        var direct: [(importer: Int32, imported: [Int32])]
        var unresolvedInternal: Int
    }

    func resolve(_ index: ModuleIndex, _ scans: ModuleScans) -> Resolved {
        scans.cache.storage.withUnsafeBufferPointer { cached in
            scans.uncached.storage.withUnsafeBufferPointer { uncached in
                resolve(index, scans.sources, cached: cached, uncached: uncached)
            }
        }
    }

    // One loop over buffer pointers, without closures per import: captured variables cost dynamic exclusivity checks.
    private func resolve(_ index: ModuleIndex, _ sources: [ModuleScans.Source], cached: UnsafeBufferPointer<UInt8>,
                         uncached: UnsafeBufferPointer<UInt8>) -> Resolved {
        var names = NameTable(capacity: index.modules.count * 2)
        for module in index.modules { names.intern(module) }
        var resolver = TargetResolver(knownCount: names.count)
        let controls = options.controls
        var targets = TargetSet()
        var direct: [(importer: Int32, imported: [Int32])] = []
        var unresolvedInternal = 0
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
                        if resolver.withExternal(range, { name in index.topLevelPackages.contains(String(decoding: name, as: UTF8.self)) }) {
                            unresolvedInternal += 1
                        }
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
        return Resolved(names: names, direct: direct, unresolvedInternal: unresolvedInternal + resolver.unresolvedPlainImports)
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
