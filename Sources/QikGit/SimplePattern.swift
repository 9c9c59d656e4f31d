/// A pathspec pattern that libgit2's matcher (`pathspec_match_one`, default flags: case-sensitive, `*` crosses `/`)
/// decides by byte tests, so `Pathspec` can skip a C call per path: a literal (the path itself or a directory above
/// it) or `<literal>*<literal>` with one run of stars (`pkg/**.py`). Anything else — `?`, `[`, `\`, magic `:`,
/// `!`, two star runs, `.`/`..`/empty components, a trailing `/`, non-ASCII — is left to libgit2.
struct SimplePattern: Sendable, Hashable {
    let prefix: [UInt8]
    /// nil for a literal.
    let suffix: [UInt8]?

    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard let first = bytes.first, first != UInt8(ascii: "!"), first != UInt8(ascii: "/"),
              bytes.last != UInt8(ascii: "/"), bytes.allSatisfy(Self.isPlain) else { return nil }
        let stars = bytes.indices.filter { bytes[$0] == UInt8(ascii: "*") }
        if let start = stars.first {
            guard stars.last! - start + 1 == stars.count else { return nil }  // One run.
            prefix = Array(bytes[..<start])
            suffix = Array(bytes[(stars.last! + 1)...])
        } else {
            prefix = bytes
            suffix = nil
        }
        // `.`, `..` and empty components of the literal parts could be normalised by libgit2.
        for part in [prefix, suffix ?? []] {
            let components = part.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            for (i, component) in components.enumerated() {
                let inner = i > 0 && i < components.count - 1
                if (inner || suffix == nil) && component.isEmpty { return nil }
                if component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8) { return nil }
            }
        }
    }

    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.count >= prefix.count, path.starts(with: prefix) else { return false }
        guard let suffix else {
            return path.count == prefix.count || path[prefix.count] == UInt8(ascii: "/")
        }
        return path.count >= prefix.count + suffix.count && path.suffix(suffix.count).elementsEqual(suffix)
    }

    private static func isPlain(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "*"):
            return true
        default:
            return false
        }
    }
}
