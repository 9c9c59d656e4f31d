import QikCore

/// A `FileStateProviding` whose answers are fixed maps, for hashing tests that need no repository.
///
/// Blob ids in tests are real `git hash-object` ids of the content named next to them, so the fixtures read like the
/// repository states of the spec. Pathspec matching is the subset the tests use: an exact path, a directory prefix, or a
/// wildcard pattern where `*` also crosses `/` (git's default). It rejects pathspec lists that are not sorted and
/// duplicate-free, because 0.2.10 handed `git ls-files` a sorted set.
struct InMemoryFileState: FileStateProviding {
    struct UnsortedPathspecs: Error { let pathspecs: [String] }

    /// Tracked path (relative to the project root) → blob id as QikGit would report it (forty zeros if deleted on disk).
    let tracked: [String: String]
    /// Absolute path → blob id of files that exist on disk (the artifact store).
    let onDisk: [String: String]

    init(tracked: [String: String] = [:], onDisk: [String: String] = [:]) {
        self.tracked = tracked
        self.onDisk = onDisk
    }

    func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] {
        let ordered = zip(pathspecs, pathspecs.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard ordered else { throw UnsortedPathspecs(pathspecs: pathspecs) }
        return tracked
            .filter { path, _ in pathspecs.contains { Self.matches($0, path) } }
            .map { TrackedFile(path: $0.key, blobID: $0.value) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    func blobID(ofFileAt absolutePath: String) throws -> String? {
        onDisk[absolutePath]
    }

    static func matches(_ pathspec: String, _ path: String) -> Bool {
        if pathspec == path || path.hasPrefix(pathspec + "/") { return true }
        return wildcardMatch(Array(pathspec.utf8)[...], Array(path.utf8)[...])
    }

    /// `*` matches any run of bytes (including `/`), `?` one byte; everything else literally.
    private static func wildcardMatch(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case UInt8(ascii: "*"):
            let rest = pattern.dropFirst()
            return text.indices.contains { wildcardMatch(rest, text[$0...]) } || wildcardMatch(rest, text[text.endIndex...])
        case UInt8(ascii: "?"):
            return !text.isEmpty && wildcardMatch(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == head && wildcardMatch(pattern.dropFirst(), text.dropFirst())
        }
    }
}
