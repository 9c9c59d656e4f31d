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
        var table = NameTable(capacity: allModules.count)
        for name in allModules { table.intern(name) }
        var direct: [(importer: Int32, imported: [Int32])] = []
        for (importer, imported) in directImports {
            guard let id = table.find(importer) else { continue }
            direct.append((id, imported.compactMap { table.find($0) }))
        }
        self = GraphAssembly.graph(names: table, direct: direct, isInternal: isInternal)
    }
}
