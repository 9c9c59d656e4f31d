#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work on a new, detached POSIX thread.
///
/// Not Foundation's `Thread.detachNewThread`: that builds a `Thread` object and thread-specific state on both
/// sides, and the first use in a process instantiates Foundation's generic metadata for them (about a tenth of a
/// millisecond of a `qik --since`, where the index is read on such a thread). Nothing here needs a `Thread`.
public enum DetachedThread {
    /// Starts `work` on a new thread; false, with `work` not run, when no thread can be had (a process or cgroup at
    /// its limit). For work that must not run on the caller: loops, or anything the caller must not wait for.
    @discardableResult
    public static func start(_ work: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        #else
        var thread: pthread_t?
        let created = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        #endif
        guard created == 0 else {
            Unmanaged<Work>.fromOpaque(box).release()
            return false
        }
        return true
    }

    /// `work` on a new thread, or on this one when no thread can be had: for finite work that only overlaps the
    /// caller's (a read ahead, a batch), where running late is slower but still right.
    public static func run(_ work: @escaping @Sendable () -> Void) {
        if !start(work) { work() }
    }

    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
