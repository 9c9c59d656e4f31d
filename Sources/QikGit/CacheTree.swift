import Foundation

/// The index's `TREE` extension (cache tree): for each directory git has not invalidated since it last wrote a
/// tree, the id of that tree. `since` asks it once per directory it walks.
///
/// Kept flat, in the extension's own (pre-)order, with names as byte ranges: a walk looks a directory up among
/// its parent's children, so no path string is built and nothing is hashed. (A `[String: OID]` of full paths cost
/// more than the rest of the index on django's 2,000 directories.)
struct CacheTree {
    struct Node {
        /// nil for an invalidated directory (entry count -1).
        var id: OID?
        /// How many index entries the directory holds (git's entry count); meaningful only when `id` is set.
        var entryCount: Int
        var nameStart: Int
        var nameLength: Int
        var subtreeCount: Int
        /// The position after this node's whole subtree: its next sibling, if any.
        var end: Int
    }

    private(set) var nodes: [Node] = []
    private var names: [UInt8] = []

    static let root = 0

    /// The child of `node` named `name` (one path component).
    func child(of node: Int, named name: UnsafeRawBufferPointer) -> Int? {
        var candidate = node + 1
        for _ in 0..<nodes[node].subtreeCount {
            guard candidate < nodes.count else { return nil }
            let found = nodes[candidate]
            if found.nameLength == name.count, names.withUnsafeBufferPointer({
                name.count == 0 || memcmp($0.baseAddress! + found.nameStart, name.baseAddress!, name.count) == 0
            }) { return candidate }
            candidate = found.end
        }
        return nil
    }

    /// The node of a directory (`a/b`, "" for the root), by walking its components.
    func node(at path: String) -> Int? {
        guard !nodes.isEmpty else { return nil }
        var node = Self.root
        for component in path.split(separator: "/") {
            var name = String(component)
            guard let next = name.withUTF8({ child(of: node, named: UnsafeRawBufferPointer($0)) }) else { return nil }
            node = next
        }
        return node
    }

    /// The tree id the cache tree holds for a directory, nil when it has none (unknown or invalidated).
    subscript(path: String) -> OID? {
        node(at: path).flatMap { nodes[$0].id }
    }

    /// Parses the extension's payload; an empty tree when it is malformed (the cache tree is only a shortcut).
    init(parsing bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        var cursor = start
        if !parse(bytes, &cursor, end: end) || cursor != end {
            nodes = []
            names = []
        }
    }

    init() {}

    /// One node and its subtrees: `<name>\0<entry count> <subtree count>\n[<20-byte id>]`.
    private mutating func parse(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, end: Int) -> Bool {
        func find(_ byte: UInt8) -> Int? {
            guard cursor < end, let found = memchr(bytes.baseAddress! + cursor, Int32(byte), end - cursor) else { return nil }
            return bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
        func number(until terminator: UInt8) -> Int? {
            guard let stop = find(terminator), stop > cursor else { return nil }
            var value = 0
            var negative = false
            for position in cursor..<stop {
                let byte = bytes[position]
                if position == cursor, byte == UInt8(ascii: "-") { negative = true; continue }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < Int.max / 10 - 10 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            cursor = stop + 1
            return negative ? -value : value
        }
        guard let nul = find(0) else { return false }
        let nameStart = names.count
        names.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[cursor..<nul]).bindMemory(to: UInt8.self))  // Typed: one copy.
        cursor = nul + 1
        guard let entryCount = number(until: UInt8(ascii: " ")), let subtrees = number(until: UInt8(ascii: "\n")),
              subtrees >= 0 else { return false }
        var id: OID?
        if entryCount >= 0 {
            guard cursor + 20 <= end else { return false }
            id = OID(bytes: UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor + 20)]))
            cursor += 20
        }
        let position = nodes.count
        nodes.append(Node(id: id, entryCount: entryCount, nameStart: nameStart, nameLength: names.count - nameStart, subtreeCount: subtrees, end: 0))
        for _ in 0..<subtrees {
            guard parse(bytes, &cursor, end: end) else { return false }
        }
        nodes[position].end = nodes.count
        return true
    }
}
