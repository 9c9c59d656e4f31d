import Foundation

/// What a worker does with one runnable (§3.4): replay it from its cache when the key matches, otherwise run it,
/// then store the result under the key recomputed from the files as they are after the run.
public final class RunnableWork: @unchecked Sendable {
    let config: ProjectConfig
    let graph: RunnableGraph
    let keys: CacheKeyBuilder
    let stores: CacheStores
    let environment: RunnableEnvironment
    let force: Bool
    /// Runs built-in runnables (pygraph) in-process; nil when no import-graph service was injected.
    var builtins: PygraphCommands?
    private let lock = NSLock()
    private var fatal: QikError?
    /// Where `daemon = true` runnables are started; without one a daemon runs like any command (and blocks).
    public var daemons: DaemonSupervisor?
    /// See `RunOptions.keyFromRunStart`.
    public var keyFromRunStart = false

    public init(
        config: ProjectConfig, graph: RunnableGraph, keys: CacheKeyBuilder, stores: CacheStores,
        environment: RunnableEnvironment, force: Bool
    ) {
        self.config = config
        self.graph = graph
        self.keys = keys
        self.stores = stores
        self.environment = environment
        self.force = force
    }

    /// A runner-level error raised inside a runnable (e.g. an unconfigured cache): the run finishes, then fails.
    public var runError: QikError? { lock.withLock { fatal } }

    func perform(_ runnable: Runnable, worker: Int, logger: any RunLogger, processes: ProcessGroupRegistry) -> RunnableOutcome {
        let dependencies = graph.dependencyRunnables[runnable.name] ?? []
        if runnable.daemon, let daemons { return startDaemon(runnable, worker: worker, logger: logger, daemons: daemons) }
        do {
            let store = try stores.store(named: runnable.cache)
            let uncached = store.storesNothing
            var startKey: String?
            if !uncached, keyFromRunStart || !force {
                startKey = try keys.key(for: runnable, dependencies: dependencies).digest
            }
            if !uncached, !force, let key = startKey {
                if let entry = try store.get(runnable, hash: key, restoreArtifacts: true),
                    runnable.cacheWhen.accepts(exitCode: entry.manifest.code)
                {
                    logger.started(runnable, cached: true)
                    for line in entry.log.split(separator: "\n", omittingEmptySubsequences: false) {
                        logger.line(runnable, String(line))
                    }
                    logger.finished(runnable, code: entry.manifest.code, cached: true)
                    return .replayed(code: entry.manifest.code, output: entry.log)
                }
            }
            logger.started(runnable, cached: false)
            let env: [String: String]
            do {
                env = try environment.variables(for: runnable, worker: worker)
            } catch let error as QikError where error.isRunnableLevel {
                return fail(runnable, error, logger: logger)
            }
            let outcome: (code: Int32, output: String)
            if runnable.builtin != nil {
                guard let builtins else { throw QikError("exec1", "\(runnable.exec) needs the import-graph service.", fault: .bug) }
                outcome = try builtins.run(runnable, dependencies: dependencies)
                if !outcome.output.isEmpty {
                    for line in outcome.output.split(separator: "\n", omittingEmptySubsequences: false) { logger.line(runnable, String(line)) }
                }
            } else {
                let result = try ChildProcess.run(
                    shell: runnable.exec, environment: env, registry: processes
                ) { logger.line(runnable, $0) }
                outcome = (result.code, result.output)
            }
            if processes.isStopping { return .cancelled }
            if !uncached, runnable.cacheWhen.accepts(exitCode: outcome.code) {
                var hash = startKey ?? ""
                if !keyFromRunStart || startKey == nil {
                    keys.refresh()
                    hash = try keys.key(for: runnable, dependencies: dependencies).digest
                }
                try store.set(runnable, result: RunResult(code: outcome.code, log: outcome.output, hash: hash))
            }
            logger.finished(runnable, code: outcome.code, cached: false)
            return .ran(code: outcome.code, output: outcome.output)
        } catch let error as QikError where error.isRunnableLevel {
            return fail(runnable, error, logger: logger)
        } catch {
            let qikError = error as? QikError ?? QikError("exec1", "\(error)", fault: .bug)
            lock.withLock { if fatal == nil { fatal = qikError } }
            return fail(runnable, qikError, logger: logger)
        }
    }

    /// A daemon "finishes" successfully once started, so its dependents can run; it is never cached.
    private func startDaemon(_ runnable: Runnable, worker: Int, logger: any RunLogger, daemons: DaemonSupervisor) -> RunnableOutcome {
        logger.started(runnable, cached: false)
        do {
            let started = daemons.ensureRunning(runnable, environment: try environment.variables(for: runnable, worker: worker))
            let text = started ? "daemon started" : "daemon already running"
            logger.line(runnable, text)
            logger.finished(runnable, code: 0, cached: false)
            return .ran(code: 0, output: text + "\n")
        } catch let error as QikError {
            return fail(runnable, error, logger: logger)
        } catch {
            return fail(runnable, QikError("exec1", "\(error)", fault: .bug), logger: logger)
        }
    }

    /// Runnable-level errors become the runnable's output, and it fails with code 1.
    private func fail(_ runnable: Runnable, _ error: QikError, logger: any RunLogger) -> RunnableOutcome {
        let text = "\(error.message) See \(error.docsURL)"
        logger.line(runnable, text)
        logger.finished(runnable, code: 1, cached: false)
        return .ran(code: 1, output: text)
    }
}

extension QikError {
    /// Errors that fail one runnable rather than the whole run (0.2.10's `RunnableError`: space*, pydist*).
    var isRunnableLevel: Bool { code.hasPrefix("space") || code.hasPrefix("pydist") }
}
