/// Paths resolved by spelling alone, without asking the file system (symlinks are kept).
public enum PathSpelling {
    /// `path`'s components with `.` and empty ones dropped and each `..` removing the one before it, joined by `/`,
    /// without a leading or trailing `/` (a `..` above the first component is dropped).
    public static func resolvingDots(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}
