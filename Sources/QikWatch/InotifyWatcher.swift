import Glibc
import Synchronization

/// Watches every directory below `root` with Linux inotify and reports `RawEvent`s. The only file in
/// QikWatch that touches inotify.
///
/// Theory of operation:
/// - One watch per directory (never per file), added after `WatchOptions.allowsDirectory` says yes, so
///   ignored trees cost no watches.
/// - A directory that appears gets its watch first and is listed second; files created before the watch
///   existed are reported as `created` by the listing (notify-rs/notify#124). A file seen both ways is
///   deduplicated later by the debouncer.
/// - The kernel reports a directory rename as `MOVED_FROM` + `MOVED_TO` with one cookie, on the parents'
///   watches. The watch descriptors below the directory stay valid, so only the wd → path map is rewritten.
///   A `MOVED_FROM` with no partner by the time the queue is drained means the directory left the tree:
///   its watches are removed and it is reported as one deleted directory.
/// - `IN_Q_OVERFLOW` becomes an `.overflow` event and the watch tree is resynced from disk.
/// - `ENOSPC` turns the subtree over to `PollingFallback` and records `watchLimitError` once.
///
/// Drive it from one thread with `next(timeout:)`; `stop()` may be called from any thread.
public final class InotifyWatcher: Sendable {
    /// The canonical absolute root (symlinks resolved).
    public let root: String
    private let inotifyFD: Int32
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let stopped = Atomic<Bool>(false)
    private let tree: Mutex<WatchTree>

    /// Why no `IN_MODIFY`: it fires once per `write(2)`, so saving a 1 MB file in 4 KiB chunks would queue
    /// 256 events. Editors, formatters and `git checkout` all close the file after writing, so
    /// `IN_CLOSE_WRITE` marks the moment the content is final. The cost: a file kept open and appended to
    /// (a log) is seen only when closed, and `mmap` writes are not seen; neither is a source file.
    static let directoryMask: UInt32 = UInt32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF
            | IN_ATTRIB | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK
    )

    /// Starts watching. The initial walk reports nothing: the tree as found is the baseline.
    public init(root: String, options: WatchOptions = WatchOptions()) throws(WatchError) {
        guard let resolved = realpath(root, nil) else { throw .rootNotDirectory(path: root) }
        let canonical = String(cString: resolved)
        free(resolved)
        guard DirectoryLister.isDirectory(canonical) else { throw .rootNotDirectory(path: root) }

        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .inotifyUnavailable(errno: errno) }
        var pipeFDs: [Int32] = [-1, -1]
        // pipe2 and eventfd are not visible through Glibc's module map; flags are set one by one instead.
        guard pipe(&pipeFDs) == 0 else {
            let failure = errno
            close(fd)
            throw .inotifyUnavailable(errno: failure)
        }
        for end in pipeFDs {
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        self.root = canonical
        self.inotifyFD = fd
        self.wakeReadFD = pipeFDs[0]
        self.wakeWriteFD = pipeFDs[1]
        var tree = WatchTree(fd: fd, root: canonical, options: options)
        _ = tree.watchSubtree("", report: false)
        self.tree = Mutex(tree)
    }

    deinit {
        close(inotifyFD)
        close(wakeReadFD)
        close(wakeWriteFD)
    }

    /// Waits up to `timeout` for events and returns them; empty on timeout or after `stop()`. Blocks in
    /// `ppoll`, so an idle watcher uses no CPU. When polling is active, wakes once per `pollInterval`.
    public func next(timeout: Duration) -> [RawEvent] {
        if isStopped { return [] }
        let clock = ContinuousClock()
        let now = clock.now
        var wakeAt = now + max(timeout, .zero)
        if let pollAt = tree.withLock({ $0.nextPollAt }), pollAt < wakeAt { wakeAt = pollAt }

        var fds = [
            pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0),
        ]
        // poll(2) counts whole milliseconds: round up, so a sub-millisecond remainder cannot spin.
        let wait = wakeAt - now
        let milliseconds = wait <= .zero ? 0 : min(
            wait.components.seconds * 1000 + (wait.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000,
            Int64(Int32.max))
        let ready = poll(&fds, nfds_t(fds.count), Int32(milliseconds))
        if isStopped { return [] }

        var events: [RawEvent] = []
        if ready > 0, fds[0].revents != 0 {
            events += tree.withLock { $0.drain() }
        }
        let afterWait = clock.now
        events += tree.withLock { $0.pollIfDue(now: afterWait) }
        return events
    }

    /// Makes a blocked `next(timeout:)` return at once, and every later one return empty. Thread-safe.
    public func stop() {
        stopped.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    public var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Directories holding an inotify watch, the root included.
    public var watchedDirectoryCount: Int { tree.withLock { $0.pathsByWD.count } }

    /// Relative paths of the watched directories (the root is `""`), sorted. For tests and `qik watch -v`.
    public var watchedDirectories: [String] { tree.withLock { $0.pathsByWD.values.sorted() } }

    /// Subtrees being polled because the watch limit was reached, sorted.
    public var polledSubtrees: [String] { tree.withLock { $0.polling.subtreeRoots } }

    /// Set once, the first time `inotify_add_watch` fails with `ENOSPC`; print it once.
    public var watchLimitError: WatchError? { tree.withLock { $0.watchLimitError } }
}

/// The watch descriptors and everything that changes them. Lives inside the watcher's mutex.
private struct WatchTree: Sendable {
    let fd: Int32
    let root: String
    let options: WatchOptions
    var pathsByWD: [Int32: String] = [:]
    var wdsByPath: [String: Int32] = [:]
    var polling = PollingFallback()
    var nextPollAt: ContinuousClock.Instant?
    var watchLimitError: WatchError?
    /// Directory `MOVED_FROM`s waiting for their `MOVED_TO`, by cookie.
    var pendingDirectoryMoves: [UInt32: String] = [:]

    init(fd: Int32, root: String, options: WatchOptions) {
        self.fd = fd
        self.root = root
        self.options = options
    }

    // MARK: Reading the queue

    /// Reads until the queue is empty, then settles unpaired directory moves.
    mutating func drain() -> [RawEvent] {
        var events: [RawEvent] = []
        // 64 KiB holds about 2,000 typical events; the kernel never splits one event across reads.
        withUnsafeTemporaryAllocation(byteCount: 65_536, alignment: 8) { buffer in
            while true {
                let count = read(fd, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    break  // EAGAIN: drained
                }
                if count == 0 { break }
                parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]), into: &events)
            }
        }
        // A partner would be adjacent in the queue, and the queue is empty now: the directory left the tree.
        for (_, path) in pendingDirectoryMoves.sorted(by: { $0.key < $1.key }) {
            unwatch(path)
            events.append(RawEvent(path: path, kind: .deleted, isDirectory: true))
        }
        pendingDirectoryMoves.removeAll()
        return events
    }

    private mutating func parse(_ bytes: UnsafeRawBufferPointer, into events: inout [RawEvent]) {
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= bytes.count {
            let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            // The name is NUL-padded to a multiple of the header size.
            let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.count)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + length
            handle(wd: wd, mask: mask, cookie: cookie, name: name, into: &events)
        }
    }

    private mutating func handle(wd: Int32, mask: UInt32, cookie: UInt32, name: String, into events: inout [RawEvent]) {
        func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
        if has(IN_Q_OVERFLOW) {
            events.append(.overflow)
            resync()
            return
        }
        if has(IN_IGNORED) {
            // The directory was deleted, moved off the file system, or unwatched by us.
            if let path = pathsByWD.removeValue(forKey: wd), wdsByPath[path] == wd { wdsByPath[path] = nil }
            return
        }
        guard let directory = pathsByWD[wd] else { return }  // stale: queued before its IN_IGNORED
        if name.isEmpty {
            // About the watched directory itself; its parent reports the same change with a name. Only the
            // root has no parent watch, and without it nothing more can be trusted.
            if directory.isEmpty, has(IN_DELETE_SELF) || has(IN_MOVE_SELF) { events.append(.overflow) }
            return
        }
        let path = joinRelative(directory, name)
        if has(IN_ISDIR) {
            if has(IN_CREATE) {
                events += watchSubtree(path, report: true)
            } else if has(IN_MOVED_FROM) {
                pendingDirectoryMoves[cookie] = path
            } else if has(IN_MOVED_TO) {
                if let old = pendingDirectoryMoves.removeValue(forKey: cookie) {
                    events += renameSubtree(from: old, to: path)
                } else {
                    events += watchSubtree(path, report: true)  // moved in from outside the tree
                }
            } else if has(IN_DELETE) {
                polling.remove(under: path)
                events.append(RawEvent(path: path, kind: .deleted, isDirectory: true))
            }
            return
        }
        if has(IN_CREATE) {
            events.append(RawEvent(path: path, kind: .created))
        } else if has(IN_CLOSE_WRITE) || has(IN_ATTRIB) {
            events.append(RawEvent(path: path, kind: .modified))
        } else if has(IN_DELETE) {
            events.append(RawEvent(path: path, kind: .deleted))
        } else if has(IN_MOVED_FROM) {
            events.append(RawEvent(path: path, kind: .movedFrom(cookie: cookie)))
        } else if has(IN_MOVED_TO) {
            events.append(RawEvent(path: path, kind: .movedTo(cookie: cookie)))
        }
    }

    // MARK: Changing the watch set

    private enum AddResult { case watched, limitReached, unavailable }

    private mutating func addWatch(_ path: String) -> AddResult {
        if let limit = options.simulatedWatchLimit, wdsByPath[path] == nil, wdsByPath.count >= limit {
            return .limitReached
        }
        let wd = inotify_add_watch(fd, root + (path.isEmpty ? "" : "/" + path), Self.mask)
        guard wd >= 0 else {
            // ENOENT/ENOTDIR: gone or replaced since it was listed. EACCES: unreadable, nothing to report.
            return errno == ENOSPC ? .limitReached : .unavailable
        }
        // Same inode, same wd: re-adding a watched directory (a rename, a resync) only moves its path.
        if let old = pathsByWD[wd], old != path, wdsByPath[old] == wd { wdsByPath[old] = nil }
        pathsByWD[wd] = path
        wdsByPath[path] = wd
        return .watched
    }

    private static let mask = InotifyWatcher.directoryMask

    /// Watches `top` and every allowed directory below it, watch first and listing second. With `report`,
    /// every file found comes back as `created`.
    mutating func watchSubtree(_ top: String, report: Bool) -> [RawEvent] {
        guard top.isEmpty || options.allowsDirectory(top) else { return [] }
        var events: [RawEvent] = []
        var pending = [top]
        while let directory = pending.popLast() {
            switch addWatch(directory) {
            case .unavailable: continue
            case .limitReached:
                startPolling(directory, report: report, into: &events)
                continue
            case .watched:
                // Watched now (after a rename or resync, or watches were freed): stop polling it; the walk
                // below re-adds polling for any part that still gets no watch.
                if polling.isActive { polling.remove(under: directory) }
            }
            guard let listing = DirectoryLister.list(root + (directory.isEmpty ? "" : "/" + directory)) else { continue }
            for name in listing.directories {
                let path = joinRelative(directory, name)
                if options.allowsDirectory(path) { pending.append(path) }
            }
            if report {
                events += listing.files.map { RawEvent(path: joinRelative(directory, $0), kind: .created) }
            }
        }
        return events
    }

    /// A directory renamed inside the tree: its watches follow it, and its files are reported as deleted
    /// under the old name and created under the new one (listed, not remembered: no per-file state).
    private mutating func renameSubtree(from old: String, to new: String) -> [RawEvent] {
        guard options.allowsDirectory(new) else {
            unwatch(old)
            return [RawEvent(path: old, kind: .deleted, isDirectory: true)]
        }
        for (path, wd) in wdsByPath where isUnder(path, old) {
            let moved = new + path.dropFirst(old.count)
            wdsByPath[path] = nil
            wdsByPath[moved] = wd
            pathsByWD[wd] = moved
        }
        polling.rename(from: old, to: new)
        // Re-walk: adds watches the old path rules refused and reports every file under both names.
        let created = watchSubtree(new, report: true)
        var events = created.map { RawEvent(path: old + $0.path.dropFirst(new.count), kind: .deleted) }
        events += created
        return events
    }

    /// Removes the watches of `top` and everything below it.
    private mutating func unwatch(_ top: String) {
        for (path, wd) in wdsByPath where isUnder(path, top) {
            inotify_rm_watch(fd, wd)  // its IN_IGNORED arrives later and finds nothing to remove
            wdsByPath[path] = nil
            pathsByWD[wd] = nil
        }
        polling.remove(under: top)
    }

    /// After an overflow, events about new and deleted directories may be lost: re-walk from the root,
    /// add the missing watches and drop the ones whose directory is gone.
    private mutating func resync() {
        let before = wdsByPath
        wdsByPath.removeAll()
        pathsByWD.removeAll()
        pendingDirectoryMoves.removeAll()
        _ = watchSubtree("", report: false)
        for wd in before.values where pathsByWD[wd] == nil {
            inotify_rm_watch(fd, wd)
        }
    }

    // MARK: Polling fallback

    private mutating func startPolling(_ subtree: String, report: Bool, into events: inout [RawEvent]) {
        if watchLimitError == nil {
            watchLimitError = .watchLimitReached(currentLimit: WatchError.currentWatchLimit(), unwatchedSubtree: subtree)
        }
        events += polling.add(subtree, root: root, options: options, reportExisting: report)
        if nextPollAt == nil { nextPollAt = ContinuousClock.now + options.pollInterval }
    }

    mutating func pollIfDue(now: ContinuousClock.Instant) -> [RawEvent] {
        guard let due = nextPollAt, now >= due else { return [] }
        let events = polling.poll(root: root, options: options)
        nextPollAt = polling.isActive ? now + options.pollInterval : nil
        return events
    }
}
