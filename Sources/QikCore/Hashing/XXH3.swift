/// XXH3-128 (seed 0, default 192-byte secret), the hash qik 0.2.10 uses for every cache key.
///
/// Hand-written because no Swift package provides XXH3-128, and qik
/// must produce the digests of Python's `xxhash.xxh3_128_hexdigest` bit for bit to stay compatible with 0.2.10 caches.
/// Follows the xxHash specification and reference code, v0.8.x: https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md
/// and `xxhash.h` (`XXH3_128bits_internal` and the `XXH3_len_*_128b` / `XXH3_hashLong_128b` paths it dispatches to).
///
/// Inputs are read with unaligned little-endian loads straight from the caller's buffer; nothing is copied.
public enum XXH3 {
    /// The 128-bit hash of `bytes`.
    public static func hash128(_ bytes: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64) {
        defaultSecret.withUnsafeBytes { secretBuffer in
            let secret = secretBuffer.baseAddress!
            let length = bytes.count
            guard length > 0, let input = bytes.baseAddress else { return empty(secret) }
            switch length {
            case ...3: return length1to3(input, length, secret)
            case ...8: return length4to8(input, length, secret)
            case ...16: return length9to16(input, length, secret)
            case ...128: return length17to128(input, length, secret)
            case ...midSizeMax: return length129to240(input, length, secret)
            default: return long(input, length, secret)
            }
        }
    }

    /// The 128-bit hash of a byte sequence; contiguous storage (arrays, native strings' UTF-8) is hashed in place.
    public static func hash128<Bytes: Sequence>(_ bytes: Bytes) -> (high: UInt64, low: UInt64) where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash128(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash128($0) }
    }

    /// The canonical hex digest: big-endian `high` then `low`, 32 lowercase hex digits. Equals Python's
    /// `xxhash.xxh3_128_hexdigest`.
    public static func hexDigest128<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(hash128(bytes))
    }

    /// The hex digest of the concatenation of `parts`, without building an intermediate `String`.
    public static func hexDigest128<Parts: Sequence>(concatenating parts: Parts) -> String where Parts.Element: StringProtocol {
        var buffer: [UInt8] = []
        for part in parts { buffer.append(contentsOf: part.utf8) }
        return hexDigest128(buffer)
    }

    /// Canonical form of a 128-bit digest (xxHash's `XXH128_canonicalFromHash`): big-endian high word, then low word.
    public static func hex(_ digest: (high: UInt64, low: UInt64)) -> String {
        String(unsafeUninitializedCapacity: 32) { out in
            for index in 0..<32 {
                let word = index < 16 ? digest.high : digest.low
                let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * (index % 16))) & 0xF
                out[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 32
        }
    }
}

// Constants from xxhash.h (XXH_PRIME32_*, XXH_PRIME64_*, XXH_PRIME_MX*, XXH3_kSecret and the size macros).
extension XXH3 {
    static let prime32_1: UInt64 = 0x9E37_79B1
    static let prime32_2: UInt64 = 0x85EB_CA77
    static let prime32_3: UInt64 = 0xC2B2_AE3D
    static let prime64_1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime64_2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime64_3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime64_4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime64_5: UInt64 = 0x27D4_EB2F_1656_67C5
    static let primeMX1: UInt64 = 0x1656_6791_9E37_79F9
    static let primeMX2: UInt64 = 0x9FB2_1C65_1E98_DF25

    /// XXH3_MIDSIZE_MAX: inputs up to this length take the mid-size path.
    static let midSizeMax = 240

    /// XXH3_kSecret, the 192-byte default secret (XXH_SECRET_DEFAULT_SIZE).
    static let defaultSecret: [UInt8] = [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
        0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
        0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
        0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
    ]
}

// Primitives shared by every length path.
extension XXH3 {
    @inline(__always)
    static func read64(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    static func read32(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// 64×64→128 multiplication (XXH_mult64to128).
    @inline(__always)
    static func multiply(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
        let product = a.multipliedFullWidth(by: b)
        return (product.high, product.low)
    }

    /// XXH3_mul128_fold64: the full product with its halves xor-ed together.
    @inline(__always)
    static func multiplyFold64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    static func xorShift(_ value: UInt64, _ shift: UInt64) -> UInt64 {
        value ^ (value >> shift)
    }

    /// XXH64_avalanche, used by the 0–3 byte paths.
    @inline(__always)
    static func avalancheXXH64(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= prime64_2
        h ^= h >> 29
        h &*= prime64_3
        h ^= h >> 32
        return h
    }

    /// XXH3_avalanche.
    @inline(__always)
    static func avalanche(_ value: UInt64) -> UInt64 {
        var h = xorShift(value, 37)
        h &*= primeMX1
        return xorShift(h, 32)
    }

    /// XXH3_mix16B with seed 0.
    @inline(__always)
    static func mix16(_ input: UnsafeRawPointer, _ inputOffset: Int, _ secret: UnsafeRawPointer, _ secretOffset: Int) -> UInt64 {
        multiplyFold64(
            read64(input, inputOffset) ^ read64(secret, secretOffset),
            read64(input, inputOffset + 8) ^ read64(secret, secretOffset + 8)
        )
    }

    /// XXH128_mix32B with seed 0: two 16-byte lanes, each also folded into the other accumulator.
    @inline(__always)
    static func mix32(
        _ acc: inout (high: UInt64, low: UInt64),
        _ input: UnsafeRawPointer, _ first: Int, _ second: Int,
        _ secret: UnsafeRawPointer, _ secretOffset: Int
    ) {
        acc.low &+= mix16(input, first, secret, secretOffset)
        acc.low ^= read64(input, second) &+ read64(input, second + 8)
        acc.high &+= mix16(input, second, secret, secretOffset + 16)
        acc.high ^= read64(input, first) &+ read64(input, first + 8)
    }

    /// The finalisation shared by the 17–128 and 129–240 byte paths.
    @inline(__always)
    static func finishMidSize(_ acc: (high: UInt64, low: UInt64), _ length: Int) -> (high: UInt64, low: UInt64) {
        let low = acc.low &+ acc.high
        let high = (acc.low &* prime64_1) &+ (acc.high &* prime64_4) &+ (UInt64(length) &* prime64_2)
        return (0 &- avalanche(high), avalanche(low))
    }
}
