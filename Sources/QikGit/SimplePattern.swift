import Foundation
import QikCore

/// The pathspec shapes qik.toml uses most (`django/apps/**.py`, `**.py`, `docs`), matched on bytes without calling
/// libgit2, which runs `wildmatch` per path and pattern (a tenth of a cached run's CPU on django).
///
/// Shape: `LITERAL` or `LITERAL *…* LITERAL`, literals free of `*`, `?`, `[`, `\`. libgit2 matches a pathspec
/// (`pathspec_match_one`, default flags) when the path equals the pattern, when `wildmatch` without `WM_PATHNAME`
/// accepts it (there `*` and `**` both match any run of characters, `/` included), or, for a pattern without
/// wildcards, when the path lies below it as a directory. For these shapes that is exactly: equal or below a
/// directory (no star), or starts with the head, ends with the tail and is long enough for both (stars).
/// Anything else (negation, leading `/`, `.`/`..`/empty components, spaces that libgit2 may trim, a trailing `/`) is
/// left to libgit2.
struct SimplePattern: Sendable {
    private let head: [UInt8]
    /// nil for a pattern without a star.
    private let tail: [UInt8]?

    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        // Bytes compared in switches: `"…".utf8.contains(byte)` costs a couple of hundred instructions a call.
        guard let first = bytes.first, let last = bytes.last, !Self.isSpecialFirst(first),
              last != UInt8(ascii: "/"), last != UInt8(ascii: " "), last != UInt8(ascii: "\t"),
              !bytes.contains(where: Self.isUnhandled), !pattern.hasPrefix("./"), !pattern.hasPrefix("../")
        else { return nil }
        // `.`, `..` and empty components might be normalised by libgit2: leave such patterns to it.
        guard !Self.hasDotOrEmptyComponent(bytes) else { return nil }
        let star = UInt8(ascii: "*")
        guard let firstStar = bytes.firstIndex(of: star) else {
            head = bytes
            tail = nil
            return
        }
        var afterStars = firstStar
        while afterStars < bytes.count, bytes[afterStars] == star { afterStars += 1 }
        guard !bytes[afterStars...].contains(star) else { return nil }
        head = Array(bytes[..<firstStar])
        tail = Array(bytes[afterStars...])
    }

    /// Whether a `/`-separated path has an empty, `.` or `..` component (which libgit2 may normalise away).
    static func hasDotOrEmptyComponent(_ path: some Collection<UInt8>) -> Bool {
        path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .contains { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }
    }

    /// A first byte git gives a meaning (magic, negation, anchoring) or that libgit2 may trim.
    private static func isSpecialFirst(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "/"): true
        default: false
        }
    }

    /// Wildcards other than `*`, escapes and line breaks: left to libgit2.
    private static func isUnhandled(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): true
        default: false
        }
    }

    func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(matches)
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let tail else {
            return Self.equal(bytes, at: 0, head) && (bytes.count == head.count || bytes[head.count] == UInt8(ascii: "/"))
        }
        return bytes.count >= head.count + tail.count && Self.equal(bytes, at: 0, head)
            && Self.equal(bytes, at: bytes.count - tail.count, tail)
    }

    /// Whether every path `other` matches is matched by this pattern too, so a pattern list can drop `other`
    /// (`**.py` covers `django/apps/**.py`). Conservative: false when unsure.
    func covers(_ other: SimplePattern) -> Bool {
        switch (tail, other.tail) {
        case (let tail?, let otherTail?):
            return other.head.starts(with: head) && otherTail.count >= tail.count && otherTail.suffix(tail.count).elementsEqual(tail)
        case (nil, nil):
            return other.head == head || other.head.starts(with: head + [UInt8(ascii: "/")])
        case (nil, _?):
            return other.head.starts(with: head + [UInt8(ascii: "/")])
        case (_?, nil):
            return false
        }
    }

    /// `patterns` without the ones another (earlier, when two are equal) covers.
    static func withoutCovered(_ patterns: [SimplePattern]) -> [SimplePattern] {
        guard patterns.count > 1, patterns.count <= 256 else { return patterns }  // Quadratic: keep it bounded.
        return patterns.indices.filter { index in
            !patterns.indices.contains { other in
                other != index && patterns[other].covers(patterns[index])
                    && (other < index || !patterns[index].covers(patterns[other]))
            }
        }.map { patterns[$0] }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ expected: [UInt8]) -> Bool {
        guard offset >= 0, bytes.count - offset >= expected.count else { return false }
        // memcmp, not ByteOrder.compare: this runs for every entry a pattern is tried on, and that call crosses modules.
        return expected.withUnsafeBufferPointer { wanted in
            wanted.isEmpty || memcmp(bytes.baseAddress! + offset, wanted.baseAddress!, wanted.count) == 0
        }
    }
}
