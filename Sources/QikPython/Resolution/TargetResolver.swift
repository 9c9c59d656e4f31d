import Foundation

/// `ModuleResolver`'s rules on bytes, against a `NameTable` whose first `knownCount` ids are the known modules:
/// resolving an import builds no Strings.
struct TargetResolver {
    /// A resolved object: a known module (`id < knownCount`), or an external top-level name (a range of the
    /// external bytes, read it with `withExternal`).
    enum Target {
        case module(Int32)
        case external(Range<Int>)
    }

    let knownCount: Int
    /// What the last `resolve` call found, in order.
    private(set) var found: [Target] = []
    /// Plain `import pkg.gone` statements so far that named no module and fell back to the parent package (for a
    /// `from` import that fallback is normal: the name is an attribute).
    private(set) var unresolvedPlainImports = 0
    private let externalBytes = ScratchBytes()
    private let object = ScratchBytes()
    private let absolute = ScratchBytes()

    init(knownCount: Int) {
        self.knownCount = knownCount
    }

    /// Sets `found` to the objects `imp` imports, resolved as `ModuleResolver.resolve(_:importer:importerIsPackage:)`
    /// would (objects that climb above the top level are skipped).
    mutating func resolve(_ imp: PackedImport, importer: UnsafeBufferPointer<UInt8>, importerIsPackage: Bool,
                          in table: NameTable) {
        found.removeAll(keepingCapacity: true)
        externalBytes.count = 0
        object.count = 0
        if !imp.isFrom {
            object.append(imp.module)
            if resolveObject(importer: importer, importerIsPackage: importerIsPackage, in: table) { unresolvedPlainImports += 1 }
            return
        }
        // `PythonImport.importedObjects`: dots, then `module.` unless empty, then each name.
        for _ in 0..<imp.level { object.append(UInt8(ascii: ".")) }
        if !imp.module.isEmpty {
            object.append(imp.module)
            object.append(UInt8(ascii: "."))
        }
        let stem = object.count
        for name in imp.names {
            object.count = stem
            object.append(name)
            resolveObject(importer: importer, importerIsPackage: importerIsPackage, in: table)
        }
    }

    func withExternal<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: externalBytes.bytes[range]))
    }

    /// True when the object named no known module but its parent is one (the fallback was taken).
    @discardableResult
    private mutating func resolveObject(importer: UnsafeBufferPointer<UInt8>, importerIsPackage: Bool, in table: NameTable) -> Bool {
        guard makeAbsolute(importer: importer, importerIsPackage: importerIsPackage) else { return false }
        let name = absolute.bytes
        if let id = table.find(name), id < knownCount {
            found.append(.module(id))
            return false
        }
        if let dot = name.lastIndex(of: UInt8(ascii: ".")),
           let id = table.find(UnsafeBufferPointer(rebasing: name[..<dot])), id < knownCount {
            found.append(.module(id))
            return true
        }
        let top = name.firstIndex(of: UInt8(ascii: ".")) ?? name.count
        guard top > 0 else { return false }
        let start = externalBytes.count
        externalBytes.append(UnsafeBufferPointer(rebasing: name[..<top]))
        found.append(.external(start..<externalBytes.count))
        return false
    }

    /// `ModuleResolver.absoluteName` of the object into `absolute`; false when the dots climb above the top level.
    private func makeAbsolute(importer: UnsafeBufferPointer<UInt8>, importerIsPackage: Bool) -> Bool {
        absolute.count = 0
        let object = self.object.bytes
        let dots = object.firstIndex { $0 != UInt8(ascii: ".") } ?? object.count
        guard dots > 0 else {
            absolute.append(object)
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
        absolute.append(UnsafeBufferPointer(rebasing: importer[..<end]))
        absolute.append(UInt8(ascii: "."))
        absolute.append(UnsafeBufferPointer(rebasing: object[dots...]))
        return true
    }
}

/// A growable byte buffer for scratch work: no copy-on-write or uniqueness checks, `count = n` truncates.
final class ScratchBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Valid until the next append.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + more))
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = max(capacity * 2, count + more)
    }
}
