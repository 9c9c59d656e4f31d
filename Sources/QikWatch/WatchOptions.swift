/// What the watcher watches and how it falls back when the kernel runs out of watches.
public struct WatchOptions: Sendable {
    /// Directory names never watched, at any depth: VCS and qik internals, dependency trees, caches and
    /// build output. They are skipped before a watch is added, so they cost no inotify watches (the
    /// watchexec#508 / cargo-watch#276 complaint). `.qik` stays watched: it holds user config.
    public static let defaultIgnoredDirectoryNames: Set<String> = [
        ".git", "._qik", "node_modules", "__pycache__", ".venv", "venv", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", ".tox", "build", "dist",
    ]

    public var ignoredDirectoryNames: Set<String>

    /// Asked with a directory path relative to the root (never the root itself) before a watch is added;
    /// `false` leaves the whole subtree unwatched and unpolled. The CLI passes git's ignore rules here.
    /// Must not block: it runs once per directory during the initial walk and when directories appear.
    public var shouldWatchDirectory: @Sendable (String) -> Bool

    /// How often subtrees that could not get inotify watches (`ENOSPC`) are re-stat'ed.
    public var pollInterval: Duration

    /// Test switch: behave as if `inotify_add_watch` failed with `ENOSPC` once this many directories are
    /// watched. `nil` (the default) uses the kernel's real limit only.
    public var simulatedWatchLimit: Int?

    public init(
        ignoredDirectoryNames: Set<String> = WatchOptions.defaultIgnoredDirectoryNames,
        shouldWatchDirectory: @escaping @Sendable (String) -> Bool = { _ in true },
        pollInterval: Duration = .seconds(1),
        simulatedWatchLimit: Int? = nil
    ) {
        self.ignoredDirectoryNames = ignoredDirectoryNames
        self.shouldWatchDirectory = shouldWatchDirectory
        self.pollInterval = pollInterval
        self.simulatedWatchLimit = simulatedWatchLimit
    }

    /// The one rule both the watcher and the polling fallback use to decide whether to enter a directory.
    func allowsDirectory(_ relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return !ignoredDirectoryNames.contains(name) && shouldWatchDirectory(relativePath)
    }
}

/// Joins a root-relative directory path and a name; the root is `""`.
func joinRelative(_ directory: String, _ name: String) -> String {
    directory.isEmpty ? name : directory + "/" + name
}
