/// The paths of one index read, back to back in one block, so that thousands of entries need no string each: one
/// allocation per path was most of reading django's index (6,900 entries). Filled while the index is parsed, then
/// only read; entries keep the table alive and point into it (`IndexFile.Entry.withPath`).
final class PathTable: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written; changes only while the owner fills the table, before any entry is shared.
    private var used = 0

    /// `capacity`: an upper bound on the paths' total length (an index file's size bounds its paths').
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Copies `path` in; returns where it starts.
    func append(_ path: UnsafeBufferPointer<UInt8>) -> Int32 {
        precondition(used + path.count <= capacity, "PathTable capacity exceeded")
        let start = used
        if let base = path.baseAddress { (storage + start).update(from: base, count: path.count) }
        used += path.count
        return Int32(start)
    }

    /// The bytes at `start`: valid while the table lives.
    func bytes(_ start: Int32, _ length: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + Int(start), count: Int(length))
    }

    /// A table holding just `path` (entries built from libgit2's index or by tests).
    static func single(_ path: String) -> (table: PathTable, start: Int32, length: Int32) {
        var path = path
        return path.withUTF8 { utf8 in
            let table = PathTable(capacity: utf8.count)
            return (table, table.append(utf8), Int32(utf8.count))
        }
    }
}
