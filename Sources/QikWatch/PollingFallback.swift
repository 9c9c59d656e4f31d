import Glibc

/// Stat-based watching for the subtrees that got no inotify watch because the kernel's watch limit was
/// reached (`ENOSPC`). Every `pollInterval` the watcher asks for a fresh snapshot of each subtree and
/// compares it with the last one.
///
/// This is the only place in QikWatch that keeps per-file state, and only for those subtrees: one stamp
/// (inode, size, mtime, ctime) per file. ctime catches `chmod`, which leaves mtime alone.
struct PollingFallback: Sendable {
    struct Stamp: Sendable, Equatable {
        var inode: UInt
        var size: Int
        var mtimeSeconds: Int
        var mtimeNanoseconds: Int
        var ctimeSeconds: Int
        var ctimeNanoseconds: Int
    }

    /// Subtree root (relative) → file path (relative) → stamp.
    private var snapshots: [String: [String: Stamp]] = [:]

    var isActive: Bool { !snapshots.isEmpty }
    var subtreeRoots: [String] { snapshots.keys.sorted() }

    /// Starts polling `subtree`. With `reportExisting`, its current files come back as `created` (the
    /// directory just appeared); otherwise they are the baseline.
    mutating func add(
        _ subtree: String, root: String, options: WatchOptions, reportExisting: Bool
    ) -> [RawEvent] {
        let snapshot = Self.snapshot(subtree, root: root, options: options)
        snapshots[subtree] = snapshot
        guard reportExisting else { return [] }
        return snapshot.keys.sorted().map { RawEvent(path: $0, kind: .created) }
    }

    /// Compares every subtree with its last snapshot.
    mutating func poll(root: String, options: WatchOptions) -> [RawEvent] {
        var events: [RawEvent] = []
        for (subtree, old) in snapshots {
            let new = Self.snapshot(subtree, root: root, options: options)
            for (path, stamp) in new {
                if let before = old[path] {
                    if before != stamp { events.append(RawEvent(path: path, kind: .modified)) }
                } else {
                    events.append(RawEvent(path: path, kind: .created))
                }
            }
            for path in old.keys where new[path] == nil {
                events.append(RawEvent(path: path, kind: .deleted))
            }
            snapshots[subtree] = new
        }
        return events.sorted { $0.path < $1.path }
    }

    /// Stops polling `prefix` and everything below it (the subtree was renamed or moved away).
    mutating func remove(under prefix: String) {
        for subtree in snapshots.keys where isUnder(subtree, prefix) {
            snapshots[subtree] = nil
        }
    }

    /// Keeps polling renamed subtrees under their new names, without reporting the rename twice.
    mutating func rename(from old: String, to new: String) {
        for (subtree, snapshot) in snapshots where isUnder(subtree, old) {
            snapshots[subtree] = nil
            let renamed = Dictionary(uniqueKeysWithValues: snapshot.map { (new + $0.key.dropFirst(old.count), $0.value) })
            snapshots[new + subtree.dropFirst(old.count)] = renamed
        }
    }

    private static func snapshot(_ subtree: String, root: String, options: WatchOptions) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var pending = [subtree]
        while let directory = pending.popLast() {
            guard let listing = DirectoryLister.list(root + "/" + directory) else { continue }
            for name in listing.directories {
                let path = joinRelative(directory, name)
                if options.allowsDirectory(path) { pending.append(path) }
            }
            for name in listing.files {
                let path = joinRelative(directory, name)
                if let stamp = stamp(root + "/" + path) { stamps[path] = stamp }
            }
        }
        return stamps
    }

    private static func stamp(_ absolutePath: String) -> Stamp? {
        var info = stat()
        guard lstat(absolutePath, &info) == 0 else { return nil }
        return Stamp(
            inode: UInt(info.st_ino), size: Int(info.st_size),
            mtimeSeconds: Int(info.st_mtim.tv_sec), mtimeNanoseconds: Int(info.st_mtim.tv_nsec),
            ctimeSeconds: Int(info.st_ctim.tv_sec), ctimeNanoseconds: Int(info.st_ctim.tv_nsec)
        )
    }
}

/// `path` is `prefix` or lies below it.
func isUnder(_ path: String, _ prefix: String) -> Bool {
    if prefix.isEmpty { return true }
    return path == prefix || (path.hasPrefix(prefix) && path.dropFirst(prefix.count).first == "/")
}
