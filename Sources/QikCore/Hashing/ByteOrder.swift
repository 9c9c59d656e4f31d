import Foundation

/// UTF-8 bytes compared as git sorts paths and Python sorts `str` (code-point order): `memcmp`, then the shorter
/// first. Swift's `String.<` compares canonical equivalents instead, and the generic `lexicographicallyPrecedes`
/// is slow on hot paths.
public enum ByteOrder {
    /// Negative, zero or positive as `left` sorts before, equal to or after `right`.
    public static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let l = left.baseAddress, let r = right.baseAddress {
            let order = memcmp(l, r, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }
}
