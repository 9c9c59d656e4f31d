import Foundation
@testable import QikGit
import Testing

/// The `TREE` extension parser on hand-written payloads: nesting, invalidated directories and malformed input.
@Suite("Cache tree parser")
struct CacheTreeTests {
    /// `<name>\0<entry count> <subtree count>\n[<20-byte id>]`, ids filled with `fill`.
    private func node(_ name: String, entries: Int, subtrees: Int, fill: UInt8) -> [UInt8] {
        var bytes = Array(name.utf8) + [0] + Array("\(entries) \(subtrees)\n".utf8)
        if entries >= 0 { bytes += [UInt8](repeating: fill, count: 20) }
        return bytes
    }

    private func parse(_ payload: [UInt8]) -> CacheTree {
        payload.withUnsafeBytes { CacheTree(parsing: $0, from: 0, to: $0.count) }
    }

    @Test func nestedDirectoriesKeepTheirIdsCountsAndExtents() {
        // root(5) { a(3) { deep(1) {} , gone(-1) {} }, b(2) {} }
        let payload = node("", entries: 5, subtrees: 2, fill: 1)
            + node("a", entries: 3, subtrees: 2, fill: 2)
            + node("deep", entries: 1, subtrees: 0, fill: 3)
            + node("gone", entries: -1, subtrees: 0, fill: 0)
            + node("b", entries: 2, subtrees: 0, fill: 4)
        let tree = parse(payload)
        #expect(tree.nodes.count == 5)
        let ones = [UInt8](repeating: 1, count: 20).withUnsafeBytes { OID(bytes: $0) }
        #expect(tree[""] == ones)
        #expect(tree["a/deep"] != nil && tree["a/gone"] == nil && tree["b"] != nil && tree["c"] == nil)
        #expect(tree.nodes.map(\.entryCount) == [5, 3, 1, -1, 2])
        #expect(tree.nodes.map(\.end) == [5, 4, 3, 4, 5], "each node's extent ends after its last subtree")
    }

    @Test func malformedPayloadsGiveAnEmptyTree() {
        let good = node("", entries: 1, subtrees: 1, fill: 1) + node("a", entries: 1, subtrees: 0, fill: 2)
        #expect(parse(good).nodes.count == 2)
        for bad in [
            Array(good.dropLast()),  // Truncated id.
            good + [0x41],  // Trailing bytes.
            node("", entries: 1, subtrees: 2, fill: 1) + node("a", entries: 1, subtrees: 0, fill: 2),  // Missing subtree.
            Array("x\u{0}1 -1\n".utf8),  // Negative subtree count.
            Array("x\u{0}1x 0\n".utf8),  // Not a number.
            Array("x\u{0} 0\n".utf8),  // No digits.
            Array("no terminator".utf8),
            [],
        ] {
            #expect(parse(bad).nodes.isEmpty, "\(bad)")
        }
    }

    /// Deep nesting is read without recursion, so a hostile index cannot exhaust the stack.
    @Test func deepNestingIsReadIteratively() {
        let depth = 100_000
        var payload: [UInt8] = []
        for level in 0..<depth { payload += node("d\(level)", entries: -1, subtrees: level == depth - 1 ? 0 : 1, fill: 0) }
        let tree = parse(payload)
        #expect(tree.nodes.count == depth)
        #expect(tree.nodes.allSatisfy { $0.end == depth })
    }
}
