import Foundation

/// `(0..<count).map(transform)` spread over the machine's cores. Workers take small chunks from a shared counter,
/// so one large file does not leave a core idle; results keep their positions.
enum ConcurrentMap {
    /// Below this many items one thread does the work (waking workers costs more than it saves).
    static let parallelThreshold = 16
    static let chunk = 4

    static func map<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let workers = count < parallelThreshold ? 1 : min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
        if workers == 1 { return (0..<count).map(transform) }
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        let shared = Shared(slots)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let range = shared.nextRange(count: count) {
                for i in range { shared.slots[i] = transform(i) }
            }
        }
        return (0..<count).map { slots[$0]! }
    }

    /// The result slots (each written by exactly one worker) and the next unclaimed position.
    private final class Shared<T>: @unchecked Sendable {
        let slots: UnsafeMutablePointer<T?>
        private var next = 0
        private let lock = NSLock()

        init(_ slots: UnsafeMutablePointer<T?>) { self.slots = slots }

        func nextRange(count: Int) -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            let start = next
            next = min(count, next + ConcurrentMap.chunk)
            return start..<next
        }
    }
}
