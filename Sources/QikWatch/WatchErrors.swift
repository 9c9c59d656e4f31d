import Glibc

/// Every failure or notice QikWatch reports, with a stable code, in the style of `QikError` (which this target
/// must not import: the `qik` executable maps these onto `QikError` and prints them; QikWatch never prints).
public enum WatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// watch0: `inotify_init1` failed (not Linux, seccomp, or `fs.inotify.max_user_instances` reached).
    case inotifyUnavailable(errno: Int32)
    /// watch1: `inotify_add_watch` failed with `ENOSPC`. Not fatal: the watcher polls `unwatchedSubtree`
    /// (and any later one) instead. `currentLimit` is `fs.inotify.max_user_watches` as read at that moment.
    case watchLimitReached(currentLimit: Int?, unwatchedSubtree: String)
    /// watch2: the root to watch is missing or not a directory.
    case rootNotDirectory(path: String)

    /// Whose move it is: the user fixes the environment; a bug would ask for a report.
    public enum Fault: Sendable, Equatable { case user, bug }

    public var code: String {
        switch self {
        case .inotifyUnavailable: "watch0"
        case .watchLimitReached: "watch1"
        case .rootNotDirectory: "watch2"
        }
    }

    public var message: String {
        switch self {
        case .inotifyUnavailable(let errno):
            "File watching is unavailable: inotify_init1 failed (\(String(cString: strerror(errno))))."
        case .watchLimitReached(let limit, let subtree):
            "The inotify watch limit (fs.inotify.max_user_watches = \(limit.map(String.init) ?? "unknown")) "
                + "was reached; polling \"\(subtree.isEmpty ? "." : subtree)\" and any later unwatched "
                + "directories every second instead."
        case .rootNotDirectory(let path):
            "Cannot watch \"\(path)\": not a directory."
        }
    }

    /// The exact fix, when there is one.
    public var hint: String? {
        switch self {
        case .inotifyUnavailable(let errno) where errno == EMFILE:
            "Raise the instance limit: sudo sysctl fs.inotify.max_user_instances=1024"
        case .inotifyUnavailable:
            nil
        case .watchLimitReached(let limit, _):
            "Raise the limit: sudo sysctl fs.inotify.max_user_watches=\(Self.suggestedWatchLimit(current: limit))"
        case .rootNotDirectory:
            nil
        }
    }

    public var fault: Fault { .user }

    /// One line: `watch1: The inotify watch limit … Raise the limit: sudo sysctl …`.
    public var description: String {
        var text = "\(code): \(message)"
        if let hint { text += " \(hint)" }
        return text
    }

    /// Twice the current limit, and never less than 524288 (the value most distributions' guides and
    /// watchexec's docs suggest; each watch costs about 1 KiB of kernel memory on 64-bit).
    public static func suggestedWatchLimit(current: Int?) -> Int {
        max((current ?? 0) * 2, 524_288)
    }

    /// `fs.inotify.max_user_watches`, or nil if /proc is not readable.
    static func currentWatchLimit() -> Int? {
        let fd = open("/proc/sys/fs/inotify/max_user_watches", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &bytes, bytes.count)
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[..<count], as: UTF8.self)
        return Int(text.prefix { $0.isASCII && $0.isNumber })
    }
}
