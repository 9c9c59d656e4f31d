import QikPython

/// Compact description of scanned imports: `a.b` for `import a.b`, `..a.b:c,d` for `from ..a.b import c, d`,
/// with ` tc` appended for TYPE_CHECKING imports.
func describe(_ source: String) -> [String] {
    ImportScanner().scan(source).imports.map(describe)
}

func describe(_ imp: PythonImport) -> String {
    var s = imp.isFrom ? String(repeating: ".", count: imp.level) + imp.module + ":" + imp.names.joined(separator: ",") : imp.module
    if imp.typeChecking { s += " tc" }
    return s
}
