import QikCore

/// Index entries' paths against byte strings, in git's order (`ByteOrder`), read in place from the entries' path table.
enum PathBytes {
    /// Negative, zero or positive as `bytes` sorts before, equal to or after `entry`'s path.
    static func compare(_ bytes: [UInt8], _ entry: IndexFile.Entry) -> Int {
        entry.withPath { path in bytes.withUnsafeBufferPointer { ByteOrder.compare($0, path) } }
    }

    static func hasPrefix(_ entry: IndexFile.Entry, _ prefix: [UInt8]) -> Bool {
        if prefix.isEmpty { return true }
        return entry.withPath { path in
            path.count >= prefix.count && prefix.withUnsafeBufferPointer {
                ByteOrder.compare(UnsafeBufferPointer(rebasing: path[..<prefix.count]), $0) == 0
            }
        }
    }

    /// Whether two entries have the same path.
    static func equal(_ first: IndexFile.Entry, _ second: IndexFile.Entry) -> Bool {
        first.withPath { one in second.withPath { other in ByteOrder.compare(one, other) == 0 } }
    }
}
