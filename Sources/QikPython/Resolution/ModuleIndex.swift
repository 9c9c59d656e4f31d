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
        let prefix = Array((base.isEmpty || base == "." ? "" : base + "/").utf8)
        // Work on bytes: Substring/String operations here resolved to Foundation's locale-aware versions and
        // cost more than the rest of the graph build.
        var relative: [(path: String, rel: [UInt8])] = []
        relative.reserveCapacity(files.count)
        var initDirs = NameTable(capacity: files.count / 4)
        var initDirList: [[UInt8]] = []
        for path in files {
            guard let rel = Self.relativeComponents(path, prefix: prefix) else { continue }
            relative.append((path, rel))
            let lastSlash = rel.lastIndex(of: UInt8(ascii: "/"))!
            if rel[(lastSlash + 1)...].elementsEqual("__init__.py".utf8) {
                let dir = Array(rel[..<lastSlash])
                let known = initDirs.count
                if dir.withUnsafeBufferPointer({ initDirs.intern($0) }) == known { initDirList.append(dir) }
            }
        }
        var tops = Set<String>()
        var topTable = NameTable()
        for dir in initDirList where !dir.contains(UInt8(ascii: "/")) && !dir.contains(UInt8(ascii: ".")) {
            tops.insert(String(decoding: dir, as: UTF8.self))
        }
        tops.formUnion(namespacePackages)
        for top in tops { topTable.intern(top) }

        // One file per module name (the last one listed wins), by interned name id.
        var names = NameTable(capacity: relative.count)
        var found: [ModuleFile] = []
        var modules = Set<String>()
        for (path, rel) in relative {
            rel.withUnsafeBufferPointer { bytes in
                guard let module = Self.module(of: bytes, tops: topTable, initDirs: initDirs, namespaceDirs: &modules) else {
                    return
                }
                let file = ModuleFile(module: module.name, path: path, isPackage: module.isPackage)
                let id = Int(names.intern(module.name))
                if id == found.count { found.append(file) } else { found[id] = file }
                modules.insert(module.name)
            }
        }
        topLevelPackages = tops
        moduleFiles = names.sortedIDs().map { found[Int($0)] }
        self.modules = modules
    }

    /// `path` below the python path with `./` and empty components dropped; nil outside it or with fewer than two
    /// components (a file directly on the python path is never internal).
    private static func relativeComponents(_ path: String, prefix: [UInt8]) -> [UInt8]? {
        let bytes = Array(path.utf8)
        var start = 0
        while bytes.count - start >= 2, bytes[start] == UInt8(ascii: "."), bytes[start + 1] == UInt8(ascii: "/") { start += 2 }
        guard bytes.count - start >= prefix.count, bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { return nil }
        start += prefix.count
        var rel: [UInt8] = []
        rel.reserveCapacity(bytes.count - start)
        var slashes = 0
        for b in bytes[start...] {
            if b == UInt8(ascii: "/") {
                if rel.isEmpty || rel.last == UInt8(ascii: "/") { continue }
                slashes += 1
            }
            rel.append(b)
        }
        if rel.last == UInt8(ascii: "/") {
            rel.removeLast()
            slashes -= 1
        }
        return slashes >= 1 ? rel : nil
    }

    /// The module a file below the python path defines, if any; namespace directories on its way are added to
    /// `namespaceDirs`.
    private static func module(of rel: UnsafeBufferPointer<UInt8>, tops: NameTable, initDirs: NameTable,
                               namespaceDirs: inout Set<String>) -> (name: String, isPackage: Bool)? {
        let slash = UInt8(ascii: "/")
        let firstSlash = rel.firstIndex(of: slash)!
        let lastSlash = rel.lastIndex(of: slash)!
        let fileName = UnsafeBufferPointer(rebasing: rel[(lastSlash + 1)...])
        guard tops.find(UnsafeBufferPointer(rebasing: rel[..<firstSlash])) != nil, isModuleFileName(fileName) else {
            return nil
        }
        var inPortion = initDirs.find(UnsafeBufferPointer(rebasing: rel[..<firstSlash])) != nil
        var namespaceEnds: [Int] = inPortion ? [] : [firstSlash]
        var componentStart = firstSlash + 1
        while componentStart <= lastSlash {
            let end = rel[componentStart...].firstIndex(of: slash)!
            guard isIdentifier(UnsafeBufferPointer(rebasing: rel[componentStart..<end])) else { return nil }
            if initDirs.find(UnsafeBufferPointer(rebasing: rel[..<end])) != nil {
                inPortion = true
            } else if inPortion {
                return nil
            } else {
                namespaceEnds.append(end)
            }
            componentStart = end + 1
        }
        let isPackage = fileName.elementsEqual("__init__.py".utf8)
        for end in namespaceEnds { namespaceDirs.insert(dotted(UnsafeBufferPointer(rebasing: rel[..<end]))) }
        return (dotted(UnsafeBufferPointer(rebasing: rel[..<(isPackage ? lastSlash : rel.count - 3)])), isPackage)
    }

    /// `a/b/c` → `a.b.c`
    private static func dotted(_ path: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: path.count) { out in
            for (i, b) in path.enumerated() { out[i] = b == UInt8(ascii: "/") ? UInt8(ascii: ".") : b }
            return path.count
        }
    }

    static func isModuleFileName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count >= 3 && name.first != UInt8(ascii: ".") && name.suffix(3).elementsEqual(".py".utf8)
            && name.count(where: { $0 == UInt8(ascii: ".") }) == 1
    }

    /// ASCII identifier rules; any non-ASCII character is accepted (Python's `str.isidentifier` allows most).
    static func isIdentifier(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = name.first, !PythonTokenizer.isDigit(first) else { return false }
        return name.allSatisfy { PythonTokenizer.isNameByte($0) || PythonTokenizer.isDigit($0) }
    }
}
