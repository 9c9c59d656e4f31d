import QikCore

/// Paths as bytes, in git's order (`ByteOrder`): index entries' paths are read in place from their path table
/// (`Array<IndexFile.Entry>.withPath(at:)`).
enum PathBytes {
    /// Negative, zero or positive as `bytes` sorts before, equal to or after `path`.
    static func compare(_ bytes: [UInt8], _ path: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { ByteOrder.compare($0, path) }
    }

    static func hasPrefix(_ path: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        if prefix.isEmpty { return true }
        return path.count >= prefix.count && prefix.withUnsafeBufferPointer {
            ByteOrder.compare(UnsafeBufferPointer(rebasing: path[..<prefix.count]), $0) == 0
        }
    }

    /// Whether two entries have the same path.
    static func equal(_ first: IndexFile.Entry, _ second: IndexFile.Entry) -> Bool {
        first.withPath { one in second.withPath { other in ByteOrder.compare(one, other) == 0 } }
    }
}

extension Array where Element == IndexFile.Entry {
    /// The path bytes of the entry at `position`, read in place: `self[position].withPath` made an (outlined) copy
    /// of the whole entry first, retain of its path table included, which showed in every loop over thousands.
    func withPath<R>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try ($0.baseAddress! + position).pointee.withPath(body) }
    }
}
