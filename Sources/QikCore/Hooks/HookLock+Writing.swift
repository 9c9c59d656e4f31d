import Foundation

extension HookLock {
    /// Writes the lock for the duration of a hook: the file holds only the hook's pid (the format `isHeld`
    /// reads; `qik watch` pauses while it is held).
    public func acquire() throws {
        try PrivateDirectory.ensure(root: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        try AtomicFile.write("\(getpid())\n", to: path)
    }

    public func release() { unlink(path) }
}
