/// Sets the user's unstaged work aside while a pre-commit hook runs, so commands see exactly the content being
/// committed, and puts every byte back afterwards. Implemented by QikGit's `WorkTreeGuard` over libgit2.
///
/// Contract: after `hide()` returns, a recovery record exists on disk until `restore()` has put back every file;
/// a process killed in between leaves the record, and the next qik invocation restores it. Paths are relative to
/// the work-tree root (git's view), `/`-separated.
public protocol WorkTreeGuarding: AnyObject, Sendable {
    /// Saves every tracked file whose work tree differs from the index, then writes the index version in its place
    /// (intent-to-add files are removed: nothing of theirs is committed). Returns the paths set aside.
    @discardableResult
    func hide() throws -> [String]

    /// Tracked files whose work-tree content now differs from the index: what the commands rewrote. `staged` holds
    /// those that are part of the commit (index differs from HEAD), `other` the rest.
    func rewrittenFiles() throws -> (staged: [String], other: [String])

    /// Stages the current work-tree content of `paths` (a deleted file is removed from the index).
    func restage(_ paths: [String]) throws

    /// Writes back every saved file byte for byte (mode included), then deletes the recovery record. Returns the
    /// paths restored. Safe to call more than once.
    @discardableResult
    func restore() throws -> [String]
}
