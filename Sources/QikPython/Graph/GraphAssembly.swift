/// qik 0.2.10's `core.build` after grimp: the modules of a `NameTable` sorted by name without standard-library
/// top-level names, parent → child edges from the nearest preceding ancestor, then the direct imports; all on
/// ids and bytes (string prefix tests here went through Foundation and took a fifth of a build).
enum GraphAssembly {
    /// - Parameters:
    ///   - direct: importer id → imported ids (each importer once).
    ///   - isInternal: whether a top-level name is an internal package.
    static func graph(names table: NameTable, direct: [(importer: Int32, imported: [Int32])],
                      isInternal: (String) -> Bool) -> ImportGraph {
        let sortedIDs = table.sortedIDs()
        var position = [Int32](repeating: -1, count: table.count)
        var modules: [ImportGraph.Module] = []
        modules.reserveCapacity(table.count)
        var kept: [Int32] = []
        kept.reserveCapacity(table.count)
        var topVerdicts: [String: (std: Bool, internal: Bool)] = [:]
        for id in sortedIDs {
            let name = table.string(id)
            let top = String(name.utf8.prefix { $0 != UInt8(ascii: ".") })!
            let verdict: (std: Bool, internal: Bool)
            if let known = topVerdicts[top] {
                verdict = known
            } else {
                verdict = (StandardLibrary.contains(topLevel: top), isInternal(top))
                topVerdicts[top] = verdict
            }
            if verdict.std { continue }
            position[Int(id)] = Int32(modules.count)
            modules.append(ImportGraph.Module(name, isInternal: verdict.internal))
            kept.append(id)
        }

        var edges: [UInt64] = []
        // `_iter_layered_module_edges`: walk back to the nearest ancestor, giving up at the first dot-less name.
        for i in kept.indices where i > 0 {
            table.withName(kept[i]) { name in
                guard name.contains(UInt8(ascii: ".")) else { return }
                for j in stride(from: i - 1, through: 0, by: -1) {
                    let found = table.withName(kept[j]) { parent in
                        guard name.count > parent.count, name[parent.count] == UInt8(ascii: ".") else {
                            return (false, !parent.contains(UInt8(ascii: ".")))
                        }
                        let prefix = UnsafeBufferPointer(rebasing: name[..<parent.count])
                        return (prefix.elementsEqual(parent), !parent.contains(UInt8(ascii: ".")))
                    }
                    if found.0 { edges.append(UInt64(j) << 32 | UInt64(i)) }
                    if found.0 || found.1 { break }
                }
            }
        }
        for (importer, imported) in direct {
            let i = position[Int(importer)]
            guard i >= 0 else { continue }
            for target in imported {
                let j = position[Int(target)]
                if j >= 0 { edges.append(UInt64(i) << 32 | UInt64(j)) }
            }
        }
        edges.sort()
        return ImportGraph(modules: modules, edges: edges.map { ImportGraph.Edge(Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) })
    }
}
