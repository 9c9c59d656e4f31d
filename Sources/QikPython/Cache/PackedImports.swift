/// The imports of a body that `index` or `appendBody` produced, in order (an iterator rather than a closure: the
/// resolution loop runs once per import of every file).
struct PackedImports: Sequence, IteratorProtocol {
    private var input: CacheFileFormat.Reader
    private var remaining: Int

    init(_ body: UnsafeBufferPointer<UInt8>) {
        input = CacheFileFormat.Reader(body)
        remaining = Int(input.u32() ?? 0)
        _ = input.u32()  // The problem count.
    }

    mutating func next() -> PackedImport? {
        guard remaining > 0, let imp = input.packedImport() else { return nil }
        remaining -= 1
        return imp
    }
}

/// One import of a packed body, pointing into it.
struct PackedImport {
    var module: UnsafeBufferPointer<UInt8>
    var level: Int
    var line: Int
    var typeChecking: Bool
    var isFrom: Bool
    var nameCount: Int
    /// `nameCount` strings (length-prefixed), already checked.
    var nameRecords: UnsafeBufferPointer<UInt8>

    var names: Names { Names(input: CacheFileFormat.Reader(nameRecords), remaining: nameCount) }

    struct Names: Sequence, IteratorProtocol {
        var input: CacheFileFormat.Reader
        var remaining: Int

        mutating func next() -> UnsafeBufferPointer<UInt8>? {
            guard remaining > 0, let name = input.string() else { return nil }
            remaining -= 1
            return name
        }
    }
}
