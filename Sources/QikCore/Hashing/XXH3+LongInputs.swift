// XXH3-128 for inputs above 240 bytes (XXH3_hashLong_128b with the default secret), scalar version of the reference.
//
// The input is cut into 64-byte stripes. Each stripe feeds eight 64-bit accumulators (XXH3_accumulate_512), with the
// secret advanced 8 bytes per stripe; after 16 stripes (a 1024-byte block) the accumulators are scrambled
// (XXH3_scrambleAcc). The last partial block, then the input's last 64 bytes, are accumulated, and the accumulators
// are merged twice with different secret offsets to give the low and high words.
extension XXH3 {
    static let stripeLength = 64
    static let secretConsumeRate = 8
    static let accumulatorCount = 8
    /// XXH_SECRET_MERGEACCS_START and XXH_SECRET_LASTACC_START.
    static let mergeAccumulatorsStart = 11
    static let lastAccumulatorStart = 7

    static func long(_ input: UnsafeRawPointer, _ length: Int, _ secret: UnsafeRawPointer) -> (high: UInt64, low: UInt64) {
        let secretSize = defaultSecret.count
        let stripesPerBlock = (secretSize - stripeLength) / secretConsumeRate
        let blockLength = stripeLength * stripesPerBlock
        let blockCount = (length - 1) / blockLength

        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: accumulatorCount) { buffer in
            let acc = buffer.baseAddress!
            // XXH3_INIT_ACC.
            acc[0] = prime32_3; acc[1] = prime64_1; acc[2] = prime64_2; acc[3] = prime64_3
            acc[4] = prime64_4; acc[5] = prime32_2; acc[6] = prime64_5; acc[7] = prime32_1

            for block in 0..<blockCount {
                accumulate(acc, input + block * blockLength, secret, stripes: stripesPerBlock)
                scramble(acc, secret + secretSize - stripeLength)
            }
            let remainingStripes = ((length - 1) - blockLength * blockCount) / stripeLength
            accumulate(acc, input + blockCount * blockLength, secret, stripes: remainingStripes)
            // The last stripe always ends at the input's last byte, overlapping bytes already consumed.
            accumulate512(acc, input + length - stripeLength, secret + secretSize - stripeLength - lastAccumulatorStart)

            let low = mergeAccumulators(acc, secret + mergeAccumulatorsStart, start: UInt64(length) &* prime64_1)
            let high = mergeAccumulators(
                acc, secret + secretSize - stripeLength - mergeAccumulatorsStart, start: ~(UInt64(length) &* prime64_2)
            )
            return (high, low)
        }
    }

    /// XXH3_accumulate: `stripes` consecutive stripes, stripe n keyed by the secret at offset 8n.
    @inline(__always)
    static func accumulate(_ acc: UnsafeMutablePointer<UInt64>, _ input: UnsafeRawPointer, _ secret: UnsafeRawPointer, stripes: Int) {
        for stripe in 0..<stripes {
            accumulate512(acc, input + stripe * stripeLength, secret + stripe * secretConsumeRate)
        }
    }

    /// XXH3_accumulate_512 (scalar): lane i adds the 32×32 product of the keyed word, its neighbour adds the raw word.
    @inline(__always)
    static func accumulate512(_ acc: UnsafeMutablePointer<UInt64>, _ input: UnsafeRawPointer, _ secret: UnsafeRawPointer) {
        for lane in 0..<accumulatorCount {
            let data = read64(input, 8 * lane)
            let keyed = data ^ read64(secret, 8 * lane)
            acc[lane ^ 1] &+= data
            acc[lane] &+= (keyed & 0xFFFF_FFFF) &* (keyed >> 32)
        }
    }

    /// XXH3_scrambleAcc (scalar).
    @inline(__always)
    static func scramble(_ acc: UnsafeMutablePointer<UInt64>, _ secret: UnsafeRawPointer) {
        for lane in 0..<accumulatorCount {
            var value = xorShift(acc[lane], 47)
            value ^= read64(secret, 8 * lane)
            value &*= prime32_1
            acc[lane] = value
        }
    }

    /// XXH3_mergeAccs: four XXH3_mix2Accs folds added to `start`, then avalanched.
    @inline(__always)
    static func mergeAccumulators(_ acc: UnsafeMutablePointer<UInt64>, _ secret: UnsafeRawPointer, start: UInt64) -> UInt64 {
        var result = start
        for pair in 0..<4 {
            result &+= multiplyFold64(acc[2 * pair] ^ read64(secret, 16 * pair), acc[2 * pair + 1] ^ read64(secret, 16 * pair + 8))
        }
        return avalanche(result)
    }
}
