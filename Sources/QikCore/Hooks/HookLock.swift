import Foundation

/// `._qik/hook.lock`: present (holding the hook's pid) while a hook runs, so `qik watch` pauses and ignores the
/// files the hook shuffles. Contract for readers: the lock is live while the file exists and the pid in its first
/// line is a running process; a lock whose process is gone is stale and may be deleted.
public struct HookLock: Sendable {
    public let path: String

    public init(projectRoot: String) { path = projectRoot + "/._qik/hook.lock" }

    /// Writes the lock (`<pid>\n<hook>\n<unix time>\n`).
    public func acquire(hook: HookKind) throws {
        try PrivateDirectory.ensure(root: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        try AtomicFile.write("\(getpid())\n\(hook.rawValue)\n\(Int(Date().timeIntervalSince1970))\n", to: path)
    }

    public func release() { unlink(path) }

    /// The pid of a live lock holder, or nil.
    public func holder() -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }) else { return nil }
        return kill(pid, 0) == 0 || errno == EPERM ? pid : nil
    }
}
