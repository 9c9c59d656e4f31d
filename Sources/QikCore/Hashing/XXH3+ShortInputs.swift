// XXH3-128 for inputs of 0 to 240 bytes, seed 0. Each function mirrors the `xxhash.h` function named in its comment;
// with seed 0 every `± seed` term of the reference vanishes.
extension XXH3 {
    /// XXH3_len_0to16_128b, empty input: the avalanched secret words 64–95.
    static func empty(_ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        let flipLow = read64(secret, 64) ^ read64(secret, 72)
        let flipHigh = read64(secret, 80) ^ read64(secret, 88)
        return (avalancheXXH64(flipHigh), avalancheXXH64(flipLow))
    }

    /// XXH3_len_1to3_128b: first, middle and last byte plus the length, packed into 32 bits.
    static func length1to3(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        let first = UInt32(input.load(fromByteOffset: 0, as: UInt8.self))
        let middle = UInt32(input.load(fromByteOffset: length >> 1, as: UInt8.self))
        let last = UInt32(input.load(fromByteOffset: length - 1, as: UInt8.self))
        let combinedLow: UInt32 = (first << 16) | (middle << 24) | last | (UInt32(length) << 8)
        let combinedHigh = rotateLeft(combinedLow.byteSwapped, 13)
        let flipLow = UInt64(read32(secret, 0) ^ read32(secret, 4))
        let flipHigh = UInt64(read32(secret, 8) ^ read32(secret, 12))
        return (avalancheXXH64(UInt64(combinedHigh) ^ flipHigh), avalancheXXH64(UInt64(combinedLow) ^ flipLow))
    }

    /// XXH3_len_4to8_128b: first and last four bytes as one 64-bit word.
    static func length4to8(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        let inputLow = UInt64(read32(input, 0))
        let inputHigh = UInt64(read32(input, length - 4))
        let flip = read64(secret, 16) ^ read64(secret, 24)
        let keyed = (inputLow &+ (inputHigh << 32)) ^ flip
        var m = multiply(keyed, prime64_1 &+ (UInt64(length) << 2))
        m.high &+= m.low << 1
        m.low ^= m.high >> 3
        m.low = xorShift(m.low, 35)
        m.low &*= primeMX2
        m.low = xorShift(m.low, 28)
        return (avalanche(m.high), m.low)
    }

    /// XXH3_len_9to16_128b: first and last eight bytes (overlapping for lengths below 16).
    static func length9to16(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        let flipLow = read64(secret, 32) ^ read64(secret, 40)
        let flipHigh = read64(secret, 48) ^ read64(secret, 56)
        let inputLow = read64(input, 0)
        var inputHigh = read64(input, length - 8)
        var m = multiply(inputLow ^ inputHigh ^ flipLow, prime64_1)
        m.low &+= UInt64(length - 1) << 54
        inputHigh ^= flipHigh
        // The reference's 64-bit variant of `input_hi + XXH_mult32to64(input_hi, PRIME32_2 - 1)`.
        m.high &+= inputHigh &+ (UInt64(UInt32(truncatingIfNeeded: inputHigh)) &* (prime32_2 - 1))
        m.low ^= m.high.byteSwapped
        var h = multiply(m.low, prime64_2)
        h.high &+= m.high &* prime64_2
        return (avalanche(h.high), avalanche(h.low))
    }

    /// XXH3_len_17to128_128b: up to four 32-byte mixes, pairing chunks from the front and the back.
    static func length17to128(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        var acc: (high: UInt64, low: UInt64) = (0, UInt64(length) &* prime64_1)
        var i = (length - 1) / 32
        while true {
            mix32(&acc, input, 16 * i, length - 16 * (i + 1), secret, 32 * i)
            if i == 0 { break }
            i -= 1
        }
        return finishMidSize(acc, length)
    }

    /// XXH3_len_129to240_128b: four 32-byte rounds, an avalanche, the remaining rounds on a shifted secret, then
    /// the last 32 bytes.
    static func length129to240(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        // XXH3_MIDSIZE_STARTOFFSET, XXH3_SECRET_SIZE_MIN and XXH3_MIDSIZE_LASTOFFSET.
        let startOffset = 3, secretSizeMin = 136, lastOffset = 17
        let rounds = length / 32
        var acc: (high: UInt64, low: UInt64) = (0, UInt64(length) &* prime64_1)
        for i in 0..<4 {
            mix32(&acc, input, 32 * i, 32 * i + 16, secret, 32 * i)
        }
        acc = (avalanche(acc.high), avalanche(acc.low))
        for i in 4..<rounds {
            mix32(&acc, input, 32 * i, 32 * i + 16, secret, startOffset + 32 * (i - 4))
        }
        mix32(&acc, input, length - 16, length - 32, secret, secretSizeMin - lastOffset - 16)
        return finishMidSize(acc, length)
    }

    @inline(__always)
    static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
