/// Turns scanned imports into graph targets with grimp 3.x's rules (`rust/src/import_scanning.rs`):
///
/// 1. Imported objects: `import a.b` → `a.b`; `from m import x, y` → `m.x`, `m.y`; `from . import x` → `.x`.
/// 2. Relative names are made absolute against the importer's package: the module's parent for a plain
///    module, the module itself for an `__init__.py`; each extra dot climbs one package. A name that climbs
///    above the top-level package is dropped (grimp panics on it).
/// 3. Internal: the object itself if it is a known module, else its parent if that is a known module
///    (`from pkg import name` → `pkg.name` or `pkg`; `import a.b.c` → `a.b.c`, or `a.b` when only that exists).
///    Only one level is tried.
/// 4. Otherwise external, squashed to the first component (`requests.adapters` → `requests`). When that first
///    component is itself an internal package (`import a.missing.deep`), grimp still records it, as `a`.
public struct ModuleResolver: Sendable {
    public struct Target: Hashable, Sendable {
        public var module: String
        /// Found by the external rule (4); dropped when external imports are ignored.
        public var isExternal: Bool
    }

    public let modules: Set<String>

    public init(modules: Set<String>) {
        self.modules = modules
    }

    public init(index: ModuleIndex) {
        self.init(modules: index.modules)
    }

    public func resolve(_ imp: PythonImport, importer: String, importerIsPackage: Bool) -> [Target] {
        imp.importedObjects.compactMap { resolve(object: $0, importer: importer, importerIsPackage: importerIsPackage) }
    }

    public func resolve(object: String, importer: String, importerIsPackage: Bool) -> Target? {
        guard let name = Self.absoluteName(object, importer: importer, importerIsPackage: importerIsPackage) else {
            return nil
        }
        if modules.contains(name) { return Target(module: name, isExternal: false) }
        if let dot = name.lastIndex(of: ".") {
            let parent = String(name[..<dot])
            if modules.contains(parent) { return Target(module: parent, isExternal: false) }
        }
        let top = name.prefix { $0 != "." }
        guard !top.isEmpty else { return nil }
        return Target(module: String(top), isExternal: true)
    }

    /// `..x.y` imported from module `a.b.c` → `a.x.y`; nil when the dots climb above the top level.
    public static func absoluteName(_ object: String, importer: String, importerIsPackage: Bool) -> String? {
        let dots = object.prefix { $0 == "." }.count
        guard dots > 0 else { return object }
        var parts = importer.split(separator: ".", omittingEmptySubsequences: false)
        let drop = importerIsPackage ? dots - 1 : dots
        guard drop < parts.count else { return nil }
        parts.removeLast(drop)
        let rest = object.dropFirst(dots)
        guard !rest.isEmpty else { return nil }
        return parts.joined(separator: ".") + "." + rest
    }
}
