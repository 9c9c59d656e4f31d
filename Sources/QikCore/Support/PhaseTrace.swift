import Foundation

/// `QIK_TRACE_TIMING=1` prints, on stderr, the wall-clock milliseconds at which a run reached each phase (like git's
/// `GIT_TRACE_PERFORMANCE`): where a slow run spends its time, without a profiler. Off, a mark costs one load.
public enum PhaseTrace {
    public static let enabled = getenv("QIK_TRACE_TIMING") != nil
    private static let origin = now()

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Starts the clock; call first thing in `main`.
    public static func start() { if enabled { _ = origin } }

    public static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let micros = (now() - origin) / 1_000
        let fraction = String(micros % 1_000)
        let line = "qik timing: \(micros / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) ms  \(phase())\n"
        line.withCString { _ = Foundation.write(2, $0, strlen($0)) }
    }
}
