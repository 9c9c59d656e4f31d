import Foundation

/// `._qik/hook.lock`, written by `qik hooks run` with its pid: while a hook runs (it may stash, reformat and
/// restore files) the watcher pauses and drops every event, then resumes once the lock is gone.
public struct HookLock: Sendable {
    public static let relativePath = "._qik/hook.lock"
    public let path: String

    public init(root: String) { path = root + "/" + Self.relativePath }

    /// True while the lock file exists and names a live process. A lock whose pid is dead (a hook killed with
    /// SIGKILL) or unreadable counts as released; an empty file (pid not written yet) counts as held.
    public var isHeld: Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return true }
        guard let pid = pid_t(text), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
