#!/usr/bin/env python3
"""Regenerates the XXH3-128 table in Tests/QikCoreTests/Hashing/XXH3Vectors.swift.

Documentation only: the Swift tests never run Python. Needs `pip install xxhash` (4.1.0 was used; it bundles the
xxHash C library, so its digests are the reference implementation's).

The input is xxHash's own sanity-check buffer (tests/sanity_test.c, XSUM_fillTestBuffer): byte i is the top byte of
PRIME32 * PRIME64**i (mod 2**64). Each length hashes the buffer's prefix of that length with seed 0.
"""
import xxhash

PRIME32 = 2654435761
PRIME64 = 11400714785074694797
MASK = (1 << 64) - 1


def sanity_buffer(length):
    out = bytearray(length)
    gen = PRIME32
    for i in range(length):
        out[i] = gen >> 56
        gen = (gen * PRIME64) & MASK
    return bytes(out)


def lengths():
    result = set(range(0, 301))
    # Stripe (64 bytes) and block (1024 bytes) boundaries of the long path.
    for stripes in range(4, 40):
        result.update({64 * stripes - 1, 64 * stripes, 64 * stripes + 1})
    for blocks in range(1, 5):
        result.update({1024 * blocks - 1, 1024 * blocks, 1024 * blocks + 1, 1024 * blocks + 63, 1024 * blocks + 65})
    result.update({1000, 2048, 4096, 10000, 65536, 100000, 1 << 20})
    return sorted(result)


def main():
    all_lengths = lengths()
    buffer = sanity_buffer(all_lengths[-1])
    print("    static let sanityBufferTable: [(length: Int, hex: String)] = [")
    for n in all_lengths:
        print(f'        ({n}, "{xxhash.xxh3_128_hexdigest(buffer[:n])}"),')
    print("    ]")


if __name__ == "__main__":
    main()
