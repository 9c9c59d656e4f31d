import Foundation

extension ImportGraph {
    /// Reads a `graph.json` as written by `jsonBytes()` (or by qik 0.2.10).
    public init(json: [UInt8]) throws {
        if let graph = CompactGraphJSON.decode(json) {
            self = graph
            return
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
              let rawModules = object["modules"] as? [[Any]], let rawEdges = object["edges"] as? [[Int]]
        else { throw ImportGraphDecodingError() }
        var modules: [Module] = []
        modules.reserveCapacity(rawModules.count)
        for item in rawModules {
            guard let name = item.first as? String else { throw ImportGraphDecodingError() }
            // msgspec's array_like struct omits a trailing default (`is_internal = True`).
            let isInternal = item.count > 1 ? (item[1] as? Bool ?? true) : true
            modules.append(Module(name, isInternal: isInternal))
        }
        var edges: [Edge] = []
        edges.reserveCapacity(rawEdges.count)
        for pair in rawEdges {
            guard pair.count == 2, modules.indices.contains(pair[0]), modules.indices.contains(pair[1]) else {
                throw ImportGraphDecodingError()
            }
            edges.append(Edge(pair[0], pair[1]))
        }
        self.init(modules: modules, edges: edges)
    }

    /// rustworkx's `digraph_dfs_edges(graph, root)` for a graph whose edges were added in `edges` order (qik
    /// 0.2.10 loads graph.json that way): children in edge order, tree edges only. Nil when `root` is unknown.
    public func dfsTreeEdges(from root: String) -> [Edge]? {
        guard let start = index(of: root) else { return nil }
        var adjacency = [[Int]](repeating: [], count: modules.count)
        for edge in edges { adjacency[edge.importer].append(edge.imported) }
        var visited = [Bool](repeating: false, count: modules.count)
        visited[start] = true
        var result: [Edge] = []
        var stack: [(node: Int, next: Int)] = [(start, 0)]
        while !stack.isEmpty {
            let (node, position) = stack[stack.count - 1]
            let children = adjacency[node]
            var i = position
            var descended = false
            while i < children.count {
                let child = children[i]
                i += 1
                if !visited[child] {
                    visited[child] = true
                    result.append(Edge(node, child))
                    stack[stack.count - 1].next = i
                    stack.append((child, 0))
                    descended = true
                    break
                }
            }
            if !descended { stack.removeLast() }
        }
        return result
    }
}

public struct ImportGraphDecodingError: Error, CustomStringConvertible {
    public var description: String { "graph.json is not an import graph" }
}
