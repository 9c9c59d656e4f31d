/// Drops changes that did not change content: remembers the git blob id of every tracked file and, for each
/// batch, keeps only paths whose blob id moved (a `touch`, a `chmod`, a save of identical bytes, a formatter that
/// rewrote a file unchanged all trigger nothing).
///
/// Untracked paths are always kept: git sees no content for them, and a command may still glob them.
public final class ContentTracker: @unchecked Sendable {
    private var files: any FileStateProviding
    private var blobs: [String: String] = [:]
    /// Every directory holding a tracked file at the last snapshot (`a`, `a/b` for `a/b/c.py`).
    public private(set) var trackedDirectories: Set<String> = []

    public init(files: any FileStateProviding) {
        self.files = files
    }

    /// Switches to another provider (after a configuration reload); the remembered ids stay valid.
    public func use(_ files: any FileStateProviding) { self.files = files }

    /// Remembers every tracked file's current id. Returns the paths whose id differs from before (all of them
    /// on the first call): the change set of a rescan.
    @discardableResult
    public func snapshot() throws -> Set<String> {
        files.invalidate()
        var fresh: [String: String] = [:]
        for file in try files.trackedFiles(matching: ["*"]) { fresh[file.path] = file.blobID }
        var changed: Set<String> = []
        for (path, id) in fresh where blobs[path] != id { changed.insert(path) }
        for path in blobs.keys where fresh[path] == nil { changed.insert(path) }
        blobs = fresh
        var directories: Set<String> = []
        for path in fresh.keys {
            var cut = path.lastIndex(of: "/")
            while let index = cut {
                let parent = String(path[..<index])
                guard directories.insert(parent).inserted else { break }
                cut = parent.lastIndex(of: "/")
            }
        }
        trackedDirectories = directories
        return changed
    }

    /// Every tracked path at the last look (a copy: safe to hand to another thread).
    public var trackedPaths: Set<String> { Set(blobs.keys) }

    /// The paths of `paths` whose content changed since last seen, plus untracked ones. A path naming a
    /// directory (a deleted one) stands for every tracked file below it.
    public func changed(_ paths: Set<String>) throws -> Set<String> {
        guard !paths.isEmpty else { return [] }
        files.invalidate()
        // A few paths: ask for exactly them (each pathspec is tried on every index entry). A burst: read the
        // whole index once and pick. Pathspecs are not literal, so `a[1].py` may also match `a1.py`; the extra
        // match is compared like any other and only reported if its content moved too.
        let current = try files.trackedFiles(matching: paths.count <= 64 ? Array(paths) : ["*"])
        var result: Set<String> = []
        var seen: Set<String> = []
        for file in current where paths.count <= 64 || paths.contains(file.path) || isBelowAny(file.path, paths) {
            seen.insert(file.path)
            if blobs[file.path] != file.blobID {
                result.insert(file.path)
                blobs[file.path] = file.blobID
            }
        }
        for path in paths where !seen.contains(path) {
            if blobs.removeValue(forKey: path) != nil || !isDirectoryOfTracked(path) { result.insert(path) }
        }
        return result
    }

    private func isDirectoryOfTracked(_ path: String) -> Bool { trackedDirectories.contains(path) }

    private func isBelowAny(_ path: String, _ directories: Set<String>) -> Bool {
        var cut = path.lastIndex(of: "/")
        while let index = cut {
            let parent = String(path[..<index])
            if directories.contains(parent) { return true }
            cut = parent.lastIndex(of: "/")
        }
        return false
    }
}
