import Synchronization

/// The watch pipeline in one object: `InotifyWatcher` → `EventFilter` → `Debouncer` → `ChangeBatch`.
///
/// Built for a synchronous loop:
/// ```swift
/// let session = try WatchSession(root: repo, options: options)
/// if let notice = session.watchLimitError { print(notice) }   // once: ENOSPC, now polling
/// while !interrupted {
///     guard let batch = session.nextBatch(timeout: .seconds(1)) else { continue }
///     if batch.rescan { rerunEverythingAffected() } else { run(affectedBy: batch.paths) }
/// }
/// ```
/// `nextBatch` blocks in `poll(2)`; a second thread (a signal handler's) may call `stop()` to end it, and a
/// runner thread may call `setSelfWritten` while a command runs.
public final class WatchSession: Sendable {
    public let watcher: InotifyWatcher
    private let filter: Mutex<EventFilter>
    private let debouncer: Mutex<Debouncer>

    public init(
        root: String,
        options: WatchOptions = WatchOptions(),
        filter: EventFilter? = nil,
        settle: Duration = .milliseconds(50),
        maxLatency: Duration = .seconds(1)
    ) throws(WatchError) {
        self.watcher = try InotifyWatcher(root: root, options: options)
        self.filter = Mutex(filter ?? EventFilter(ignoredDirectoryNames: options.ignoredDirectoryNames))
        self.debouncer = Mutex(Debouncer(settle: settle, maxLatency: maxLatency))
    }

    /// Blocks until a batch is ready or `timeout` passes (`nil`, with pending events kept for the next call),
    /// or `stop()` is called (`nil`). Paths are relative to the root and `/`-separated. A batch is delivered
    /// `settle` after the last event of a burst; a content-identical save (`touch`) is still reported:
    /// comparing contents is the caller's job (it hashes inputs anyway).
    public func nextBatch(timeout: Duration) -> ChangeBatch? {
        let clock = ContinuousClock()
        let giveUpAt = clock.now + timeout
        while true {
            let now = clock.now
            let decision = debouncer.withLock { $0.poll(now: now) }
            var wakeAt = giveUpAt
            switch decision {
            case .ready(let batch): return batch
            case .wait(let until): wakeAt = min(until, giveUpAt)
            case .idle: break
            }
            if now >= giveUpAt || watcher.isStopped { return nil }
            let events = watcher.next(timeout: wakeAt - now)
            guard !events.isEmpty else { continue }
            let accepted = filter.withLock { filter in events.filter(filter.accepts) }
            let seenAt = clock.now
            debouncer.withLock { $0.record(accepted, at: seenAt) }
        }
    }

    /// Replaces the paths and prefixes qik is writing itself (a command's artifacts). Events for them are
    /// dropped from then on. Keep them until the batch after the command finished has been taken: the
    /// kernel may deliver the command's last writes after it exits.
    public func setSelfWritten(paths: Set<String>, prefixes: [String] = ["._qik"]) {
        filter.withLock { filter in
            filter.selfWrittenPaths = paths
            filter.selfWrittenPrefixes = prefixes.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        }
    }

    /// Ends a blocked or future `nextBatch` with `nil`. Thread-safe.
    public func stop() { watcher.stop() }

    /// The ENOSPC notice, if the watch limit was reached (see `WatchError.watchLimitReached`).
    public var watchLimitError: WatchError? { watcher.watchLimitError }
}
