/// The glob part of a cache key (`globs(…)` in qik 0.2.10, behaviour spec §4.3), over git's view of the files.
///
/// Pipeline: split the pattern set into private artifacts and repository pathspecs; `P` = one blob id plus `\n` per
/// artifact file (the stdout of 0.2.10's `git -C ._qik/artifacts hash-object …`); `R` = `path + blobID` for every
/// tracked file matching the pathspecs, paths in `git ls-files` quoting and sorted; result = `H(P + R)`. An empty
/// pattern set gives `""`, not a hash.
///
/// Deviations from 0.2.10, each where 0.2.10 crashes or loses information:
/// - A missing artifact file counts as forty zeros; 0.2.10 dies with an unexpected `git hash-object` error.
/// - A modified (unstaged) file whose `ls-files` path is quoted is hashed from its content; 0.2.10 re-hashes it
///   through `xargs git hash-object "<quoted path>"`, which fails, and records forty zeros.
/// - Patterns with spaces or quotes are exact pathspecs; 0.2.10 feeds them through `xargs`, which splits them.
/// - A path with leading spaces keeps them; 0.2.10's `re.split(r"\s+", line, 3)` drops them.
public struct GlobHasher: Sendable {
    /// Patterns with this prefix name files in the private artifact store, not git pathspecs.
    public static let artifactsPrefix = "._qik/artifacts/"

    /// Absolute path of the project root (the directory holding the root `qik.toml`).
    public let root: String
    public let files: any FileStateProviding
    /// The repository's `core.quotePath` (git's default: true), which decides how non-ASCII paths enter `R`; asked
    /// only when such a path is hashed.
    public let quotePath: @Sendable () -> Bool

    public init(root: String, files: any FileStateProviding, quotePath: Bool = true) {
        self.init(root: root, files: files, quotePath: { quotePath })
    }

    public init(root: String, files: any FileStateProviding, quotePath: @escaping @Sendable () -> Bool) {
        self.root = root
        self.files = files
        self.quotePath = quotePath
    }

    /// The glob hash of a pattern set; duplicates count once, order does not matter.
    public func hash(_ patterns: some Collection<String>) throws -> String {
        guard !patterns.isEmpty else { return "" }
        let (artifacts, pathspecs) = split(patterns)
        // One byte buffer, no `path + blobID` string per file: the `**.py` of a large repository has thousands.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 19)  // Regrowing page by page was a third of hashing django's `**.py`.
        for line in try artifactBlobLines(artifacts) { bytes.append(contentsOf: line.utf8) }
        if !pathspecs.isEmpty {
            let start = bytes.count
            if try !appendPlainEntries(pathspecs, to: &bytes) {
                bytes.removeSubrange(start...)
                for entry in try repositoryEntries(pathspecs) {
                    bytes.append(contentsOf: entry.quotedPath.utf8)
                    bytes.append(contentsOf: entry.blobID.utf8)
                }
            }
        }
        return XXH3.hexDigest128(bytes)
    }

    /// `R` straight from the provider's bytes when no path needs quoting and the paths arrive strictly ascending (then
    /// quoting changes nothing and the provider's order is the sorted order). false: use `repositoryEntries`.
    private func appendPlainEntries(_ pathspecs: [String], to bytes: inout [UInt8]) throws -> Bool {
        var plain = true
        var previous = 0..<0
        try files.visitTrackedFiles(matching: pathspecs) { path, blobID in
            guard plain else { return }
            for byte in path where GitPathQuoting.mayQuote(byte) {
                plain = false
                return
            }
            if !previous.isEmpty {
                let ascending = bytes.withUnsafeBufferPointer { written in
                    ByteOrder.compare(UnsafeBufferPointer(rebasing: written[previous]), path.assumingMemoryBound(to: UInt8.self)) < 0
                }
                guard ascending else {
                    plain = false
                    return
                }
            }
            let start = bytes.count
            // Typed buffers: appending them is one copy, a raw buffer is appended byte by byte.
            bytes.append(contentsOf: path.assumingMemoryBound(to: UInt8.self))
            previous = start..<bytes.count
            bytes.append(contentsOf: blobID.assumingMemoryBound(to: UInt8.self))
        }
        return plain
    }

    /// The strings whose concatenation `P + R` is hashed, or nil for an empty pattern set.
    func input(_ patterns: some Collection<String>) throws -> [String]? {
        guard let (artifactLines, entries) = try parts(patterns) else { return nil }
        return artifactLines + entries.map { $0.quotedPath + $0.blobID }
    }

    /// `P` as lines, `R` as entries in order; nil for an empty pattern set.
    private func parts(_ patterns: some Collection<String>) throws -> ([String], [(quotedPath: String, blobID: String)])? {
        guard !patterns.isEmpty else { return nil }
        let (artifacts, pathspecs) = split(patterns)
        return (try artifactBlobLines(artifacts), pathspecs.isEmpty ? [] : try repositoryEntries(pathspecs))
    }

    /// Artifact patterns, and the repository pathspecs sorted (so equal sets ask the provider the same question).
    private func split(_ patterns: some Collection<String>) -> (artifacts: Set<String>, pathspecs: [String]) {
        let unique = Set(patterns)
        let artifacts = unique.filter { $0.hasPrefix(Self.artifactsPrefix) }
        return (artifacts, unique.subtracting(artifacts).sorted(by: QikHash.precedes))
    }

    /// `P`: one `blobID + "\n"` per artifact, in the order 0.2.10 passed them to `git hash-object`.
    private func artifactBlobLines(_ patterns: Set<String>) throws -> [String] {
        let relativePaths = patterns.map { String($0.dropFirst(Self.artifactsPrefix.count)) }
        // 0.2.10 sorts the shell-quoted arguments `'<path>'`; the closing quote can reorder a path after its extensions
        // (`'a!b'` < `'a'`), so sort the same strings.
        let ordered = relativePaths.sorted { QikHash.precedes("'\($0)'", "'\($1)'") }
        let base = root.hasSuffix("/") ? root : root + "/"
        return try ordered.map { path in
            let blobID = try files.blobID(ofFileAt: base + Self.artifactsPrefix + path) ?? TrackedFile.deletedBlobID
            return blobID + "\n"
        }
    }

    /// `R`: `quotedPath + blobID` per matching tracked file, sorted by the quoted path as 0.2.10 sorted its dict.
    private func repositoryEntries(_ pathspecs: [String]) throws -> [(quotedPath: String, blobID: String)] {
        let tracked = try files.trackedFiles(matching: pathspecs)
        // Fast path: the provider returns paths sorted and unique, and quoting rarely changes the order, so the
        // sort below is needed only when it does (or when a path repeats).
        var entries: [(quotedPath: String, blobID: String)] = []
        entries.reserveCapacity(tracked.count)
        var previous: String?
        var inOrder = true
        for file in tracked {
            let quoted = GitPathQuoting.quote(file.path, quotePath: quotePath)
            if let previous, !QikHash.precedes(previous, quoted) { inOrder = false }
            previous = quoted
            entries.append((quoted, file.blobID))
        }
        if inOrder { return entries }
        var blobByPath: [String: String] = [:]
        for file in tracked {
            // A path listed twice (conflict stages) keeps its last id, as 0.2.10's dict does.
            blobByPath[GitPathQuoting.quote(file.path, quotePath: quotePath)] = file.blobID
        }
        return blobByPath.keys.sorted(by: QikHash.precedes).map { ($0, blobByPath[$0]!) }
    }
}
