import Foundation

/// `qik hooks run <hook>`: the change set (staged files, or the pushed ranges) selects the affected commands the way
/// `--since` does; they run with the shared cache. For pre-commit a `WorkTreeGuarding` first sets the unstaged work
/// aside, so commands see exactly what is being committed, and puts it back whatever happens.
public struct HookRunner {
    /// Everything a hook run needs from the outside, wired by the executable.
    public struct Services {
        public var makeSession: (RunOptions) -> RunSession
        public var stores: CacheStores
        public var makeLogger: (RunOptions, RunnableGraph) -> any RunLogger
        public var processes: ProcessGroupRegistry
        /// Where the hook's own messages go (standard error).
        public var report: (String) -> Void
        /// Called once commands are selected, before anything is touched (installs the signal trap), so a hook
        /// that selects nothing pays for nothing.
        public var willRun: () -> Void = {}
        /// A session whose file state is the index's content (pre-commit): when every affected command has a cached
        /// result for exactly what is staged, the hook replays them without setting the work tree aside.
        public var makeIndexSession: ((RunOptions) -> RunSession)?

        public init(makeSession: @escaping (RunOptions) -> RunSession, stores: CacheStores,
                    makeLogger: @escaping (RunOptions, RunnableGraph) -> any RunLogger, processes: ProcessGroupRegistry,
                    report: @escaping (String) -> Void) {
            self.makeSession = makeSession
            self.stores = stores
            self.makeLogger = makeLogger
            self.processes = processes
            self.report = report
        }
    }

    public let kind: HookKind
    public let config: ProjectConfig
    public let hook: HookConfig

    public init(kind: HookKind, config: ProjectConfig) {
        self.kind = kind
        self.config = config
        hook = kind.configuration(config)
    }

    /// The skip rule that applies now, if any: `operation` is what git is in the middle of.
    public func skipReason(operation: HookSkipRule?, environment: [String: String]) throws -> String? {
        if environment["QIK_SKIP"] == "1" { return "QIK_SKIP=1" }
        let rules = try HookSkipRule.parse(hook.skip, hook: kind)
        if let operation, rules.contains(operation) { return "\(operation.rawValue) in progress" }
        return nil
    }

    /// The run options of the hook: `base` (CLI defaults, `QIK__…` overrides) narrowed to the configured commands,
    /// tags and spaces, selecting by `changes`.
    public func options(base: RunOptions, changes: Set<String>) -> RunOptions {
        var options = base
        options.commands = hook.commands
        options.tags = hook.tags
        options.spaces = hook.spaces
        options.changedPaths = changes
        options.since = nil
        return options
    }

    /// Runs the hook and returns its exit code (0 lets git go on).
    public func run(
        base: RunOptions, operation: HookSkipRule?, environment: [String: String], changes: () throws -> Set<String>,
        guard workTree: (any WorkTreeGuarding)?, services: Services
    ) throws -> Int32 {
        if let reason = try skipReason(operation: operation, environment: environment) {
            if reason != "QIK_SKIP=1" { services.report("qik \(kind.rawValue): skipped (\(reason)).") }
            return 0
        }
        let changed = try changes()
        guard !changed.isEmpty else { return 0 }
        let options = options(base: base, changes: changed)
        let session = services.makeSession(options)
        // Selection needs paths only, so a commit that affects nothing never touches the work tree.
        let graph = try session.select(stores: services.stores)
        guard graph.count > 0 else { return 0 }
        services.willRun()

        let lock = HookLock(root: config.root)
        try lock.acquire()
        defer { lock.release() }
        let logger = HookSummaryLogger(forwarding: services.makeLogger(options, graph))

        if workTree != nil, let makeIndexSession = services.makeIndexSession,
           try allWarm(graph, options: options, session: makeIndexSession, stores: services.stores) {
            // A replay runs nothing and (without artifacts) writes nothing tracked: the work tree stays as it is.
            let code = try makeIndexSession(options).execute(graph, stores: services.stores, logger: logger, processes: services.processes)
            return finish(code, logger: logger, rewritten: [], report: services.report)
        }
        guard let workTree else {
            let code = try session.execute(graph, stores: services.stores, logger: logger, processes: services.processes)
            return finish(code, logger: logger, rewritten: [], report: services.report)
        }
        do {
            try workTree.hide()
        } catch {
            _ = try? workTree.restore()
            throw error
        }
        var outcome: Result<(Int32?, [String]), any Error>
        do {
            let code = try session.execute(graph, stores: services.stores, logger: logger, processes: services.processes)
            // Replays run nothing: unless one restored artifacts, no file can have been rewritten, so skip the scan.
            let rewritten = logger.everythingReplayed && graph.nodes.allSatisfy(\.artifacts.isEmpty)
                ? (staged: [], other: []) : try workTree.rewrittenFiles()
            if hook.restage {
                try workTree.restage(rewritten.staged)
                if !rewritten.staged.isEmpty {
                    services.report("qik \(kind.rawValue): re-staged \(rewritten.staged.count) file(s) rewritten by commands: \(Self.list(rewritten.staged)).")
                }
                if !rewritten.other.isEmpty {
                    services.report("qik \(kind.rawValue): commands also rewrote files outside this commit (left unstaged): \(Self.list(rewritten.other)).")
                }
                outcome = .success((code, []))
            } else {
                outcome = .success((code, rewritten.staged + rewritten.other))
            }
        } catch {
            outcome = .failure(error)
        }
        // Whatever happened above, the user's unstaged work goes back before anything else is reported.
        try workTree.restore()
        let (code, rewritten) = try outcome.get()
        return finish(code, logger: logger, rewritten: rewritten, report: services.report)
    }

    /// Whether every runnable of `graph` has an accepted cache entry for the index's content and restores no
    /// artifacts (uncached runnables never qualify).
    private func allWarm(_ graph: RunnableGraph, options: RunOptions, session: (RunOptions) -> RunSession,
                         stores: CacheStores) throws -> Bool {
        guard !options.force, graph.nodes.allSatisfy({ $0.artifacts.isEmpty && $0.cache != "none" }) else { return false }
        var warmOptions = options
        warmOptions.cacheStatus = .warm
        let warm = try session(warmOptions).select(stores: stores)
        return Set(warm.nodes.map(\.name)) == Set(graph.nodes.map(\.name))
    }

    private func finish(_ code: Int32?, logger: HookSummaryLogger, rewritten: [String], report: (String) -> Void) -> Int32 {
        guard let code else {
            report("qik \(kind.rawValue): interrupted; your work tree is as you left it.")
            return 130
        }
        let failed = logger.failures()
        var lines: [String] = []
        if !failed.isEmpty {
            let shown = failed.prefix(10).map { "    \($0.name) (exit \($0.code))" }
            lines.append("\(Glyph.failure) qik \(kind.rawValue): \(failed.count) of \(logger.total) command(s) failed; the \(kind.blocked) was blocked.")
            lines += shown
            if failed.count > shown.count { lines.append("    … and \(failed.count - shown.count) more") }
        }
        if !rewritten.isEmpty {
            lines.append("\(Glyph.failure) qik \(kind.rawValue): commands rewrote \(rewritten.count) file(s): \(Self.list(rewritten)).")
            lines.append("    Review and `git add` them, or set `restage = true` under [hooks.\(kind.rawValue)] in qik.toml.")
        }
        guard !lines.isEmpty else { return code }
        lines.append("    Logs: ._qik/out/. Skip once with `git \(kind.gitCommand) --no-verify` or QIK_SKIP=1.")
        report(lines.joined(separator: "\n"))
        return max(code, 1)
    }

    static func list(_ paths: [String]) -> String {
        let shown = paths.sorted().prefix(8).joined(separator: ", ")
        return paths.count > 8 ? shown + ", … (\(paths.count) in all)" : shown
    }
}

extension HookKind {
    var blocked: String { self == .preCommit ? "commit" : "push" }
    var gitCommand: String { self == .preCommit ? "commit" : "push" }
}

/// Forwards every event and remembers the outcomes, for the one-screen summary.
final class HookSummaryLogger: RunLogger, @unchecked Sendable {
    private let inner: any RunLogger
    private let lock = NSLock()
    private var codes: [String: Int32] = [:]
    private var ran = false
    private(set) var total = 0

    /// True when no command actually ran (every finished runnable was a cache replay).
    var everythingReplayed: Bool { lock.withLock { !ran } }

    init(forwarding inner: any RunLogger) { self.inner = inner }

    func failures() -> [(name: String, code: Int32)] {
        lock.withLock { codes.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    func runStarted(_ graph: RunnableGraph) {
        lock.withLock { total = graph.count }
        inner.runStarted(graph)
    }
    func started(_ runnable: Runnable, cached: Bool) { inner.started(runnable, cached: cached) }
    func line(_ runnable: Runnable, _ text: String) { inner.line(runnable, text) }
    func finished(_ runnable: Runnable, code: Int32, cached: Bool) {
        lock.withLock {
            codes[runnable.name] = code
            if !cached { ran = true }
        }
        inner.finished(runnable, code: code, cached: cached)
    }
    func skipped(_ runnable: Runnable) { inner.skipped(runnable) }
    func runFinished(_ outcomes: [String: RunnableOutcome], graph: RunnableGraph) { inner.runFinished(outcomes, graph: graph) }
}
