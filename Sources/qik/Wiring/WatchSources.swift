import Foundation
import QikCore
import QikGit
import QikWatch

/// The watchers behind `qik watch`: the project tree (git's ignore rules decide which directories get a watch)
/// and, with `$VIRTUAL_ENV`, its site-packages (only the top level and `*.dist-info` directories). Each runs
/// on its own thread and hands batches to the `WatchLoop`.
final class WatchSources: @unchecked Sendable {
    private let lock = NSLock()
    private var project: WatchSession?
    private var sitePackages: WatchSession?
    private var selfWritten: (paths: Set<String>, prefixes: [String]) = ([], ["._qik"])

    /// Applies now, and to the project watcher once it exists.
    func setSelfWritten(_ paths: Set<String>, _ prefixes: [String]) {
        lock.withLock {
            selfWritten = (paths, prefixes)
            project?.setSelfWritten(paths: paths, prefixes: prefixes)
        }
    }

    var watchedDirectories: Int {
        lock.withLock { project?.watcher.watchedDirectoryCount ?? 0 }
    }

    var watchLimitError: WatchError? { lock.withLock { project?.watchLimitError } }

    func stop() {
        let sessions = lock.withLock { [project, sitePackages].compactMap { $0 } }
        for session in sessions { session.stop() }
    }

    /// - Parameters:
    ///   - ignoreRules: a repository handle of its own, so ignore checks never wait on a run's index reads.
    ///   - tracked, trackedDirectories: the index at start; a directory holding tracked files is always watched.
    func start(
        root: String, ignoreRules: GitRepository, tracked: Set<String>, trackedDirectories: Set<String>, debounce: Duration,
        sitePackages sitePackagesPath: String?, loop: WatchLoop
    ) throws(WatchError) {
        let options = WatchOptions(shouldWatchDirectory: { directory in
            if trackedDirectories.contains(directory) { return true }
            // A virtualenv under any name: its marker file is cheaper to stat than its tree is to watch.
            if FileManager.default.fileExists(atPath: root + "/" + directory + "/pyvenv.cfg") { return false }
            return !ignoreRules.isIgnored(directory, isDirectory: true)
        })
        let written = lock.withLock { selfWritten }
        let filter = EventFilter(
            selfWrittenPaths: written.paths, selfWrittenPrefixes: written.prefixes,
            isIgnoredPath: { path in !tracked.contains(path) && ignoreRules.isIgnored(path) })
        let projectSession = try WatchSession(root: root, options: options, filter: filter, settle: debounce)
        var venvSession: WatchSession?
        if let sitePackagesPath {
            let venvOptions = WatchOptions(
                ignoredDirectoryNames: [], shouldWatchDirectory: { !$0.contains("/") && $0.hasSuffix(".dist-info") })
            venvSession = try? WatchSession(
                root: sitePackagesPath, options: venvOptions,
                filter: EventFilter(ignoredDirectoryNames: [], selfWrittenPrefixes: []), settle: debounce)
        }
        lock.withLock {
            project = projectSession
            sitePackages = venvSession
            projectSession.setSelfWritten(paths: selfWritten.paths, prefixes: selfWritten.prefixes)
        }
        Self.pump(projectSession) { batch in
            loop.submit(WatchChange(paths: batch.paths, rescan: batch.rescan))
        }
        if let venvSession {
            Self.pump(venvSession) { batch in
                let names = Set(batch.paths.compactMap(DistributionName.fromSitePackagesPath))
                if !names.isEmpty { loop.submit(WatchChange(distributions: names)) }
            }
        }
    }

    /// Blocks in `poll(2)` between batches: no wake-ups while nothing changes, beyond one a minute.
    private static func pump(_ session: WatchSession, _ deliver: @escaping @Sendable (ChangeBatch) -> Void) {
        let started = DetachedThread.start {
            while !session.watcher.isStopped {
                if let batch = session.nextBatch(timeout: .seconds(60)), !batch.isEmpty { deliver(batch) }
            }
        }
        // Without its pump a watch sees nothing: say so and stop, rather than sit there.
        if !started {
            ErrorPresenter.exit(with: QikError("exec0", "Could not start a thread to watch files: the system is out of threads."))
        }
    }
}
