import Foundation
import QikCore
import QikPython

/// What `qik :graph deps|rdeps|why|stats` prints, in text, JSON, Graphviz dot or Mermaid.
struct GraphReport {
    enum Format: String, CaseIterable {
        case text, json, dot, mermaid
    }

    let graph: ImportGraph
    let format: Format

    /// `deps`/`rdeps`: the modules, and the edges among them and `module` when drawn.
    func modules(_ names: [String], of module: String, key: String) -> String {
        switch format {
        case .text: return names.joined(separator: "\n")
        case .json: return CompactJSON.object([("module", .string(module)), (key, .strings(names))]).encoded
        case .dot, .mermaid: return draw(graph.edges(among: Set(names + [module])))
        }
    }

    /// `why A B`: one chain, or a line saying there is none.
    func chain(_ chain: [String], from: String, to: String) -> String {
        switch format {
        case .text: return chain.isEmpty ? "\(from) does not import \(to), directly or indirectly." : chain.joined(separator: " → ")
        case .json: return CompactJSON.object([("from", .string(from)), ("to", .string(to)), ("chain", .strings(chain))]).encoded
        case .dot, .mermaid: return draw(Array(zip(chain, chain.dropFirst())))
        }
    }

    /// `stats` (text or JSON only; drawing a count makes no sense).
    static func stats(_ rows: [(String, Int)], format: Format) -> String {
        if format == .json { return CompactJSON.object(rows.map { ($0.0, .int($0.1)) }).encoded }
        return rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    /// The whole graph (`qik :graph --format dot|mermaid`).
    func whole() -> String {
        draw(graph.edges.map { (graph.modules[$0.importer].name, graph.modules[$0.imported].name) })
    }

    private func draw(_ edges: [(String, String)]) -> String {
        if format == .dot {
            func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            return (["digraph imports {"] + edges.map { "  \(quoted($0.0)) -> \(quoted($0.1));" } + ["}"]).joined(separator: "\n")
        }
        // Mermaid ids may not contain dots: number the modules and label each node with its name once.
        var ids: [String: String] = [:]
        var lines = ["graph LR"]
        func node(_ name: String) -> String {
            if let id = ids[name] { return id }
            let id = "m\(ids.count)"
            ids[name] = id
            return "\(id)[\"\(name)\"]"
        }
        for (importer, imported) in edges { lines.append("  \(node(importer)) --> \(node(imported))") }
        return lines.joined(separator: "\n")
    }
}
