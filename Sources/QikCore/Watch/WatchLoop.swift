import Foundation

/// One debounced change set, as a watcher hands it over. QikCore never sees inotify: `qik` adapts QikWatch's
/// batches (project tree and venv site-packages) into these and calls `WatchLoop.submit`.
public struct WatchChange: Sendable, Equatable {
    /// Changed paths relative to the project root.
    public var paths: Set<String>
    /// Normalised names of distributions installed, upgraded or removed in the venv.
    public var distributions: Set<String>
    /// Events were lost: compare every tracked file instead of trusting `paths`.
    public var rescan: Bool

    public init(paths: Set<String> = [], distributions: Set<String> = [], rescan: Bool = false) {
        self.paths = paths
        self.distributions = distributions
        self.rescan = rescan
    }
}

/// `qik watch` after the watcher: content check, selection, runs that restart or queue, daemons, reloads.
///
/// Theory of operation. Watcher threads `submit` changes; everything else happens on the thread that called
/// `run`, which owns all state, so no lock guards it. Runs execute on a background thread each with a fresh
/// `ProcessGroupRegistry`, so cancelling one (terminating that registry) never touches the next run, the
/// daemons, or qik itself. A batch arriving during a run either cancels and restarts it (its selection overlaps
/// the run's, and restarting is on), or is queued and merged with anything else queued.
public final class WatchLoop: @unchecked Sendable {
    /// One loaded configuration.
    public struct Context: Sendable {
        public let session: RunSession
        public let stores: CacheStores
        /// The first run's selection (honours `--since` and `--cache-status`).
        public let initial: RunnableGraph
        /// What batches may select from.
        public let graph: RunnableGraph
        /// The configuration file, relative to the root (`qik.toml` or `pyproject.toml`).
        public let configFile: String

        public init(session: RunSession, stores: CacheStores, initial: RunnableGraph, graph: RunnableGraph, configFile: String) {
            self.session = session
            self.stores = stores
            self.initial = initial
            self.graph = graph
            self.configFile = configFile
        }

        /// Declared artifacts as the watcher's self-written set: exact paths, and for a pattern the literal
        /// directory before its first wildcard (`dist/*.whl` → `dist`). Kept for as long as the configuration,
        /// so writes the kernel reports late, and artifacts restored from a cache, never retrigger.
        public var selfWritten: (paths: Set<String>, prefixes: [String]) {
            var paths: Set<String> = []
            var prefixes: Set<String> = ["._qik"]
            for runnable in graph.nodes {
                for artifact in runnable.artifacts {
                    let parts = artifact.split(separator: "/").map(String.init)
                    if let wild = parts.firstIndex(where: { $0.contains(where: { "*?[".contains($0) }) }) {
                        if wild > 0 { prefixes.insert(parts[..<wild].joined(separator: "/")) }
                    } else {
                        paths.insert(artifact)
                    }
                }
            }
            return (paths, prefixes.sorted())
        }
    }

    public struct Settings: Sendable {
        /// Cancel and restart a run whose inputs change again (`--no-restart` turns it off: queue instead).
        public var restart = true
        /// Hidden test switch: exit 0 once this many batches were handled and nothing is running or queued.
        public var exitAfter: Int?
        /// Hidden test switch: machine-readable `batch`, `changed`, `selected` lines.
        public var printBatches = false
        /// Seconds between SIGTERM and SIGKILL when a run is cancelled or qik stops.
        public var grace: Double = 3

        public init() {}
    }

    /// What `qik` wires in.
    public struct Environment: Sendable {
        public var load: @Sendable () throws -> Context
        public var logger: @Sendable (RunnableGraph) -> any RunLogger
        public var setSelfWritten: @Sendable (Set<String>, [String]) -> Void
        public var watchedDirectories: @Sendable () -> Int
        public var stopWatching: @Sendable () -> Void
        public var report: @Sendable (QikError) -> Void
        public var out: ConsoleOutput
        /// The import-graph seam (see `WatchPlanner.AffectedPathsExpanding`).
        public var expand: WatchPlanner.AffectedPathsExpanding = { _ in [] }

        public init(
            load: @escaping @Sendable () throws -> Context, logger: @escaping @Sendable (RunnableGraph) -> any RunLogger,
            setSelfWritten: @escaping @Sendable (Set<String>, [String]) -> Void,
            watchedDirectories: @escaping @Sendable () -> Int, stopWatching: @escaping @Sendable () -> Void,
            report: @escaping @Sendable (QikError) -> Void, out: ConsoleOutput
        ) {
            self.load = load
            self.logger = logger
            self.setSelfWritten = setSelfWritten
            self.watchedDirectories = watchedDirectories
            self.stopWatching = stopWatching
            self.report = report
            self.out = out
        }
    }

    private enum Event {
        case change(WatchChange)
        case finished(id: Int, outcomes: [String: RunnableOutcome], seconds: Double)
        case interrupt
    }

    private final class ActiveRun: @unchecked Sendable {
        let id: Int
        let names: Set<String>
        let registry = ProcessGroupRegistry()
        let done = DispatchSemaphore(value: 0)
        var cancelled = false
        init(id: Int, names: Set<String>) {
            self.id = id
            self.names = names
        }
    }

    private struct Queued {
        /// nil: the whole graph (after a configuration reload).
        var names: Set<String>?
        var restartDaemons: Set<String>
    }

    let settings: Settings
    let env: Environment
    public let daemons: DaemonSupervisor
    private let hookLock: HookLock

    private let condition = NSCondition()
    private var events: [Event] = []

    // Owned by the thread in `run`.
    private var context: Context
    private let tracker: ContentTracker
    private var active: ActiveRun?
    private var queued: Queued?
    private var nextRunID = 1
    private var handled = 0
    private var paused = false
    private var brokenConfig = false
    private var watchingAnnounced = false

    /// Loads the configuration and snapshots every tracked file's blob id; throws the configuration's error.
    public init(root: String, settings: Settings, environment: Environment, daemons: DaemonSupervisor) throws {
        self.settings = settings
        self.env = environment
        self.daemons = daemons
        self.hookLock = HookLock(root: root)
        self.context = try environment.load()
        self.tracker = ContentTracker(files: context.session.files)
        try tracker.snapshot()
        let written = context.selfWritten
        environment.setSelfWritten(written.paths, written.prefixes)
    }

    /// Every tracked path and directory at start, for the watcher's ignore rules.
    public var trackedPaths: Set<String> { tracker.trackedPaths }
    public var trackedDirectories: Set<String> { tracker.trackedDirectories }

    /// Hands a change over from a watcher thread.
    public func submit(_ change: WatchChange) { post(.change(change)) }

    /// Ctrl-C: stops runs and daemons; `run` returns 130. Thread-safe.
    public func interrupt() { post(.interrupt) }

    private func post(_ event: Event) {
        condition.withLock {
            events.append(event)
            condition.signal()
        }
    }

    private func next(timeout: Double?) -> Event? {
        condition.withLock {
            let deadline = timeout.map { Date().addingTimeInterval($0) }
            while events.isEmpty {
                if let deadline {
                    if !condition.wait(until: deadline) { return nil }
                } else {
                    condition.wait()
                }
            }
            return events.removeFirst()
        }
    }

    /// Runs the selection once, then handles changes until interrupted (130) or `exitAfter` is reached (0).
    public func run() -> Int32 {
        start(Queued(names: nil, restartDaemons: []), initial: true)
        while true {
            guard let event = next(timeout: paused ? 0.2 : nil) else {
                if paused, !hookLock.isHeld { resume() }
                continue
            }
            switch event {
            case .interrupt:
                shutdown()
                return 130
            case .finished(let id, let outcomes, let seconds):
                guard let run = active, run.id == id else { continue }
                active = nil
                env.out.line(WatchReport.summary(outcomes, seconds: seconds, cancelled: run.cancelled))
                if !watchingAnnounced {
                    watchingAnnounced = true
                    env.out.line(WatchReport.watching(directories: env.watchedDirectories()))
                }
                if let next = queued {
                    queued = nil
                    start(next)
                }
            case .change(let change):
                handled += 1
                handle(change)
            }
            if let limit = settings.exitAfter, handled >= limit, active == nil, queued == nil {
                shutdown()
                return 0
            }
        }
    }

    private func handle(_ change: WatchChange) {
        if hookLock.isHeld {
            if !paused { env.out.line("\(Glyph.watching) Paused while a git hook runs.") }
            paused = true
            batchLine("paused")
            return
        }
        if paused { resume() }
        let changed: Set<String>
        do {
            changed = change.rescan ? try tracker.snapshot() : try tracker.changed(change.paths)
        } catch {
            env.report(error as? QikError ?? QikError("watch3", "Could not read file states: \(error).", fault: .bug))
            return
        }
        batchLine(change.paths.sorted().joined(separator: " ") + (change.rescan ? " (rescan)" : ""))
        if settings.printBatches { env.out.line("changed: \(describe(changed.union(change.distributions)))") }
        guard !changed.isEmpty || !change.distributions.isEmpty || (change.rescan && brokenConfig) else { return }
        env.out.line(WatchReport.detected(Array(changed) + change.distributions.map { "\($0) (distribution)" }))

        if brokenConfig || changed.contains(where: isConfigPath) {
            reload()
            return
        }
        let plan = WatchPlanner(root: context.session.projectConfig.root, compile: context.session.compile, expand: env.expand)
            .plan(context.graph, paths: changed, distributions: change.distributions)
        if settings.printBatches { env.out.line("selected: \(describe(plan.names))") }
        guard !plan.isEmpty else { return }
        schedule(Queued(names: plan.names, restartDaemons: plan.restartDaemons))
    }

    private func isConfigPath(_ path: String) -> Bool {
        path == context.configFile || path == "qik.toml" || path.hasSuffix("/qik.toml")
    }

    /// A changed configuration: reload it and rerun the whole selection (unchanged runnables replay from the
    /// cache). A broken one is reported and nothing runs until a later save loads.
    private func reload() {
        do {
            context = try env.load()
        } catch {
            brokenConfig = true
            env.report(error as? QikError ?? QikError("watch3", "Could not reload the configuration: \(error).", fault: .bug))
            env.out.line("\(Glyph.watching) Waiting for the configuration to be fixed.")
            return
        }
        brokenConfig = false
        tracker.use(context.session.files)
        let written = context.selfWritten
        env.setSelfWritten(written.paths, written.prefixes)
        daemons.retain(only: Set(context.graph.nodes.filter(\.daemon).map(\.name)))
        env.out.line("\(Glyph.watching) Configuration reloaded.")
        if settings.printBatches { env.out.line("selected: *") }
        schedule(Queued(names: nil, restartDaemons: []))
    }

    private func schedule(_ next: Queued) {
        guard let run = active else {
            start(next)
            return
        }
        var merged = queued ?? Queued(names: [], restartDaemons: [])
        merged.names = merged.names.flatMap { old in next.names.map { old.union($0) } }
        merged.restartDaemons.formUnion(next.restartDaemons)
        let overlaps = next.names.map { !run.names.isDisjoint(with: $0) } ?? true
        if settings.restart, overlaps, !run.cancelled {
            // Rerun what the cancelled run had not finished, too; what it finished replays from the cache.
            merged.names = merged.names.map { $0.union(run.names) }
            cancel(run)
        }
        queued = merged
    }

    private func start(_ next: Queued, initial: Bool = false) {
        let context = self.context
        let graph = initial ? context.initial : next.names.map { context.graph.filtered($0, neighbors: false) } ?? context.graph
        let run = ActiveRun(id: nextRunID, names: Set(graph.nodes.map(\.name)))
        nextRunID += 1
        active = run
        daemons.markStale(next.restartDaemons)
        let logger = RecordingLogger(env.logger(graph))
        let (env, daemons) = (self.env, self.daemons)
        let started = DetachedThread.start { [self] in
            let began = Date()
            do {
                _ = try context.session.execute(graph, stores: context.stores, logger: logger, processes: run.registry, daemons: daemons)
            } catch {
                env.report(error as? QikError ?? QikError("exec1", "\(error)", fault: .bug))
            }
            run.done.signal()
            post(.finished(id: run.id, outcomes: logger.outcomes, seconds: Date().timeIntervalSince(began)))
        }
        if !started {
            // Not on this thread: it also takes the events that cancel a run.
            env.report(QikError("exec0", "Could not start a thread for the run: the system is out of threads."))
            run.done.signal()
            post(.finished(id: run.id, outcomes: logger.outcomes, seconds: 0))
        }
    }

    private func cancel(_ run: ActiveRun) {
        run.cancelled = true
        let grace = settings.grace
        DispatchQueue.global().async { run.registry.terminateAll(signal: SIGTERM, grace: grace) }
    }

    private func resume() {
        paused = false
        // Whatever the hook changed is the new baseline: its own writes must not trigger runs.
        _ = try? tracker.snapshot()
        env.out.line("\(Glyph.watching) Git hook finished; watching again.")
    }

    private func shutdown() {
        env.stopWatching()
        if let run = active {
            run.cancelled = true
            run.registry.terminateAll(signal: SIGTERM, grace: settings.grace)
            run.done.wait()
        }
        daemons.stopAll()
        env.out.line("\(Glyph.watching) Stopped watching after \(handled) \(handled == 1 ? "batch" : "batches").")
    }

    private func batchLine(_ text: String) {
        if settings.printBatches { env.out.line("batch \(handled): \(text)") }
    }

    private func describe(_ names: Set<String>?) -> String {
        guard let names else { return "*" }
        return names.isEmpty ? "-" : names.sorted().joined(separator: " ")
    }
}
