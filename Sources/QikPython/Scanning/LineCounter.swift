/// 1-based line numbers of byte offsets, counting `\n`, `\r\n` and a lone `\r` as one line break each.
/// Queries are expected in increasing offset order (the counter only moves forward; a smaller offset restarts it).
struct LineCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func line(at target: Int) -> Int {
        if target < offset {
            offset = 0
            line = 1
        }
        let end = min(target, bytes.count)
        while offset < end {
            let c = bytes[offset]
            if c == UInt8(ascii: "\n") {
                line += 1
            } else if c == UInt8(ascii: "\r"), offset + 1 >= bytes.count || bytes[offset + 1] != UInt8(ascii: "\n") {
                line += 1
            }
            offset += 1
        }
        return line
    }
}
