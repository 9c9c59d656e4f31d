/// One observed change to a path, relative to the project root. Pure values, usable without inotify.
public struct PathChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case modified, created, deleted }
    public let path: String
    public let kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// Changes coalesced by the debouncer into one batch that triggers one run.
public struct ChangeBatch: Sendable, Hashable {
    public let changes: [PathChange]
    public init(changes: [PathChange]) { self.changes = changes }
    public var paths: Set<String> { Set(changes.map(\.path)) }
}
