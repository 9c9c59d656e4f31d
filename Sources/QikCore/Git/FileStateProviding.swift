/// A tracked file and the git blob id of its current content.
public struct TrackedFile: Sendable, Hashable {
    /// Path relative to the project root, `/`-separated.
    public let path: String
    /// 40 hex digits: the index id when the file is stat-clean, the work-tree content hashed as `git hash-object`
    /// would when modified, forty zeros when deleted from disk.
    public let blobID: String

    public init(path: String, blobID: String) {
        self.path = path
        self.blobID = blobID
    }

    public static let deletedBlobID = String(repeating: "0", count: 40)
}

/// The content identity of files, as git sees them. Implemented by QikGit over libgit2.
///
/// Untracked files are invisible: they never appear in `trackedFiles`. Intent-to-add entries count.
public protocol FileStateProviding: Sendable {
    /// Every index entry under the project root matching at least one git pathspec (git's default wildcard
    /// semantics: `*` crosses `/`, a directory name matches everything below it). Sorted by path.
    func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile]

    /// The paths `trackedFiles(matching:)` would list, without checking the work tree (no stat, no hashing).
    func trackedPaths(matching pathspecs: [String]) throws -> [String]

    /// `trackedFiles(matching:)` for the glob hash, without a `String` per file: `body` gets each file's path as
    /// UTF-8 bytes and its blob id as 40 hex digits, in the same order. The buffers are valid only during the call,
    /// and `body` must not call back into the provider.
    func visitTrackedFiles(
        matching pathspecs: [String], _ body: (_ path: UnsafeRawBufferPointer, _ blobID: UnsafeRawBufferPointer) throws -> Void
    ) throws

    /// The blob id `git hash-object` would print for this file (no filters), or nil when it does not exist.
    func blobID(ofFileAt absolutePath: String) throws -> String?

    /// Forget what was read so far: the next `trackedFiles` re-reads the index and re-checks every file. Call it
    /// after anything may have changed the work tree or the index (a command ran, a cache restored artifacts).
    func invalidate()

    /// A hint that `trackedFiles(matching:)` is about to be called with each of these pattern lists: a provider may
    /// work out all their files at once (one parallel batch instead of one small batch per call).
    func prefetch(matching pathspecs: [[String]]) throws
}

extension FileStateProviding {
    /// Sources that read fresh state on every call have nothing to forget.
    public func invalidate() {}

    public func trackedPaths(matching pathspecs: [String]) throws -> [String] {
        try trackedFiles(matching: pathspecs).map(\.path)
    }

    public func prefetch(matching pathspecs: [[String]]) throws {}

    public func visitTrackedFiles(
        matching pathspecs: [String], _ body: (_ path: UnsafeRawBufferPointer, _ blobID: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        for file in try trackedFiles(matching: pathspecs) {
            var path = file.path, blobID = file.blobID
            try path.withUTF8 { path in try blobID.withUTF8 { try body(UnsafeRawBufferPointer(path), UnsafeRawBufferPointer($0)) } }
        }
    }
}

/// How `--since REF` compares.
public enum SinceMode: String, Sendable, CaseIterable {
    /// Merge base of REF and HEAD against the work tree (committed on the branch, staged, unstaged).
    case mergeBase = "merge-base"
    /// The original's `git diff REF`: REF's tree against the work tree.
    case diff
}

/// Sets of changed paths, relative to the project root. Renames report both paths; deletions are included.
public protocol ChangeProviding: Sendable {
    func since(_ ref: String, mode: SinceMode) throws -> Set<String>
    /// `since` for selection, given each runnable's `--since` patterns as a group: enough changed paths to tell, for
    /// every group, whether a change matches it. Every path returned changed; a group that some change matches gets
    /// at least one; paths no group matches may be left out. A provider may stop checking files once their groups
    /// are decided.
    func since(_ ref: String, mode: SinceMode, deciding groups: [[String]]) throws -> Set<String>
    /// Index against HEAD (everything staged for the next commit).
    func staged() throws -> Set<String>
    /// Index against the work tree (unstaged changes).
    func worktree() throws -> Set<String>
    /// The union of the ranges named by pre-push standard-input lines.
    func pushed(_ lines: [String], remote: String) throws -> Set<String>
}

extension ChangeProviding {
    /// The whole change set decides every group.
    public func since(_ ref: String, mode: SinceMode, deciding groups: [[String]]) throws -> Set<String> {
        try since(ref, mode: mode)
    }
}

/// Writes to the repository that caches need.
public protocol RepositoryWriting: Sendable {
    /// `git add -N` of the given paths (relative to the project root); paths already tracked are left alone.
    func intentToAdd(_ paths: [String]) throws
    /// `git config <key> <value>` in the repository's local config.
    func setConfig(_ key: String, _ value: String) throws
    /// Absolute path of the work-tree root (the directory holding `.git`).
    var workTreeRoot: String { get }
}
