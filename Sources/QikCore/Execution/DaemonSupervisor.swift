import Foundation

/// Keeps `daemon = true` runnables (dev servers) alive outside any one run.
///
/// A daemon counts as finished successfully for scheduling as soon as it is started, so its dependents are not
/// blocked; it is never cached. Each daemon gets its own `ProcessGroupRegistry`, so cancelling a run (which
/// terminates that run's registry) leaves running daemons alone, and stopping one daemon kills its whole
/// process group: SIGTERM, then SIGKILL after `grace` seconds.
public final class DaemonSupervisor: @unchecked Sendable {
    public typealias LineSink = @Sendable (Runnable, String) -> Void
    public typealias ExitSink = @Sendable (Runnable, Int32) -> Void

    private final class Instance: @unchecked Sendable {
        let runnable: Runnable
        let registry = ProcessGroupRegistry()
        let done = DispatchSemaphore(value: 0)
        var exited = false
        init(runnable: Runnable) { self.runnable = runnable }
    }

    private let lock = NSLock()
    private var instances: [String: Instance] = [:]
    private var stale: Set<String> = []
    private var closed = false
    private let onLine: LineSink
    private let onExit: ExitSink
    private let grace: Double
    /// Signalled whenever a daemon process ends, for `waitUntilAllExited`.
    private let exits = NSCondition()

    public init(grace: Double = 3, onLine: @escaping LineSink, onExit: @escaping ExitSink) {
        self.grace = grace
        self.onLine = onLine
        self.onExit = onExit
    }

    /// Starts the daemon unless the same runnable is already running and was not marked stale; a changed
    /// runnable (new exec after a config reload) or a stale one is stopped first. Returns true when it started.
    @discardableResult
    public func ensureRunning(_ runnable: Runnable, environment: [String: String]) -> Bool {
        let previous: Instance? = lock.withLock {
            guard let current = instances[runnable.name] else { return nil }
            if current.runnable == runnable, !current.exited, !stale.contains(runnable.name) { return current }
            return nil
        }
        if previous != nil { return false }
        stop(runnable.name)
        let instance = Instance(runnable: runnable)
        let accepted: Bool = lock.withLock {
            guard !closed else { return false }
            instances[runnable.name] = instance
            stale.remove(runnable.name)
            return true
        }
        guard accepted else { return false }
        let finish: @Sendable (Int32) -> Void = { [self] code in
            let expected = instance.registry.isStopping
            lock.withLock { instance.exited = true }
            instance.done.signal()
            exits.withLock { exits.broadcast() }
            if !expected { onExit(runnable, code) }
        }
        let started = DetachedThread.start { [self] in
            let code: Int32
            do {
                code = try ChildProcess.run(shell: runnable.exec, environment: environment, registry: instance.registry) {
                    self.onLine(runnable, $0)
                }.code
            } catch {
                code = 127
            }
            finish(code)
        }
        // No thread to watch it from: the daemon is not started, and exits as one that could not be spawned.
        if !started { finish(127) }
        return true
    }

    /// The next `ensureRunning` of these daemons restarts them (their inputs changed).
    public func markStale(_ names: some Sequence<String>) {
        lock.withLock { stale.formUnion(names) }
    }

    /// True once `stopAll` ran (Ctrl-C).
    public var wasStopped: Bool { lock.withLock { closed } }

    /// Names of daemons whose process is still running.
    public var runningNames: Set<String> {
        lock.withLock { Set(instances.filter { !$0.value.exited }.keys) }
    }

    /// Stops one daemon and waits until its process group is gone.
    public func stop(_ name: String) {
        guard let instance = lock.withLock({ instances.removeValue(forKey: name) }) else { return }
        terminate(instance)
    }

    /// Stops every daemon not in `names` (e.g. removed from the configuration).
    public func retain(only names: Set<String>) {
        for name in lock.withLock({ Array(instances.keys) }) where !names.contains(name) { stop(name) }
    }

    /// Stops every daemon, in parallel, and refuses new ones.
    public func stopAll() {
        let all: [Instance] = lock.withLock {
            closed = true
            defer { instances.removeAll() }
            return Array(instances.values)
        }
        DispatchQueue.concurrentPerform(iterations: all.count) { terminate(all[$0]) }
    }

    /// Blocks until no daemon process is left (they exited or were stopped).
    public func waitUntilAllExited() {
        exits.withLock {
            while !runningNames.isEmpty { exits.wait() }
        }
    }

    private func terminate(_ instance: Instance) {
        instance.registry.terminateAll(signal: SIGTERM, grace: grace)
        // ChildProcess.run returns once the pipe closes and the shell is reaped.
        instance.done.wait()
        instance.done.signal()
    }
}
