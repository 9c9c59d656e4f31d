import Foundation

/// Runs a graph with N workers (§3.4): a runnable starts when everything upstream of it in the view succeeded;
/// after a failure everything downstream is skipped. Each runnable either replays from its cache or runs and is
/// stored.
public final class Executor: @unchecked Sendable {
    let graph: RunnableGraph
    let work: RunnableWork
    let logger: any RunLogger
    let workers: Int
    public let processes: ProcessGroupRegistry

    private let condition = NSCondition()
    private var pending: [String]
    private var running: Set<String> = []
    private var outcomes: [String: RunnableOutcome] = [:]
    private var failed: Set<String> = []
    private var upstream: [String: Set<String>] = [:]

    public init(graph: RunnableGraph, work: RunnableWork, logger: any RunLogger, workers: Int, processes: ProcessGroupRegistry) {
        self.graph = graph
        self.work = work
        self.logger = logger
        self.workers = max(1, workers)
        self.processes = processes
        self.pending = graph.nodes.map(\.name)
        for name in pending { upstream[name] = graph.upstream(of: name) }
    }

    /// Runs everything; returns each runnable's outcome by name.
    public func run() -> [String: RunnableOutcome] {
        // The calling thread is one of the workers: one thread fewer to start (and wake) per run.
        let group = DispatchGroup()
        for _ in 1..<min(workers, max(1, pending.count)) {
            group.enter()
            DetachedThread.run { [self] in
                workerLoop()
                group.leave()
            }
        }
        workerLoop()
        group.wait()
        return condition.withLock { outcomes }
    }

    /// Worker ids (`QIK__WORKER`) are handed out in the order workers take their first runnable, so a lone
    /// runnable always runs as worker 1.
    private var nextWorkerID = 1

    private func workerLoop() {
        var id = 0
        while let name = nextReady() {
            if id == 0 { id = condition.withLock { defer { nextWorkerID += 1 }; return nextWorkerID } }
            let runnable = graph.allNodes[name]!
            let outcome = processes.isStopping ? .cancelled : work.perform(runnable, worker: id, logger: logger, processes: processes)
            finish(name, outcome)
        }
    }

    /// Blocks until a runnable is ready, or returns nil when nothing is left.
    private func nextReady() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if processes.isStopping {
                for name in pending { outcomes[name] = .cancelled }
                pending.removeAll()
            }
            if let index = pending.firstIndex(where: { isReady($0) }) {
                let name = pending.remove(at: index)
                running.insert(name)
                return name
            }
            if pending.isEmpty { return nil }
            condition.wait()
        }
    }

    private func isReady(_ name: String) -> Bool {
        upstream[name, default: []].allSatisfy { outcomes[$0] != nil }
    }

    private func finish(_ name: String, _ outcome: RunnableOutcome) {
        condition.lock()
        outcomes[name] = outcome
        running.remove(name)
        if outcome.code.map({ $0 != 0 }) ?? (outcome == .cancelled) { failed.insert(name) }
        // Skip everything downstream of a failure, transitively.
        var skippedNow: [Runnable] = []
        var changed = true
        while changed {
            changed = false
            for candidate in pending where !(upstream[candidate, default: []].isDisjoint(with: failed)) {
                pending.removeAll { $0 == candidate }
                outcomes[candidate] = .skipped
                failed.insert(candidate)
                skippedNow.append(graph.allNodes[candidate]!)
                changed = true
            }
        }
        condition.broadcast()
        condition.unlock()
        for runnable in skippedNow { logger.skipped(runnable) }
    }
}
