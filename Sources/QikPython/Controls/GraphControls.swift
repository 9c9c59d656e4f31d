/// Corrections to scanned imports (pygraph `add-edges`, `ignore-imports-from`, `ignore-edges`), applied by
/// `ImportGraphBuilder` after resolution and before the graph is assembled.
public struct GraphControls: Sendable, Hashable {
    /// Importer module → modules it loads dynamically.
    public var addEdges: [String: [String]]
    /// Files whose imports are all dropped.
    public var ignoreImportsFrom: [FileGlob]
    /// (importer, imported) pairs to drop; `imported` also covers its sub-modules.
    public var ignoreEdges: [IgnoredEdge]

    public struct IgnoredEdge: Sendable, Hashable {
        public var importer: String
        public var imported: String
        public init(_ importer: String, _ imported: String) {
            self.importer = importer
            self.imported = imported
        }
    }

    public init(addEdges: [String: [String]] = [:], ignoreImportsFrom: [String] = [], ignoreEdges: [IgnoredEdge] = []) {
        self.addEdges = addEdges
        self.ignoreImportsFrom = ignoreImportsFrom.map(FileGlob.init)
        self.ignoreEdges = ignoreEdges
    }

    public var isEmpty: Bool { addEdges.isEmpty && ignoreImportsFrom.isEmpty && ignoreEdges.isEmpty }

    func ignoresImports(ofFile path: String) -> Bool {
        ignoreImportsFrom.contains { $0.matches(path) }
    }

    func ignores(_ importer: String, _ imported: String) -> Bool {
        ignoreEdges.contains { $0.importer == importer && (imported == $0.imported || imported.hasPrefix($0.imported + ".")) }
    }
}
