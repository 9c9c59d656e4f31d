/// One observed change to a path, relative to the project root. Pure values, usable without inotify.
public struct PathChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case modified, created, deleted }
    /// Relative to the watched root, `/`-separated, never empty.
    public let path: String
    public let kind: Kind
    /// True only for a `.deleted` directory whose files were not reported one by one (it was moved out of the
    /// watched tree, or renamed to an ignored name): treat `path` as a prefix, everything below it is gone.
    public let isDirectory: Bool

    public init(path: String, kind: Kind, isDirectory: Bool = false) {
        self.path = path
        self.kind = kind
        self.isDirectory = isDirectory
    }
}

/// Changes coalesced by the debouncer into one batch that triggers one run.
public struct ChangeBatch: Sendable, Hashable {
    /// Sorted by path; at most one change per path.
    public let changes: [PathChange]
    /// Events were lost (kernel queue overflow, or the root itself moved): `changes` is incomplete and the
    /// caller must rescan the whole tree, e.g. with `git status`, instead of trusting the paths.
    public let rescan: Bool

    public init(changes: [PathChange], rescan: Bool = false) {
        self.changes = changes
        self.rescan = rescan
    }

    public var paths: Set<String> { Set(changes.map(\.path)) }
    public var isEmpty: Bool { changes.isEmpty && !rescan }
}
