/// Passes every event on and keeps the run's outcomes, for the summary line `qik watch` prints after each run.
final class RecordingLogger: RunLogger, @unchecked Sendable {
    let inner: any RunLogger
    private(set) var outcomes: [String: RunnableOutcome] = [:]

    init(_ inner: any RunLogger) { self.inner = inner }

    func runStarted(_ graph: RunnableGraph) { inner.runStarted(graph) }
    func started(_ runnable: Runnable, cached: Bool) { inner.started(runnable, cached: cached) }
    func line(_ runnable: Runnable, _ text: String) { inner.line(runnable, text) }
    func finished(_ runnable: Runnable, code: Int32, cached: Bool) { inner.finished(runnable, code: code, cached: cached) }
    func skipped(_ runnable: Runnable) { inner.skipped(runnable) }
    func runFinished(_ outcomes: [String: RunnableOutcome], graph: RunnableGraph) {
        // Called once, after every worker ended, before execute returns.
        self.outcomes = outcomes
        inner.runFinished(outcomes, graph: graph)
    }
}
