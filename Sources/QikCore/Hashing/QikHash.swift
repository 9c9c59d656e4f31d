import Foundation

/// The two string hashes every part of a qik 0.2.10 cache key is built from (behaviour spec §4):
/// `H(s)` = XXH3-128 hex digest of the UTF-8 bytes of `s`, and `HS(list)` = `H` of the strings concatenated in sorted
/// order.
public enum QikHash {
    /// `H("")`, which is also `HS([])`.
    public static let empty = "99aa06d3014798d86001c324468d497f"

    /// `H(s)`: the XXH3-128 hex digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> String {
        XXH3.hexDigest128(string.utf8)
    }

    /// `HS(list)`: `H` of the concatenation of `strings` sorted in Python's order (see `precedes`). Duplicates are kept,
    /// as the original sorts a list, not a set.
    public static func hashSorted(_ strings: some Sequence<String>) -> String {
        XXH3.hexDigest128(concatenating: strings.sorted(by: precedes))
    }

    /// Python's `str` ordering: lexicographic by Unicode code point, which is the same as comparing UTF-8 bytes.
    ///
    /// Swift's `String.<` is not usable here: it compares canonical equivalents as equal and orders by the NFC form,
    /// so `"e\u{301}" == "é"` and `"\u{212B}" < "\u{D0}"` in Swift, while Python orders both pairs by raw code points
    /// (`"e\u{301}"` first, `"\u{D0}"` first). Different orders would feed different bytes to the hash.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs, rhs = rhs  // `withUTF8` on a native string reads its storage in place.
        return lhs.withUTF8 { left in rhs.withUTF8 { right in ByteOrder.compare(left, right) < 0 } }
    }
}
