import Foundation

/// Short parallel jobs split between the calling thread and one helper thread that lives as long as the process.
///
/// Not Dispatch's `concurrentPerform`: its first use in a process starts a pool of worker threads (two here, plus
/// its bookkeeping) while the caller waits, which on a 2-core machine cost about as much as the stat batch they were
/// to share. Here the caller works too, and the helper, started once (`prepare`), only joins in: items are handed
/// out one at a time, so a helper that is late, or busy with another caller's job, costs nothing but its share.
public enum SharedWork {
    /// Starts the helper now, so the first job does not wait for a thread to be created. Idempotent.
    public static func prepare() {
        if ProcessEnvironment.processorCount > 1 { _ = Helper.shared }
    }

    /// Calls `body(i)` for every `i` in `0..<count`, each exactly once, and returns when all calls have returned.
    /// `body` may run on two threads at once (different `i`).
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1, ProcessEnvironment.processorCount > 1 else {
            for item in 0..<count { body(item) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(count: count, body: UncheckedBody(body))
            let posted = Helper.shared.offer(job)
            job.drain()
            if posted {
                // Wait for the helper only if it started on the job; else make sure it never will.
                if job.finishWithoutHelper() { Helper.shared.withdraw(job) } else { job.helperDone.wait() }
            }
            // `body` must not outlive this call (`withoutActuallyEscaping` checks): the job may, in the helper's hands.
            job.forgetBody()
        }
    }

    private struct UncheckedBody: @unchecked Sendable {
        let call: (Int) -> Void
        init(_ call: @escaping (Int) -> Void) { self.call = call }
    }

    private final class Job: @unchecked Sendable {
        let count: Int
        private var body: UncheckedBody?
        let helperDone = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var next = 0
        /// Set by the helper when it starts on the job, or by the caller to keep it from starting.
        private var claimed = false
        private var helperJoined = false

        init(count: Int, body: UncheckedBody) {
            self.count = count
            self.body = body
        }

        func drain() {
            guard let call = lock.withLock({ body?.call }) else { return }
            while let item = take() { call(item) }
        }

        func forgetBody() { lock.withLock { body = nil } }

        private func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                next += 1
                return next - 1
            }
        }

        /// The helper's claim; false when the caller already finished without it.
        func join() -> Bool {
            lock.withLock {
                guard !claimed else { return false }
                claimed = true
                helperJoined = true
                return true
            }
        }

        /// The caller's claim once it ran out of items: true when the helper never joined (and now never will).
        func finishWithoutHelper() -> Bool {
            lock.withLock {
                if helperJoined { return false }
                claimed = true
                return true
            }
        }
    }

    private final class Helper: @unchecked Sendable {
        static let shared = Helper()

        private let lock = NSLock()
        private let wake = DispatchSemaphore(value: 0)
        private var pending: Job?
        /// False when no thread could be had: every job then runs on its caller alone.
        private var available = true

        private init() {
            let started = DetachedThread.start { [self] in
                while true {
                    wake.wait()
                    guard let job = lock.withLock({ () -> Job? in
                        defer { pending = nil }
                        return pending
                    }) else { continue }
                    guard job.join() else { continue }
                    job.drain()
                    job.helperDone.signal()
                }
            }
            if !started { lock.withLock { available = false } }
        }

        /// Takes back a job the helper never started on.
        func withdraw(_ job: Job) {
            lock.withLock { if pending === job { pending = nil } }
        }

        /// Hands `job` to the helper; false when another job is waiting for it (the caller then works alone).
        func offer(_ job: Job) -> Bool {
            let taken = lock.withLock { () -> Bool in
                guard available, pending == nil else { return false }
                pending = job
                return true
            }
            if taken { wake.signal() }
            return taken
        }
    }
}
