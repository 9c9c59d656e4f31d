/// The internal modules of a source tree, found in a list of file paths the way grimp's module finder and
/// qik 0.2.10's `pkgutil` scan find them on disk:
///
/// - internal packages are the directories directly on the python path that contain `__init__.py` (plus any
///   `namespacePackages` given by name); top-level single-file modules (`cc.py`) are not internal;
/// - inside a package, a sub-directory is entered only when it has `__init__.py` and its name is an
///   identifier (so "orphan" files below a directory without `__init__.py` are not modules);
/// - a file is a module when it ends in `.py`, has no other dot and does not start with a dot;
///   `a/b/c.py` → `a.b.c`, `a/b/__init__.py` → `a.b`.
public struct ModuleIndex: Sendable {
    public struct ModuleFile: Hashable, Sendable {
        public var module: String
        /// Path of the file as given (relative to the project root).
        public var path: String
        /// The file is an `__init__.py`.
        public var isPackage: Bool
    }

    public let topLevelPackages: Set<String>
    /// One per module, sorted by module name.
    public let moduleFiles: [ModuleFile]
    /// Module names of `moduleFiles` plus namespace directories (without `__init__.py`) inside namespace packages.
    public let modules: Set<String>

    public init(files: [String], pythonPath: String = ".", namespacePackages: [String] = []) {
        let base = pythonPath.trimmingSlashes
        let prefix = base.isEmpty || base == "." ? "" : base + "/"
        var relative: [(path: String, parts: [Substring])] = []
        var initDirs = Set<String>()
        // Byte comparisons: `Substring.hasPrefix` resolves to Foundation's locale-aware search here, which cost
        // more than the rest of the index on 7,000 files.
        for path in files {
            var rel = Substring(path)
            while rel.utf8.starts(with: "./".utf8) { rel = rel.dropFirst(2) }
            guard rel.utf8.starts(with: prefix.utf8) else { continue }
            rel = rel.dropFirst(prefix.count)
            let parts = rel.split(separator: "/", omittingEmptySubsequences: true)
            guard parts.count >= 2 else { continue }
            relative.append((path, parts))
            if parts.last == "__init__.py" { initDirs.insert(parts.dropLast().joined(separator: "/")) }
        }
        let namespaces = Set(namespacePackages)
        var tops = Set<String>()
        for dir in initDirs where !dir.utf8.contains(UInt8(ascii: "/")) && !dir.utf8.contains(UInt8(ascii: ".")) { tops.insert(dir) }
        tops.formUnion(namespaces)

        var found: [String: ModuleFile] = [:]
        var modules = Set<String>()
        for (path, parts) in relative {
            let top = String(parts[0])
            guard tops.contains(top), Self.isModuleFileName(parts[parts.count - 1]) else { continue }
            var inPortion = initDirs.contains(top)
            var dir = top
            var namespaceDirs: [String] = inPortion ? [] : [top]
            var ok = true
            for component in parts.dropFirst().dropLast() {
                dir += "/" + component
                guard Self.isIdentifier(component) else { ok = false; break }
                if initDirs.contains(dir) {
                    inPortion = true
                } else if inPortion {
                    ok = false
                    break
                } else {
                    namespaceDirs.append(dir)
                }
            }
            guard ok else { continue }
            var names = parts.dropLast().map(String.init)
            let stem = parts[parts.count - 1].dropLast(3)
            let isPackage = stem == "__init__"
            if !isPackage { names.append(String(stem)) }
            let module = names.joined(separator: ".")
            found[module] = ModuleFile(module: module, path: path, isPackage: isPackage)
            modules.insert(module)
            for nsDir in namespaceDirs { modules.insert(nsDir.replacingSlashesWithDots) }
        }
        topLevelPackages = tops
        moduleFiles = found.values.sorted { $0.module.utf8.lexicographicallyPrecedes($1.module.utf8) }
        self.modules = modules
    }

    static func isModuleFileName(_ name: Substring) -> Bool {
        name.hasSuffix(".py") && !name.hasPrefix(".") && name.utf8.count { $0 == UInt8(ascii: ".") } == 1
    }

    /// ASCII identifier rules; any non-ASCII character is accepted (Python's `str.isidentifier` allows most).
    static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, !PythonTokenizer.isDigit(first) else { return false }
        return name.utf8.allSatisfy { PythonTokenizer.isNameByte($0) || PythonTokenizer.isDigit($0) }
    }
}

extension String {
    var replacingSlashesWithDots: String {
        split(separator: "/").joined(separator: ".")
    }
}
