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
    /// Directory prefixes every match starts with, one per pattern (`django/apps/` for `django/apps/**.py`), so a
    /// sorted path list can be narrowed by binary search before matching; nil when a pattern may match anywhere.
    let directoryPrefixes: [String]?
    private let compiled: Compiled?

    /// Compiled once per pattern list in a process: `--since` and the selector ask for each runnable's patterns, and
    /// a compilation (libgit2's, the simple patterns, the directory prefixes) costs tens of microseconds.
    public init(_ patterns: [String]) throws {
        if let known = Self.compiledLists.value(for: patterns) {
            self = known
            return
        }
        try self.init(patterns, simpleMatching: true)
        Self.compiledLists.store(self, for: patterns)
    }

    private static let compiledLists = CompiledLists()

    /// Pattern list → pathspec, shared by threads. Bounded: `qik watch` reloads configurations for as long as it runs.
    /// Keyed by the patterns' bytes: `String` equality would serve an NFC pattern's compilation to its NFD twin,
    /// and paths are matched byte for byte.
    private final class CompiledLists: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [[[UInt8]]: Pathspec] = [:]

        func value(for patterns: [String]) -> Pathspec? {
            let key = patterns.map { Array($0.utf8) }
            return lock.withLock { known[key] }
        }

        func store(_ pathspec: Pathspec, for patterns: [String]) {
            let key = patterns.map { Array($0.utf8) }
            lock.withLock {
                if known.count >= 4096 { known.removeAll() }
                known[key] = pathspec
            }
        }
    }

    /// `simpleMatching: false` always asks libgit2 (tests compare the two).
    init(_ patterns: [String], simpleMatching: Bool) throws {
        ensureLibgit2()
        self.patterns = patterns
        directoryPrefixes = Self.directoryPrefixes(of: patterns)
        guard !patterns.isEmpty else {
            compiled = nil
            return
        }
        var handle: OpaquePointer?
        let code = withStrarray(patterns) { git_pathspec_new(&handle, $0) }
        try check(code, "compile the pathspec \(patterns)")
        let simple = simpleMatching ? patterns.compactMap(SimplePattern.init) : []
        compiled = handle.map { Compiled($0, simple: simple.count == patterns.count ? SimplePattern.withoutCovered(simple) : nil) }
    }

    /// Every path.
    public static let everything: Pathspec = try! Pathspec(["*"])  // "*" compiles with any libgit2.

    /// True for `*` alone, which every path matches; lets callers skip per-path matching.
    var matchesEverything: Bool { patterns == ["*"] }

    /// Whether `path` (relative to the project root, `/`-separated) matches at least one pattern.
    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(matches)
    }

    /// `matches` for a path's UTF-8 bytes (an index entry's, read in place).
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let compiled else { return false }
        if let simple = compiled.simple { return simple.contains { $0.matches(path) } }
        // libgit2 wants a C string.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: path.count + 1) { cString in
            path.withMemoryRebound(to: CChar.self) { _ = cString.initialize(fromContentsOf: $0) }
            cString[path.count] = 0
            return git_pathspec_matches_path(compiled.handle, 0, cString.baseAddress!) == 1
        }
    }

    public var description: String { patterns.joined(separator: " ") }

    /// libgit2 matches a path when it equals the pattern, when `wildmatch` accepts it (literal characters match
    /// themselves) or when it lies below the pattern as a directory, so every match starts with the pattern's literal
    /// part. Only whole directories are kept (libgit2 trims some trailing characters) and negated, magic or
    /// dot-relative patterns are not narrowed.
    static func directoryPrefixes(of patterns: [String]) -> [String]? {
        var prefixes: [String] = []
        for pattern in patterns {
            guard let first = pattern.utf8.first, first != UInt8(ascii: "!"), first != UInt8(ascii: ":"),
                  first != UInt8(ascii: "/"), !pattern.hasPrefix("./"), !pattern.hasPrefix("../") else { return nil }
            var literal = pattern.utf8.prefix { byte in
                byte != UInt8(ascii: "*") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "\\")
            }
            if literal.count == pattern.utf8.count {  // No wildcard: `dir/` may also match a file `dir`.
                while literal.last == UInt8(ascii: "/") { literal = literal.dropLast() }
            }
            guard let slash = literal.lastIndex(of: UInt8(ascii: "/")) else { return nil }
            let directory = String(decoding: literal[...slash], as: UTF8.self)
            // No `//`, `/./` or `/../` (the start was checked above). Components, not `contains("//")`, which is
            // Foundation's `range(of:)` here, thousands of instructions a call.
            guard !SimplePattern.hasDotOrEmptyComponent(directory.utf8.dropLast()) else { return nil }
            prefixes.append(directory)
        }
        return prefixes
    }

    public static func == (lhs: Pathspec, rhs: Pathspec) -> Bool { lhs.patterns == rhs.patterns }
    public func hash(into hasher: inout Hasher) { hasher.combine(patterns) }

    /// Owns the compiled pathspec. Matching only reads it, so sharing it across threads is safe.
    private final class Compiled: @unchecked Sendable {
        let handle: OpaquePointer
        /// Every pattern in a form matched without libgit2, or nil when any is not.
        let simple: [SimplePattern]?
        init(_ handle: OpaquePointer, simple: [SimplePattern]?) {
            self.handle = handle
            self.simple = simple
        }
        deinit { git_pathspec_free(handle) }
    }
}

/// Lends byte strings (paths as git stores them, UTF-8 or not) to libgit2 as a `git_strarray` for `body`.
func withStrarray<T>(bytes strings: [[UInt8]], _ body: (UnsafePointer<git_strarray>) throws -> T) rethrows -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { bytes in
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: source.count) { copy.initialize(from: $0, count: source.count) }
            }
        }
        copy[bytes.count] = 0
        return copy
    }
    defer { pointers.forEach { $0?.deallocate() } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// Lends `strings` to libgit2 as a `git_strarray` for the duration of `body`.
func withStrarray<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) throws -> T) rethrows -> T {
    try withStrarray(bytes: strings.map { Array($0.utf8) }, body)
}
