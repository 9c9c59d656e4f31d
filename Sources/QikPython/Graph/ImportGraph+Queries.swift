/// The questions `qik :graph` answers: what a module imports, what imports it, and one chain between two modules.
extension ImportGraph {
    /// Every module `module` imports, directly or transitively (itself excluded), sorted; nil when it is not in the graph.
    public func dependencies(of module: String) -> [String]? {
        reachable(from: module, forward: true)
    }

    /// Every module that imports `module`, directly or transitively (itself excluded), sorted: what a change to it affects.
    public func dependents(of module: String) -> [String]? {
        reachable(from: module, forward: false)
    }

    /// One shortest import chain `from` → … → `to` (breadth first, ties broken by module order); nil when either is
    /// missing, empty when `to` cannot be reached.
    public func chain(from: String, to: String) -> [String]? {
        guard let start = index(of: from), let goal = index(of: to) else { return nil }
        let next = adjacency(forward: true)
        var parent = [Int](repeating: -1, count: modules.count)
        parent[start] = start
        var queue = [start], head = 0
        while head < queue.count, parent[goal] == -1 {
            let node = queue[head]
            head += 1
            for target in next[node] where parent[target] == -1 {
                parent[target] = node
                queue.append(target)
            }
        }
        guard parent[goal] != -1 else { return [] }
        var path = [goal]
        while path.last! != start { path.append(parent[path.last!]) }
        return path.reversed().map { modules[$0].name }
    }

    /// Edges among `names` (for drawing a query's answer), as module-name pairs in graph order.
    public func edges(among names: Set<String>) -> [(String, String)] {
        edges.compactMap { edge in
            let importer = modules[edge.importer].name, imported = modules[edge.imported].name
            return names.contains(importer) && names.contains(imported) ? (importer, imported) : nil
        }
    }

    private func reachable(from module: String, forward: Bool) -> [String]? {
        guard let root = index(of: module) else { return nil }
        let next = adjacency(forward: forward)
        var seen = [Bool](repeating: false, count: modules.count)
        seen[root] = true
        var stack = [root]
        while let node = stack.popLast() {
            for target in next[node] where !seen[target] {
                seen[target] = true
                stack.append(target)
            }
        }
        seen[root] = false
        return modules.indices.filter { seen[$0] }.map { modules[$0].name }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func adjacency(forward: Bool) -> [[Int]] {
        var next = [[Int]](repeating: [], count: modules.count)
        for edge in edges {
            if forward { next[edge.importer].append(edge.imported) } else { next[edge.imported].append(edge.importer) }
        }
        return next
    }
}
