/// The import graph as qik 0.2.10's `pygraph.build` writes it (`graph.json`, behaviour spec §9.1).
///
/// `modules` are sorted by dotted name (UTF-8 byte order, which is Python's code-point order) without
/// standard-library top-level names; `edges` are index pairs importer → imported, sorted, made of
/// (1) package → child edges from the nearest preceding ancestor and (2) direct imports. Like rustworkx's
/// multigraph, an edge that is both (a package importing its own child) appears twice.
public struct ImportGraph: Hashable, Sendable {
    public struct Module: Hashable, Sendable {
        public var name: String
        /// Its top-level name is an internal package.
        public var isInternal: Bool

        public init(_ name: String, isInternal: Bool) {
            self.name = name
            self.isInternal = isInternal
        }

        /// `a.b` → `a/b`
        public var path: String { name.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "/") }
    }

    public struct Edge: Hashable, Comparable, Sendable {
        public var importer: Int
        public var imported: Int

        public init(_ importer: Int, _ imported: Int) {
            self.importer = importer
            self.imported = imported
        }

        public static func < (l: Edge, r: Edge) -> Bool {
            (l.importer, l.imported) < (r.importer, r.imported)
        }
    }

    public var modules: [Module]
    public var edges: [Edge]

    public init(modules: [Module], edges: [Edge]) {
        self.modules = modules
        self.edges = edges
    }

    public func index(of module: String) -> Int? {
        modules.firstIndex { $0.name == module }
    }

    /// Builds the graph from grimp-level facts: every module grimp knows (internal modules and import targets)
    /// and the direct imports of each. Mirrors `qik.pygraph.core.build` after its `grimp.build_graph` call.
    public init(allModules: Set<String>, directImports: [String: Set<String>], isInternal: (String) -> Bool) {
        var modules: [Module] = []
        for name in allModules.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let top = name.prefix { $0 != "." }
            if StandardLibrary.contains(topLevel: top) { continue }
            modules.append(Module(name, isInternal: isInternal(String(top))))
        }
        var indexByName: [String: Int] = [:]
        for (i, m) in modules.enumerated() { indexByName[m.name] = i }

        var edges: [Edge] = []
        // qik's `_iter_layered_module_edges`: walk back to the nearest ancestor, giving up at the first
        // top-level (dot-less) name.
        for (i, module) in modules.enumerated() where i > 0 && module.name.contains(".") {
            for j in stride(from: i - 1, through: 0, by: -1) {
                let parent = modules[j].name
                let found = module.name.hasPrefix(parent + ".")
                if found { edges.append(Edge(j, i)) }
                if found || !parent.contains(".") { break }
            }
        }
        for (i, module) in modules.enumerated() {
            for imported in directImports[module.name] ?? [] {
                if let j = indexByName[imported] { edges.append(Edge(i, j)) }
            }
        }
        self.init(modules: modules, edges: edges.sorted())
    }
}
