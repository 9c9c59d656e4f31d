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
    public static func start(_ work: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        guard created == 0 else {
            // No thread to be had (a process at its limit): the work still gets done, on this one.
            Unmanaged<Work>.fromOpaque(box).takeRetainedValue().body()
            return
        }
    }

    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
