/// The import cache on disk, binary and little-endian (the text format's decode was a third of a rebuild):
///
///     magic "qikimprt", format version u32, entry count u32
///     entry:   content id (str), body
///     body:    import count u32, problem count u32, imports, problems
///     import:  module (str), level u32, line u32, flags u8 (1 type-checking, 2 from), name count u32, names (str)
///     problem: line u32, message (str)
///     str:     byte count u32, UTF-8 bytes
///
/// Bodies are kept as bytes in memory too (`PackedScans`) and resolved from there: decoding every import into
/// Strings and freeing them again cost more than the rest of a rebuild on 20,000 files. Loading walks the whole
/// file checking every length against the bytes left, so a truncated, corrupted or foreign file is rejected as a
/// whole (an empty cache), never a trap or a huge allocation, and later reads of a body cannot fail.
enum CacheFileFormat {
    static let magic = Array("qikimprt".utf8)
    static let formatVersion: UInt32 = 2

    /// The file holding `entries` (content id and body range in `storage`).
    static func encode(_ entries: [(id: String, body: Range<Int>)], storage: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + entries.reduce(0) { $0 + 48 + $1.body.count })
        out += magic
        appendU32(formatVersion, to: &out)
        appendU32(UInt32(entries.count), to: &out)
        storage.withUnsafeBufferPointer { all in
            for (id, body) in entries {
                appendString(id, to: &out)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: all[body]))
            }
        }
        return out
    }

    /// Every entry's content id and body range in `file`; nil unless the whole file is well formed.
    static func index(_ file: UnsafeBufferPointer<UInt8>) -> [(id: String, body: Range<Int>)]? {
        var input = Reader(file)
        guard input.bytes(magic.count).map({ $0.elementsEqual(magic) }) == true, input.u32() == formatVersion,
              let count = input.count(minimumSize: 12) else { return nil }
        var entries: [(id: String, body: Range<Int>)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let id = input.string() else { return nil }
            let start = input.offset
            guard skipBody(&input) else { return nil }
            entries.append((String(decoding: id, as: UTF8.self), start..<input.offset))
        }
        return input.isAtEnd ? entries : nil
    }

    static func appendBody(_ result: ScanResult, to out: inout [UInt8]) {
        appendU32(UInt32(result.imports.count), to: &out)
        appendU32(UInt32(result.problems.count), to: &out)
        for imp in result.imports {
            appendString(imp.module, to: &out)
            appendU32(UInt32(clamping: imp.level), to: &out)
            appendU32(UInt32(clamping: imp.line), to: &out)
            out.append((imp.typeChecking ? 1 : 0) | (imp.isFrom ? 2 : 0))
            appendU32(UInt32(imp.names.count), to: &out)
            for name in imp.names { appendString(name, to: &out) }
        }
        for problem in result.problems {
            appendU32(UInt32(clamping: problem.line), to: &out)
            appendString(problem.message, to: &out)
        }
    }


    static func problems(in body: UnsafeBufferPointer<UInt8>) -> [ScanProblem] {
        var input = Reader(body)
        guard let imports = input.u32(), let problems = input.u32(), problems > 0 else { return [] }
        for _ in 0..<imports { guard input.packedImport() != nil else { return [] } }
        var found: [ScanProblem] = []
        for _ in 0..<problems {
            guard let line = input.u32(), let message = input.string() else { break }
            found.append(ScanProblem(file: "", line: Int(line), message: String(decoding: message, as: UTF8.self)))
        }
        return found
    }

    static func decodeBody(_ body: UnsafeBufferPointer<UInt8>) -> ScanResult {
        var result = ScanResult()
        for imp in PackedImports(body) {
            let names = imp.names.map { String(decoding: $0, as: UTF8.self) }
            result.imports.append(PythonImport(
                module: String(decoding: imp.module, as: UTF8.self), level: imp.level, names: names, line: imp.line,
                typeChecking: imp.typeChecking, isFrom: imp.isFrom))
        }
        result.problems = problems(in: body)
        return result
    }

    private static func skipBody(_ input: inout Reader) -> Bool {
        guard let imports = input.count(minimumSize: 17), let problems = input.count(minimumSize: 8) else { return false }
        for _ in 0..<imports { guard input.packedImport() != nil else { return false } }
        for _ in 0..<problems { guard input.u32() != nil, input.string() != nil else { return false } }
        return true
    }

    private static func appendU32(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            appendU32(UInt32(utf8.count), to: &out)
            out.append(contentsOf: utf8)
        }
    }

    /// Bounds-checked reads; every failure is nil.
    struct Reader {
        let data: UnsafeBufferPointer<UInt8>
        private(set) var offset = 0

        init(_ data: UnsafeBufferPointer<UInt8>) { self.data = data }

        var isAtEnd: Bool { offset == data.count }

        mutating func bytes(_ n: Int) -> UnsafeBufferPointer<UInt8>? {
            guard n >= 0, data.count - offset >= n else { return nil }
            defer { offset += n }
            return UnsafeBufferPointer(rebasing: data[offset..<(offset + n)])
        }

        mutating func u32() -> UInt32? {
            guard let raw = bytes(4) else { return nil }
            return UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 24
        }

        /// A count of records each at least `minimumSize` bytes long, if that many bytes are left.
        mutating func count(minimumSize: Int) -> Int? {
            guard let n = u32().map(Int.init), n <= (data.count - offset) / minimumSize else { return nil }
            return n
        }

        mutating func string() -> UnsafeBufferPointer<UInt8>? {
            guard let n = u32() else { return nil }
            return bytes(Int(n))
        }

        mutating func packedImport() -> PackedImport? {
            guard let module = string(), let level = u32(), let line = u32(), let flags = bytes(1)?.first, flags < 4,
                  let nameCount = count(minimumSize: 4) else { return nil }
            let start = offset
            for _ in 0..<nameCount { guard string() != nil else { return nil } }
            return PackedImport(module: module, level: Int(level), line: Int(line), typeChecking: flags & 1 != 0,
                                isFrom: flags & 2 != 0, nameCount: nameCount,
                                nameRecords: UnsafeBufferPointer(rebasing: data[start..<offset]))
        }
    }
}
