import Testing
@testable import QikCore

@Suite("XXH3-128")
struct XXH3Tests {
    /// xxHash's sanity-check input (tests/sanity_test.c, XSUM_fillTestBuffer): byte i is the top byte of
    /// PRIME32 · PRIME64^i mod 2^64.
    static let sanityBuffer: [UInt8] = {
        let prime32: UInt64 = 2_654_435_761
        let prime64: UInt64 = 11_400_714_785_074_694_797
        let length = XXH3Vectors.sanityBufferTable.map(\.length).max()!
        var generator = prime32
        return (0..<length).map { _ in
            defer { generator &*= prime64 }
            return UInt8(generator >> 56)
        }
    }()

    @Test("matches Python xxhash on sanity-buffer prefixes of every length path")
    func sanityBufferTable() {
        // Given the reference digests of each prefix, when hashing the same prefix, then the hex digests agree.
        Self.sanityBuffer.withUnsafeBytes { buffer in
            for (length, expected) in XXH3Vectors.sanityBufferTable {
                let digest = XXH3.hex(XXH3.hash128(UnsafeRawBufferPointer(rebasing: buffer[..<length])))
                #expect(digest == expected, "length \(length)")
            }
        }
    }

    @Test("the table reaches every length path")
    func tableCoversEveryPath() {
        let lengths = Set(XXH3Vectors.sanityBufferTable.map(\.length))
        // 0, 1–3, 4–8, 9–16, 17–128, 129–240, and the long path with 1, 2 and several 1 KiB blocks.
        for required in [0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1024, 1025, 2048, 2049, 100_000] {
            #expect(lengths.contains(required), "length \(required)")
        }
    }

    @Test("canonical form is big-endian high word then low word")
    func canonicalForm() {
        // xxHash's published XXH3_128bits(NULL, 0, seed 0) = { low 0x6001C324468D497F, high 0x99AA06D3014798D8 }.
        let digest = XXH3.hash128(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(digest.high == 0x99AA_06D3_0147_98D8)
        #expect(digest.low == 0x6001_C324_468D_497F)
        #expect(XXH3.hex((high: 0x0123_4567_89AB_CDEF, low: 0xF)) == "0123456789abcdef000000000000000f")
    }

    @Test("generic entry points agree with the raw-buffer one")
    func genericEntryPoints() {
        let bytes = Array(Self.sanityBuffer.prefix(300))
        let expected = XXH3.hex(bytes.withUnsafeBytes { XXH3.hash128($0) })
        // Contiguous array, non-contiguous sequence, and concatenated string parts.
        #expect(XXH3.hexDigest128(bytes) == expected)
        #expect(XXH3.hexDigest128(bytes.lazy.map { $0 }) == expected)
        #expect(XXH3.hexDigest128(concatenating: ["hello", " ", "world"]) == XXH3.hexDigest128("hello world".utf8))
    }

    @Test("unaligned input start gives the same digests", arguments: [1, 3, 7])
    func unalignedInput(shift: Int) {
        // Given the sanity buffer copied behind `shift` padding bytes, when hashing from the shifted start, then the
        // long and short paths read the same words as from an aligned buffer.
        let shifted = [UInt8](repeating: 0xAA, count: shift) + Self.sanityBuffer.prefix(5000)
        shifted.withUnsafeBytes { buffer in
            for (length, expected) in XXH3Vectors.sanityBufferTable where length <= 5000 {
                let digest = XXH3.hex(XXH3.hash128(UnsafeRawBufferPointer(rebasing: buffer[shift..<(shift + length)])))
                #expect(digest == expected, "length \(length)")
            }
        }
    }
}
