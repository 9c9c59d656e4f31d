import Foundation
import Testing

@testable import QikCore

/// The caller-plus-helper runner behind the stat batches: every item exactly once, whoever calls, however often.
@Suite("SharedWork")
struct SharedWorkTests {
    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Int]
        init(_ count: Int) { seen = Array(repeating: 0, count: count) }
        func hit(_ item: Int) { lock.withLock { seen[item] += 1 } }
        var all: [Int] { lock.withLock { seen } }
    }

    @Test func everyItemRunsExactlyOnce() {
        SharedWork.prepare()
        for count in [0, 1, 2, 3, 16, 1000] {
            let counts = Counts(count)
            SharedWork.forEach(count) { counts.hit($0) }
            #expect(counts.all == Array(repeating: 1, count: count), "count \(count)")
        }
    }

    /// Callers on several threads at once: one gets the helper, the others work alone; none waits for ever.
    @Test func concurrentCallersEachFinishTheirOwnItems() {
        let callers = 8
        let done = DispatchGroup()
        let results = Counts(callers)
        for caller in 0..<callers {
            done.enter()
            DetachedThread.start {
                for _ in 0..<50 {
                    let counts = Counts(64)
                    SharedWork.forEach(64) { item in
                        if item % 7 == 0 { usleep(10) }
                        counts.hit(item)
                    }
                    if counts.all == Array(repeating: 1, count: 64) { results.hit(caller) }
                }
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(results.all == Array(repeating: 50, count: callers))
    }

    /// A job started from inside another job's item (the helper busy with the outer one) still completes.
    @Test func nestedJobsComplete() {
        let outer = Counts(8)
        let inner = Counts(8 * 8)
        SharedWork.forEach(8) { item in
            SharedWork.forEach(8) { inner.hit(item * 8 + $0) }
            outer.hit(item)
        }
        #expect(outer.all == Array(repeating: 1, count: 8))
        #expect(inner.all == Array(repeating: 1, count: 64))
    }
}
