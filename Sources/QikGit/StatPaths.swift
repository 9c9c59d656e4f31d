/// The relative paths a `BatchStat` batch looks at, as byte ranges that stay put while worker threads read them:
/// index entries' paths where their path table keeps them (no string per entry), other paths copied in.
final class StatPaths: @unchecked Sendable {
    private let ranges: [UnsafeBufferPointer<UInt8>]
    /// Keeps the entries' path tables alive.
    private let entries: [IndexFile.Entry]
    private let copies: UnsafeMutablePointer<UInt8>?

    /// The paths of `entries` at `positions`, then `others`.
    init(entries: [IndexFile.Entry], positions: [Int], then others: [[UInt8]] = []) {
        var ranges: [UnsafeBufferPointer<UInt8>] = []
        ranges.reserveCapacity(positions.count + others.count)
        for position in positions {
            // Valid beyond the closure: a path table's storage never moves, and `self.entries` keeps it.
            ranges.append(entries.withPath(at: position) { $0 })
        }
        let total = others.reduce(0) { $0 + $1.count }
        let copies: UnsafeMutablePointer<UInt8>? = total > 0 ? .allocate(capacity: total) : nil
        var used = 0
        for other in others {
            other.withUnsafeBufferPointer { utf8 in
                if let copies, let base = utf8.baseAddress { (copies + used).update(from: base, count: utf8.count) }
                ranges.append(UnsafeBufferPointer(start: copies.map { $0 + used }, count: utf8.count))
                used += utf8.count
            }
        }
        self.entries = entries
        self.copies = copies
        self.ranges = ranges
    }

    convenience init(_ paths: [String]) {
        self.init(entries: [], positions: [], then: paths.map { Array($0.utf8) })
    }

    deinit { copies?.deallocate() }

    var count: Int { ranges.count }

    /// The bytes of path `position`, valid during `body`.
    func withPath<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(ranges[position]) }
    }
}
