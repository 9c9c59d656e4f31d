internal import CLibgit2
import Foundation

/// Git pathspecs with git's default wildcard semantics, the one matcher behind hashing, `--since`, hooks and watch.
///
/// `*` also matches `/` (so `**.py` is every `.py` file at any depth), `?` is one character, `[...]` a class, and a
/// plain path also matches everything below it when it names a directory. Matching is libgit2's
/// `git_pathspec_matches_path` with default flags, so it agrees with `git ls-files <pathspec>`.
///
/// Paths and patterns are both relative to the project root. An empty pattern list matches nothing (qik hashes
/// no files for no patterns); use `Pathspec.everything` for every path.
public struct Pathspec: Sendable, Hashable, CustomStringConvertible {
    public let patterns: [String]
    private let compiled: Compiled?
    /// Set when every pattern is simple enough to match without libgit2 (same answers, no C call per path).
    private let simple: [SimplePattern]?

    public init(_ patterns: [String]) throws {
        ensureLibgit2()
        self.patterns = patterns
        let simple = patterns.compactMap(SimplePattern.init)
        self.simple = simple.count == patterns.count ? simple : nil
        guard !patterns.isEmpty else {
            compiled = nil
            return
        }
        var handle: OpaquePointer?
        let code = withStrarray(patterns) { git_pathspec_new(&handle, $0) }
        try check(code, "compile the pathspec \(patterns)")
        compiled = handle.map(Compiled.init)
    }

    /// Every path.
    public static let everything: Pathspec = try! Pathspec(["*"])  // "*" compiles with any libgit2.

    /// True for `*` alone, which every path matches; lets callers skip per-path matching.
    var matchesEverything: Bool { patterns == ["*"] }

    /// Whether `path` (relative to the project root, `/`-separated) matches at least one pattern.
    public func matches(_ path: String) -> Bool {
        if let simple {
            var path = path
            return path.withUTF8 { bytes in simple.contains { $0.matches(bytes) } }
        }
        return matchesThroughLibgit2(path)
    }

    /// libgit2's answer, which the simple patterns must reproduce.
    func matchesThroughLibgit2(_ path: String) -> Bool {
        guard let compiled else { return false }
        return git_pathspec_matches_path(compiled.handle, 0, path) == 1
    }

    public var description: String { patterns.joined(separator: " ") }

    public static func == (lhs: Pathspec, rhs: Pathspec) -> Bool { lhs.patterns == rhs.patterns }
    public func hash(into hasher: inout Hasher) { hasher.combine(patterns) }

    /// Owns the compiled pathspec. Matching only reads it, so sharing it across threads is safe.
    private final class Compiled: @unchecked Sendable {
        let handle: OpaquePointer
        init(_ handle: OpaquePointer) { self.handle = handle }
        deinit { git_pathspec_free(handle) }
    }
}

/// Lends `strings` to libgit2 as a `git_strarray` for the duration of `body`.
func withStrarray<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) throws -> T) rethrows -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
