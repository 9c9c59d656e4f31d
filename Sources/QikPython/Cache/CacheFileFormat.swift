import Foundation

/// The import cache on disk, binary and little-endian (the text format's decode was a third of a rebuild):
///
///     magic "qikimprt", format version u32, entry count u32
///     entry:   content id (str), import count u32, problem count u32, imports, problems
///     import:  module (str), level u32, line u32, flags u8 (1 type-checking, 2 from), name count u32, names (str)
///     problem: line u32, message (str)
///     str:     byte count u32, UTF-8 bytes
///
/// Decoding checks every length against the bytes left: a truncated, corrupted or foreign file decodes to nil
/// (an empty cache), never to a trap or a huge allocation.
enum CacheFileFormat {
    static let magic = Array("qikimprt".utf8)
    static let formatVersion: UInt32 = 2

    static func encode(_ entries: [String: ScanResult]) -> [UInt8] {
        var out = Writer()
        out.bytes += magic
        out.u32(formatVersion)
        out.u32(UInt32(entries.count))
        for id in entries.keys.sorted(by: UTF8Order.less) {
            let result = entries[id]!
            out.string(id)
            out.u32(UInt32(result.imports.count))
            out.u32(UInt32(result.problems.count))
            for imp in result.imports {
                out.string(imp.module)
                out.u32(UInt32(clamping: imp.level))
                out.u32(UInt32(clamping: imp.line))
                out.bytes.append((imp.typeChecking ? 1 : 0) | (imp.isFrom ? 2 : 0))
                out.u32(UInt32(imp.names.count))
                for name in imp.names { out.string(name) }
            }
            for problem in result.problems {
                out.u32(UInt32(clamping: problem.line))
                out.string(problem.message)
            }
        }
        return out.bytes
    }

    static func decode(_ data: UnsafeRawBufferPointer) -> [String: ScanResult]? {
        var input = Reader(data)
        guard input.take(magic.count).map({ $0.elementsEqual(magic) }) == true, input.u32() == formatVersion,
              let count = input.count(minimumSize: 12) else { return nil }
        var entries: [String: ScanResult] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let id = input.string(), let imports = input.count(minimumSize: 17),
                  let problems = input.count(minimumSize: 8) else { return nil }
            var result = ScanResult()
            result.imports.reserveCapacity(imports)
            for _ in 0..<imports {
                guard let module = input.string(), let level = input.u32(), let line = input.u32(),
                      let flags = input.take(1)?.first, flags < 4, let nameCount = input.count(minimumSize: 4)
                else { return nil }
                var names: [String] = []
                names.reserveCapacity(nameCount)
                for _ in 0..<nameCount {
                    guard let name = input.string() else { return nil }
                    names.append(name)
                }
                result.imports.append(PythonImport(module: module, level: Int(level), names: names, line: Int(line),
                                                   typeChecking: flags & 1 != 0, isFrom: flags & 2 != 0))
            }
            for _ in 0..<problems {
                guard let line = input.u32(), let message = input.string() else { return nil }
                result.problems.append(ScanProblem(file: "", line: Int(line), message: message))
            }
            entries[id] = result
        }
        return input.isAtEnd ? entries : nil
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func u32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                u32(UInt32(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
    }

    private struct Reader {
        let data: UnsafeRawBufferPointer
        var offset = 0

        init(_ data: UnsafeRawBufferPointer) { self.data = data }

        var isAtEnd: Bool { offset == data.count }

        mutating func take(_ n: Int) -> UnsafeRawBufferPointer? {
            guard n >= 0, data.count - offset >= n else { return nil }
            defer { offset += n }
            return UnsafeRawBufferPointer(rebasing: data[offset..<(offset + n)])
        }

        mutating func u32() -> UInt32? {
            guard let raw = take(4) else { return nil }
            return UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
        }

        /// A count of records each at least `minimumSize` bytes long, if that many bytes are left.
        mutating func count(minimumSize: Int) -> Int? {
            guard let n = u32().map(Int.init), n <= (data.count - offset) / minimumSize else { return nil }
            return n
        }

        mutating func string() -> String? {
            guard let n = u32(), let raw = take(Int(n)) else { return nil }
            return String(decoding: raw, as: UTF8.self)
        }
    }
}
