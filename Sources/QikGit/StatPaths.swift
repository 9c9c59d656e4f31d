/// The relative paths a `BatchStat` batch looks at, as byte ranges that stay put while worker threads read them:
/// index entries' paths where their path table keeps them (no string per entry), other paths copied in.
final class StatPaths: @unchecked Sendable {
    private let ranges: [UnsafeBufferPointer<UInt8>]
    /// Keeps the entries' path tables alive.
    private let entries: [IndexFile.Entry]
    /// Holds `others`.
    private let copies: PathTable

    /// The paths of `entries` at `positions`, then `others`.
    init(entries: [IndexFile.Entry], positions: [Int], then others: [[UInt8]] = []) {
        var ranges: [UnsafeBufferPointer<UInt8>] = []
        ranges.reserveCapacity(positions.count + others.count)
        // Valid beyond the closures: a path table's storage never moves, and `self` keeps the tables.
        for position in positions { ranges.append(entries.withPath(at: position) { $0 }) }
        let copies = PathTable(capacity: others.reduce(0) { $0 + $1.count })
        for other in others {
            let start = other.withUnsafeBufferPointer { copies.append($0) }
            ranges.append(copies.bytes(start, Int32(other.count)))
        }
        self.entries = entries
        self.copies = copies
        self.ranges = ranges
    }

    convenience init(_ paths: [String]) {
        self.init(entries: [], positions: [], then: paths.map { Array($0.utf8) })
    }

    var count: Int { ranges.count }

    /// The bytes of path `position`, valid during `body`.
    func withPath<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(ranges[position]) }
    }
}
