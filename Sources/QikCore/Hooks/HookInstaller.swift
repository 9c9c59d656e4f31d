import Foundation

/// Writes, removes and inspects qik's hook scripts in a hooks directory (`core.hooksPath` or the common git dir's
/// `hooks/`). A foreign hook is never overwritten: it is kept as `<hook>.pre-qik` (run first by qik's script,
/// its failure blocks) or, with `--no-chain --force`, as `<hook>.pre-qik-disabled` (not run); uninstall puts it back.
public struct HookInstaller: Sendable {
    public enum State: Sendable, Equatable {
        case absent
        /// qik's script, calling `qikPath`; `chained` names the foreign hook it runs first.
        case qik(qikPath: String, chained: String?)
        case foreign
    }

    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func path(_ hook: HookKind) -> String { directory + "/" + hook.rawValue }
    func chainedPath(_ hook: HookKind) -> String { path(hook) + ".pre-qik" }
    func disabledPath(_ hook: HookKind) -> String { path(hook) + ".pre-qik-disabled" }

    public func state(_ hook: HookKind) -> State {
        let file = path(hook)
        guard let data = FileManager.default.contents(atPath: file) else {
            return exists(file) ? .foreign : .absent  // e.g. a dangling symlink
        }
        guard let qikPath = HookScript.qikPath(in: String(decoding: data, as: UTF8.self)) else { return .foreign }
        let chained = exists(chainedPath(hook)) ? chainedPath(hook) : nil
        return .qik(qikPath: qikPath, chained: chained)
    }

    /// Installs `hook`; returns one line per thing the user should know about.
    public func install(_ hook: HookKind, qikPath: String, projectDirectory: String, chain: Bool, force: Bool) throws -> [String] {
        var notes: [String] = []
        let file = path(hook)
        if state(hook) == .foreign {
            let keep = chain ? chainedPath(hook) : disabledPath(hook)
            if !chain && !force { throw HookErrors.foreignHook(file) }
            if exists(chainedPath(hook)) || exists(disabledPath(hook)) { throw HookErrors.backupExists(exists(chainedPath(hook)) ? chainedPath(hook) : disabledPath(hook)) }
            guard rename(file, keep) == 0 else { throw HookErrors.cannotWrite(keep, reason: String(cString: strerror(errno))) }
            notes.append(chain
                ? "kept the existing \(hook.rawValue) hook as \(keep); it runs first and its failure blocks"
                : "set the existing \(hook.rawValue) hook aside as \(keep) (not run; `qik hooks uninstall` restores it)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(HookScript.render(hook: hook, qikPath: qikPath, projectDirectory: projectDirectory), to: file)
        } catch {
            throw HookErrors.cannotWrite(file, reason: "\(error)")
        }
        chmod(file, 0o755)
        return notes
    }

    /// Removes qik's script for `hook` and restores whatever it set aside. A foreign hook is left alone.
    public func uninstall(_ hook: HookKind) throws -> [String] {
        guard case .qik = state(hook) else { return [] }
        let file = path(hook)
        guard unlink(file) == 0 else { throw HookErrors.cannotWrite(file, reason: String(cString: strerror(errno))) }
        for kept in [chainedPath(hook), disabledPath(hook)] where exists(kept) {
            guard rename(kept, file) == 0 else { throw HookErrors.cannotWrite(file, reason: String(cString: strerror(errno))) }
            return ["restored the previous \(hook.rawValue) hook"]
        }
        return []
    }

    private func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
