import QikCore

/// Index paths against byte strings, in git's order (`ByteOrder`), reading each `String`'s storage in place.
enum PathBytes {
    /// Negative, zero or positive as `bytes` sorts before, equal to or after `path`.
    static func compare(_ bytes: [UInt8], _ path: String) -> Int {
        var path = path
        return path.withUTF8 { utf8 in bytes.withUnsafeBufferPointer { ByteOrder.compare($0, utf8) } }
    }

    static func hasPrefix(_ path: String, _ prefix: [UInt8]) -> Bool {
        if prefix.isEmpty { return true }
        var path = path
        return path.withUTF8 { utf8 in
            utf8.count >= prefix.count && prefix.withUnsafeBufferPointer {
                ByteOrder.compare(UnsafeBufferPointer(rebasing: utf8[..<prefix.count]), $0) == 0
            }
        }
    }
}
