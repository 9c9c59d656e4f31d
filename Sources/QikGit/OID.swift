internal import CLibgit2

/// A git object id, kept as libgit2's raw 20 bytes; `hex` is what qik hands out.
struct OID: Hashable, Sendable {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    /// The 20 raw bytes of a SHA-1 id, as stored in the index.
    init(bytes: UnsafeRawBufferPointer) {
        var raw = git_oid()
        withUnsafeMutableBytes(of: &raw.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(20))) }
        self.raw = raw
    }

    init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var raw = git_oid()
        guard git_oid_fromstr(&raw, hex) == 0 else { return nil }
        self.raw = raw
    }

    /// Forty lowercase hex digits.
    var hex: String {
        String(unsafeUninitializedCapacity: 40) { out in
            writeHex(into: UnsafeMutableRawBufferPointer(out))
            return 40
        }
    }

    /// Forty zeros: what qik reports for a tracked file missing from the work tree (`TrackedFile.deletedBlobID`).
    static let zero = OID(git_oid())

    /// `hex` into the first 40 bytes of `out`, without making a `String`.
    func writeHex(into out: UnsafeMutableRawBufferPointer) {
        @inline(__always) func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        withUnsafeBytes(of: raw.id) { bytes in
            for offset in 0..<20 {
                out[offset * 2] = digit(bytes[offset] >> 4)
                out[offset * 2 + 1] = digit(bytes[offset] & 0x0f)
            }
        }
    }

    var isZero: Bool { withUnsafeBytes(of: raw.id) { $0.allSatisfy { $0 == 0 } } }

    static func == (lhs: OID, rhs: OID) -> Bool {
        withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_equal(l, r) == 1 } }
    }

    func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }
}
