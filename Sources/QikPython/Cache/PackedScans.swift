/// Scan results as `CacheFileFormat` bodies back to back in one buffer, addressed by range: what the import cache
/// holds in memory and what resolution reads, so cached imports never become Strings.
struct PackedScans: Sendable {
    private(set) var storage: [UInt8] = []

    init(storage: [UInt8] = []) {
        self.storage = storage
    }

    mutating func append(_ result: ScanResult) -> Range<Int> {
        let start = storage.count
        CacheFileFormat.appendBody(result, to: &storage)
        return start..<storage.count
    }

    func withBody<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    func decode(_ range: Range<Int>) -> ScanResult {
        withBody(range, CacheFileFormat.decodeBody)
    }
}
