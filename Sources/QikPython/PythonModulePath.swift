/// Dotted Python import names of module directories, as qik 0.2.10 derives `{module.pyimport}`.
public enum PythonModulePath {
    /// `nest/c` on python path `.` → `nest.c`; on python path `src` → `src/pkg` becomes `pkg`.
    public static func pyimport(ofDirectory path: String, pythonPath: String) -> String {
        var relative = path
        let base = pythonPath.trimmingSlashes
        if !base.isEmpty, base != ".", relative.hasPrefix(base + "/") {
            relative.removeFirst(base.count + 1)
        }
        return relative.trimmingSlashes.split(separator: "/").joined(separator: ".")
    }
}

extension String {
    var trimmingSlashes: String {
        var s = Substring(self)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.hasPrefix("/") { s = s.dropFirst() }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
