/// `ModuleResolver`'s rules on bytes, against a `NameTable` whose first `knownCount` ids are the known modules:
/// resolving an import builds no Strings.
struct TargetResolver {
    /// A resolved object: a known module (`id < knownCount`), or an external top-level name (a range of
    /// `externalBytes`, read it with `withExternal`).
    enum Target {
        case module(Int32)
        case external(Range<Int>)
    }

    let knownCount: Int
    /// What the last `resolve` call found, in order.
    private(set) var found: [Target] = []
    private var externalBytes: [UInt8] = []
    private var object: [UInt8] = []
    private var absolute: [UInt8] = []

    init(knownCount: Int) {
        self.knownCount = knownCount
    }

    /// Sets `found` to the objects `imp` imports, resolved as `ModuleResolver.resolve(_:importer:importerIsPackage:)`
    /// would (objects that climb above the top level are skipped).
    mutating func resolve(_ imp: PythonImport, importer: [UInt8], importerIsPackage: Bool, in table: NameTable) {
        found.removeAll(keepingCapacity: true)
        externalBytes.removeAll(keepingCapacity: true)
        if !imp.isFrom {
            object.removeAll(keepingCapacity: true)
            Self.append(imp.module, to: &object)
            resolveObject(importer: importer, importerIsPackage: importerIsPackage, in: table)
            return
        }
        // `PythonImport.importedObjects`: dots, then `module.` unless empty, then each name.
        object.removeAll(keepingCapacity: true)
        for _ in 0..<imp.level { object.append(UInt8(ascii: ".")) }
        if !imp.module.isEmpty {
            Self.append(imp.module, to: &object)
            object.append(UInt8(ascii: "."))
        }
        let stem = object.count
        for name in imp.names {
            object.removeLast(object.count - stem)
            Self.append(name, to: &object)
            resolveObject(importer: importer, importerIsPackage: importerIsPackage, in: table)
        }
    }

    /// Through the contiguous UTF-8 (a memcpy); the generic `append(contentsOf: s.utf8)` cost ~180 instructions.
    private static func append(_ s: String, to bytes: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    func withExternal<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try externalBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private mutating func resolveObject(importer: [UInt8], importerIsPackage: Bool, in table: NameTable) {
        guard makeAbsolute(importer: importer, importerIsPackage: importerIsPackage) else { return }
        let target: Target? = absolute.withUnsafeBufferPointer { name in
            if let id = table.find(name), id < knownCount { return .module(id) }
            if let dot = name.lastIndex(of: UInt8(ascii: ".")),
               let id = table.find(UnsafeBufferPointer(rebasing: name[..<dot])), id < knownCount {
                return .module(id)
            }
            let top = name.firstIndex(of: UInt8(ascii: ".")) ?? name.count
            return top > 0 ? .external(0..<top) : nil
        }
        switch target {
        case .module?: found.append(target!)
        case .external(let range)?:
            let start = externalBytes.count
            externalBytes.append(contentsOf: absolute[range])
            found.append(.external(start..<externalBytes.count))
        case nil: break
        }
    }

    /// `ModuleResolver.absoluteName` of `object` into `absolute`; false when the dots climb above the top level.
    private mutating func makeAbsolute(importer: [UInt8], importerIsPackage: Bool) -> Bool {
        absolute.removeAll(keepingCapacity: true)
        let dots = object.firstIndex { $0 != UInt8(ascii: ".") } ?? object.count
        guard dots > 0 else {
            object.withUnsafeBufferPointer { absolute.append(contentsOf: $0) }
            return true
        }
        let parts = importer.count(where: { $0 == UInt8(ascii: ".") }) + 1
        let drop = importerIsPackage ? dots - 1 : dots
        guard drop < parts, dots < object.count else { return false }
        // Keep the first `parts - drop` components of the importer.
        var kept = parts - drop
        var end = 0
        while end < importer.count {
            if importer[end] == UInt8(ascii: ".") {
                kept -= 1
                if kept == 0 { break }
            }
            end += 1
        }
        importer.withUnsafeBufferPointer { absolute.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<end])) }
        absolute.append(UInt8(ascii: "."))
        object.withUnsafeBufferPointer { absolute.append(contentsOf: UnsafeBufferPointer(rebasing: $0[dots...])) }
        return true
    }
}
