/// One file-system event as the OS shim (or the polling fallback) saw it, before filtering and debouncing.
///
/// Only files produce `created`/`modified`/`moved…` events. Directories produce just two things: a `deleted`
/// directory (its files may not have been reported one by one), and the files found when a new or renamed
/// directory is scanned, which arrive as ordinary file events.
public struct RawEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Appeared: `IN_CREATE`, or found by the scan of a directory that appeared.
        case created
        /// Written and closed (`IN_CLOSE_WRITE`) or its attributes changed (`IN_ATTRIB`, e.g. `chmod +x`, `touch`).
        case modified
        case deleted
        /// Renamed away from `path`. Pairs with a `movedTo` of the same cookie when both ends are watched.
        case movedFrom(cookie: UInt32)
        /// Renamed onto `path`, possibly replacing an existing file (the atomic-save pattern).
        case movedTo(cookie: UInt32)
        /// Events were lost (`IN_Q_OVERFLOW`, or the root itself went away): the consumer must rescan.
        case overflow
    }

    /// Relative to the watched root, `/`-separated; empty only for `overflow`.
    public let path: String
    public let kind: Kind
    public let isDirectory: Bool

    public init(path: String, kind: Kind, isDirectory: Bool = false) {
        self.path = path
        self.kind = kind
        self.isDirectory = isDirectory
    }

    public static let overflow = RawEvent(path: "", kind: .overflow)

    /// The last path component.
    public var name: Substring {
        guard let slash = path.lastIndex(of: "/") else { return path[...] }
        return path[path.index(after: slash)...]
    }
}
