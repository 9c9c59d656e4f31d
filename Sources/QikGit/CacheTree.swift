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
        if !parse(bytes, from: start, to: end) {
            nodes = []
            names = []
        }
    }

    init() {}

    /// The nodes in pre-order, each `<name>\0<entry count> <subtree count>\n[<20-byte id>]`, with no recursion (a
    /// malformed extension may nest deeper than the stack) and no per-byte bounds checks: true when the root's tree
    /// ends exactly at `end`.
    private mutating func parse(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        guard let base = bytes.baseAddress, start >= 0, start < end, end <= bytes.count else { return false }
        let text = base.assumingMemoryBound(to: UInt8.self)
        var cursor = start
        /// A decimal number (a leading `-` allowed) ending at `terminator`; nil when malformed.
        func number(until terminator: UInt8) -> Int? {
            var value = 0
            var negative = false
            var digits = 0
            if cursor < end, text[cursor] == UInt8(ascii: "-") {
                negative = true
                cursor += 1
            }
            while cursor < end, text[cursor] != terminator {
                let digit = Int(text[cursor]) - Int(UInt8(ascii: "0"))
                guard digit >= 0, digit <= 9, digits < 18 else { return nil }
                value = value * 10 + digit
                digits += 1
                cursor += 1
            }
            guard cursor < end, digits > 0 else { return nil }
            cursor += 1  // The terminator.
            return negative ? -value : value
        }
        nodes.reserveCapacity((end - start) / 32)
        names.reserveCapacity((end - start) / 2)
        // Nodes whose subtrees are still being read, with how many are left.
        var open: [(node: Int, left: Int)] = []
        repeat {
            guard cursor < end, let nul = memchr(text + cursor, 0, end - cursor) else { return false }
            let nameEnd = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(nul))
            let nameStart = names.count
            names.append(contentsOf: UnsafeBufferPointer(start: text + cursor, count: nameEnd - cursor))
            cursor = nameEnd + 1
            guard let entryCount = number(until: UInt8(ascii: " ")), let subtrees = number(until: UInt8(ascii: "\n")),
                  subtrees >= 0 else { return false }
            var id: OID?
            if entryCount >= 0 {
                guard end - cursor >= 20 else { return false }
                id = OID(bytes: UnsafeRawBufferPointer(start: base + cursor, count: 20))
                cursor += 20
            }
            let position = nodes.count
            nodes.append(Node(id: id, entryCount: entryCount, nameStart: nameStart, nameLength: names.count - nameStart,
                              subtreeCount: subtrees, end: 0))
            if subtrees > 0 {
                open.append((position, subtrees))
                continue
            }
            // A leaf: it ends here, and so does every parent whose last subtree it was.
            nodes[position].end = nodes.count
            while let last = open.last {
                open[open.count - 1].left -= 1
                guard last.left == 1 else { break }
                nodes[last.node].end = nodes.count
                open.removeLast()
            }
        } while !open.isEmpty
        return cursor == end
    }
}
