/// The imports of one source file, in source order, and the problems met while scanning it.
public struct ScanResult: Hashable, Sendable, Codable {
    public var imports: [PythonImport]
    /// Problems carry an empty `file`; callers that know the path fill it in (`ImportScanner.scan(_:file:)` does).
    public var problems: [ScanProblem]

    public init(imports: [PythonImport] = [], problems: [ScanProblem] = []) {
        self.imports = imports
        self.problems = problems
    }
}
