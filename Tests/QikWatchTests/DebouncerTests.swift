import Testing
@testable import QikWatch

/// Synthetic time: every test starts at `t0` and only differences matter.
private let t0 = ContinuousClock.now
private func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }
private func event(_ path: String, _ kind: RawEvent.Kind) -> RawEvent { RawEvent(path: path, kind: kind) }

@Suite("Debouncer: settle window, latency cap, kinds")
struct DebouncerTests {
    @Test("nothing recorded: idle, no deadline")
    func idle() {
        var debouncer = Debouncer()
        #expect(debouncer.poll(now: at(0)) == .idle)
        #expect(debouncer.deadline == nil)
    }

    @Test("a burst becomes one batch, settle after its last event")
    func burstSettles() {
        // Given events at 0, 30 and 60 ms with a 50 ms settle window
        var debouncer = Debouncer(settle: .milliseconds(50))
        debouncer.record([event("a.py", .modified)], at: at(0))
        debouncer.record([event("b.py", .modified)], at: at(30))
        debouncer.record([event("a.py", .modified)], at: at(60))
        // Then nothing is ready until 110 ms, and the batch holds each path once
        #expect(debouncer.poll(now: at(100)) == .wait(until: at(110)))
        #expect(debouncer.poll(now: at(110)) == .ready(ChangeBatch(changes: [
            PathChange(path: "a.py", kind: .modified), PathChange(path: "b.py", kind: .modified),
        ])))
        #expect(debouncer.poll(now: at(200)) == .idle)
    }

    @Test("a stream that never pauses still yields a batch at the latency cap")
    func latencyCap() {
        var debouncer = Debouncer(settle: .milliseconds(50), maxLatency: .seconds(1))
        // Given one event every 20 ms for 1.5 s
        var batches: [ChangeBatch] = []
        for tick in 0..<75 {
            let now = at(tick * 20)
            debouncer.record([event("log\(tick).txt", .created)], at: now)
            if case .ready(let batch) = debouncer.poll(now: now) { batches.append(batch) }
        }
        // Then the first batch is cut at 1,000 ms with the 51 events seen by then,
        // and the second (from 1,020 ms) waits for settle after its last event at 1,480 ms
        #expect(batches.count == 1)
        #expect(batches.first?.changes.count == 51)
        #expect(debouncer.deadline == at(1_480 + 50))
        #expect(debouncer.poll(now: at(1_530)) != .idle)
    }

    @Test("settle is configurable")
    func configurableSettle() {
        var debouncer = Debouncer(settle: .milliseconds(200))
        debouncer.record([event("a", .modified)], at: at(0))
        #expect(debouncer.poll(now: at(199)) == .wait(until: at(200)))
        #expect(debouncer.poll(now: at(200)) != .wait(until: at(200)))
    }

    @Test("created then deleted in one batch cancels out, and the debouncer goes idle")
    func createdThenDeleted() {
        var debouncer = Debouncer()
        debouncer.record([event("4913", .created), event("4913", .deleted)], at: at(0))
        #expect(debouncer.poll(now: at(50)) == .idle)
    }

    @Test("overflow alone still delivers a rescan batch")
    func overflowRescan() {
        var debouncer = Debouncer()
        debouncer.record([.overflow], at: at(0))
        #expect(debouncer.poll(now: at(50)) == .ready(ChangeBatch(changes: [], rescan: true)))
    }

    @Test("an empty record does not start a batch")
    func emptyRecord() {
        var debouncer = Debouncer()
        debouncer.record([RawEvent](), at: at(0))
        #expect(debouncer.deadline == nil)
    }
}

@Suite("ChangeCoalescer: one change per path")
struct ChangeCoalescerTests {
    private func coalesce(_ events: [RawEvent]) -> [PathChange] {
        var coalescer = ChangeCoalescer()
        coalescer.add(events)
        return coalescer.batch().changes
    }

    @Test("kind rules", arguments: [
        ([RawEvent.Kind.created, .modified], PathChange.Kind?.some(.created)),
        ([.modified, .modified, .modified], .modified),
        ([.created, .deleted], nil),
        ([.deleted, .created], .modified),
        ([.modified, .deleted], .deleted),
        ([.deleted], .deleted),
        ([.movedTo(cookie: 7)], .modified),
        ([.movedFrom(cookie: 7)], .deleted),
        ([.created, .deleted, .created], .created),
    ])
    func kindRules(kinds: [RawEvent.Kind], expected: PathChange.Kind?) {
        let changes = coalesce(kinds.map { RawEvent(path: "x.py", kind: $0) })
        #expect(changes == (expected.map { [PathChange(path: "x.py", kind: $0)] } ?? []))
    }

    /// vim with `backupcopy=no`, JetBrains and most atomic-write libraries save this way.
    @Test("atomic save: write x.tmp, rename onto x, reports x modified and nothing about x.tmp")
    func renameOnto() {
        let changes = coalesce([
            RawEvent(path: "src/x.py.tmp", kind: .created),
            RawEvent(path: "src/x.py.tmp", kind: .modified),
            RawEvent(path: "src/x.py.tmp", kind: .movedFrom(cookie: 42)),
            RawEvent(path: "src/x.py", kind: .movedTo(cookie: 42)),
        ])
        #expect(changes == [PathChange(path: "src/x.py", kind: .modified)])
    }

    @Test("a .tmp written in an earlier batch is still dropped when renamed onto its target")
    func renameOntoAcrossBatches() {
        let changes = coalesce([
            RawEvent(path: "x.tmp", kind: .movedFrom(cookie: 9)),
            RawEvent(path: "x", kind: .movedTo(cookie: 9)),
        ])
        #expect(changes == [PathChange(path: "x", kind: .modified)])
    }

    @Test("a .tmp renamed out of the tree is a real deletion")
    func tmpMovedAway() {
        let changes = coalesce([RawEvent(path: "notes.tmp", kind: .movedFrom(cookie: 3))])
        #expect(changes == [PathChange(path: "notes.tmp", kind: .deleted)])
    }

    @Test("an ordinary rename: source deleted, target reported")
    func plainRename() {
        let changes = coalesce([
            RawEvent(path: "a.py", kind: .movedFrom(cookie: 5)),
            RawEvent(path: "b.py", kind: .movedTo(cookie: 5)),
        ])
        #expect(changes == [PathChange(path: "a.py", kind: .deleted), PathChange(path: "b.py", kind: .modified)])
    }

    @Test("a directory that left the tree is reported as a deleted directory")
    func directoryDeleted() {
        let changes = coalesce([RawEvent(path: "pkg", kind: .deleted, isDirectory: true)])
        #expect(changes == [PathChange(path: "pkg", kind: .deleted, isDirectory: true)])
    }

    @Test("changes are sorted by path")
    func sorted() {
        let changes = coalesce(["c", "a", "b"].map { RawEvent(path: $0, kind: .modified) })
        #expect(changes.map(\.path) == ["a", "b", "c"])
    }
}
