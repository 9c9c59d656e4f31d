/// Decides, one event at a time, whether an event can matter to the caller.
///
/// **Must not block.** `accepts` runs on the watch loop for every event, between the kernel read and the
/// debouncer. No I/O, no git calls, no waiting on a lock a running command holds: a slow filter delays every
/// batch and lets the kernel queue overflow, which costs the caller a full rescan. Compute anything
/// expensive (git ignore rules, artifact lists) before handing the filter over.
public protocol EventFiltering: Sendable {
    func accepts(_ event: RawEvent) -> Bool
}

/// The default filter: ignored directories, editor scratch files, and paths qik itself is writing.
///
/// Scratch files renamed onto their target (`x.tmp` → `x`) need the whole batch to recognise, so that rule
/// lives in `ChangeCoalescer`; this filter only sees one event.
public struct EventFilter: EventFiltering {
    /// Directory names whose contents are dropped, at any depth.
    public var ignoredDirectoryNames: Set<String>
    /// Exact relative paths written by qik or a command it runs (e.g. declared artifacts).
    public var selfWrittenPaths: Set<String>
    /// Relative directory prefixes written by qik; everything below them is dropped. No trailing `/`.
    public var selfWrittenPrefixes: [String]
    /// The caller's rule for single files (git-ignored files); `true` drops the path. Must not block.
    public var isIgnoredPath: (@Sendable (String) -> Bool)?

    public init(
        ignoredDirectoryNames: Set<String> = WatchOptions.defaultIgnoredDirectoryNames,
        selfWrittenPaths: Set<String> = [],
        selfWrittenPrefixes: [String] = ["._qik"],
        isIgnoredPath: (@Sendable (String) -> Bool)? = nil
    ) {
        self.ignoredDirectoryNames = ignoredDirectoryNames
        self.selfWrittenPaths = selfWrittenPaths
        self.selfWrittenPrefixes = selfWrittenPrefixes.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.isIgnoredPath = isIgnoredPath
    }

    public func accepts(_ event: RawEvent) -> Bool {
        if event.kind == .overflow { return true }
        let path = event.path
        if !event.isDirectory, Self.isEditorScratch(event.name) { return false }
        // Every component but a file's own name is a directory; a file may be called `build`.
        var components = path.split(separator: "/", omittingEmptySubsequences: true)
        if !event.isDirectory, !components.isEmpty { components.removeLast() }
        for component in components where ignoredDirectoryNames.contains(String(component)) { return false }
        if selfWrittenPaths.contains(path) { return false }
        for prefix in selfWrittenPrefixes where isUnder(path, prefix) { return false }
        if let isIgnoredPath, isIgnoredPath(path) { return false }
        return true
    }

    /// Editor swap, backup, lock and probe files, which never hold a change worth running for.
    ///
    /// vim: `.x.swp`/`.swx`/`.swo` swap files, `x~` backups, and `4913`, the file vim creates and deletes to
    /// test that a directory is writable. Emacs: `.#x` lock links and `#x#` autosaves. JetBrains "safe
    /// write": `x___jb_tmp___` and `x___jb_old___`.
    public static func isEditorScratch(_ name: Substring) -> Bool {
        name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo") || name.hasSuffix("~")
            || name == "4913" || name.hasPrefix(".#") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
            || name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___")
    }

    /// A scratch name used for write-then-rename saves. Dropped only when it is renamed onto another path in
    /// the same batch; a lone `notes.tmp` may be a real file.
    public static func isRenameScratch(_ name: Substring) -> Bool {
        name.hasSuffix(".tmp")
    }
}
