extension ImportGraph {
    /// Modules reachable from `pyimport` along edges (depth first), plus `pyimport` itself, split by
    /// `isInternal` and sorted; nil when `pyimport` is not in the graph (qik 0.2.10 raises `KeyError`).
    public func closure(of pyimport: String) -> (internal: [String], external: [String])? {
        guard let root = index(of: pyimport) else { return nil }
        var adjacency = [[Int]](repeating: [], count: modules.count)
        for edge in edges { adjacency[edge.importer].append(edge.imported) }
        var seen = [Bool](repeating: false, count: modules.count)
        var stack = [root]
        seen[root] = true
        while let node = stack.popLast() {
            for next in adjacency[node] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        var internalNames: [String] = []
        var externalNames: [String] = []
        for (i, module) in modules.enumerated() where seen[i] {
            if module.isInternal { internalNames.append(module.name) } else { externalNames.append(module.name) }
        }
        return (internalNames, externalNames)
    }

    /// The `globs` of `pygraph.lock` (§9.2): `<path>/**.py` and `<path>.py` for each internal module of the
    /// closure, sorted. qik 0.2.10 does not prefix the python path (a `src` layout gets `pkg/**.py`);
    /// pass `pathPrefix: "src/"` to get paths relative to the project root instead.
    public func lockGlobs(of pyimport: String, pathPrefix: String = "") -> [String]? {
        guard let closure = closure(of: pyimport) else { return nil }
        var globs: [String] = []
        for name in closure.internal {
            let path = pathPrefix + name.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "/")
            globs.append(path + "/**.py")
            globs.append(path + ".py")
        }
        return globs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
