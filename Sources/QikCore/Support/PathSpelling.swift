/// Paths resolved by spelling alone, without asking the file system (symlinks are kept).
public enum PathSpelling {
    /// `path`'s components with `.` and empty ones dropped and each `..` removing the one before it, joined by `/`,
    /// without a leading or trailing `/` (a `..` above the first component is dropped).
    public static func resolvingDots(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        // Not `joined(separator:)`: that generic is not specialized for Substring, and its first call makes the
        // runtime look conformances up by name, scanning every record in the binary (a tenth of a millisecond).
        var joined = ""
        for (position, part) in parts.enumerated() {
            if position > 0 { joined.append("/") }
            joined.append(contentsOf: part)  // String's own Substring overload; `+=` would be the generic one.
        }
        return joined
    }
}
