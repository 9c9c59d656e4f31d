/// One imported module of an `import` or `from … import` statement, as written (not resolved).
///
/// `import a.b as c, d` gives two values (`a.b` and `d`); `from ..a.b import (c, d)` gives one with
/// `module = "a.b"`, `level = 2`, `names = ["c", "d"]`.
public struct PythonImport: Hashable, Sendable, Codable {
    /// The dotted module after the leading dots; empty for `from . import x`.
    public var module: String
    /// Number of leading dots (0 for absolute imports).
    public var level: Int
    /// Imported names of a `from` import (`*` for a star import); empty for a plain `import`.
    public var names: [String]
    /// 1-based line of the statement's first token.
    public var line: Int
    /// The statement is inside an `if TYPE_CHECKING:` / `if <x>.TYPE_CHECKING:` block.
    public var typeChecking: Bool
    /// `from … import …` rather than `import …`.
    public var isFrom: Bool

    public init(module: String, level: Int = 0, names: [String] = [], line: Int, typeChecking: Bool = false, isFrom: Bool = false) {
        self.module = module
        self.level = level
        self.names = names
        self.line = line
        self.typeChecking = typeChecking
        self.isFrom = isFrom
    }

    /// The objects grimp considers imported: `a.b` for `import a.b`; `.x.y`-style names for from imports
    /// (`from ..a import b` → `..a.b`, `from . import x` → `.x`).
    public var importedObjects: [String] {
        guard isFrom else { return [module] }
        let dots = String(repeating: ".", count: level)
        let prefix = module.isEmpty ? dots : dots + module + "."
        return names.map { prefix + $0 }
    }
}
