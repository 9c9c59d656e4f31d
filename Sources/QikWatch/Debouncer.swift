/// Turns a stream of timestamped events into batches. Pure: no clock, no OS; time only enters as arguments,
/// so tests drive it with synthetic instants.
///
/// A batch is ready `settle` after its **last** event (a burst such as `git checkout` or a formatter run
/// becomes one batch), or `maxLatency` after its **first** event, whichever comes first, so a stream that
/// never pauses still yields a batch at least once per `maxLatency`. Defaults: 50 ms settle (watchexec's
/// default debounce, crates/cli/src/args/events.rs) and a 1 s cap.
public struct Debouncer: Sendable {
    public enum Decision: Sendable, Equatable {
        /// Nothing pending: wait for events as long as you like.
        case idle
        /// Events pending: call `poll` again at this instant (or when new events arrive).
        case wait(until: ContinuousClock.Instant)
        /// The batch to run. The debouncer is idle again.
        case ready(ChangeBatch)
    }

    public var settle: Duration
    public var maxLatency: Duration
    private var coalescer = ChangeCoalescer()
    private var firstEventAt: ContinuousClock.Instant?
    private var lastEventAt: ContinuousClock.Instant?

    public init(settle: Duration = .milliseconds(50), maxLatency: Duration = .seconds(1)) {
        self.settle = settle
        self.maxLatency = maxLatency
    }

    /// Adds events observed at `time`. Events are folded as they come (per-path state, not a growing log),
    /// so a long burst costs memory per distinct path only.
    public mutating func record(_ events: some Collection<RawEvent>, at time: ContinuousClock.Instant) {
        guard !events.isEmpty else { return }
        coalescer.add(events)
        if firstEventAt == nil { firstEventAt = time }
        lastEventAt = time
    }

    /// When the pending batch becomes ready, if anything is pending.
    public var deadline: ContinuousClock.Instant? {
        guard let firstEventAt, let lastEventAt else { return nil }
        return min(lastEventAt + settle, firstEventAt + maxLatency)
    }

    public mutating func poll(now: ContinuousClock.Instant) -> Decision {
        guard let deadline else { return .idle }
        guard now >= deadline else { return .wait(until: deadline) }
        let batch = coalescer.batch()
        coalescer = ChangeCoalescer()
        firstEventAt = nil
        lastEventAt = nil
        // Everything cancelled out (a scratch file created and deleted): nothing to run.
        return batch.isEmpty ? .idle : .ready(batch)
    }
}
