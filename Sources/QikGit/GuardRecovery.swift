import Foundation
import QikCore

/// Puts back what a `WorkTreeGuard` set aside: at the end of a hook, and at the start of the next qik invocation
/// when the hook was killed outright (the record's process is gone).
public enum GuardRecovery {
    /// What a recovery did, for the one message qik prints.
    public struct Report: Sendable, Equatable {
        public let hook: String
        public let pid: Int32
        public let restored: [String]
        /// Where the saved copies were kept (`<gitDir>/qik/guard-recovered/<time>`).
        public let keptAt: String
        /// Work-tree content that was neither the user's saved bytes nor the staged version (a fixer's output, or an
        /// edit made after the kill), copied into `keptAt/current/` before the restore.
        public let backedUp: [String]
    }

    /// The git directory holding a pending guard record, found from `directory` without opening libgit2 (a few
    /// stats): `$GIT_DIR`, or the nearest `.git` directory or `gitdir:` file above `directory`.
    public static func pendingRecordGitDir(from directory: String, environment: [String: String]) -> String? {
        if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
            let absolute = gitDir.hasPrefix("/") ? gitDir : directory + "/" + gitDir
            return hasRecord(absolute) ? absolute : nil
        }
        guard let gitDir = DotGit.nearest(from: directory)?.gitDir else { return nil }
        return hasRecord(gitDir) ? gitDir : nil
    }

    private static func hasRecord(_ gitDir: String) -> Bool {
        access(GuardRecord.file(gitDir: gitDir), F_OK) == 0
    }

    /// Restores a record whose process is gone (or any record with `force`). nil when there is none, or when its
    /// hook is still running and `force` is off.
    public static func recoverStale(repository: GitRepository, force: Bool = false) throws -> Report? {
        guard let record = try GuardRecord.load(gitDir: repository.gitDir) else { return nil }
        if record.ownerIsAlive && !force { return nil }
        return try recover(repository: repository, record: record)
    }

    static func recover(repository: GitRepository, record: GuardRecord) throws -> Report {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let keep = repository.gitDir + "/qik/guard-recovered/" + stamp + "-\(record.pid)"
        var backedUp: [String] = []
        for entry in record.entries where try !isExpected(entry, record: record, repository: repository) {
            let current = repository.workTreeRoot + "/" + entry.path
            guard let bytes = FileBytes.read(current) else { continue }
            try WorkTreeFiles.write(keep + "/current/" + entry.path, bytes: bytes, mode: 0o600)
            backedUp.append(entry.path)
        }
        try putBack(record, repository: repository, keepAt: keep)
        return Report(hook: record.hook, pid: record.pid, restored: record.entries.map(\.path), keptAt: keep, backedUp: backedUp)
    }

    /// Whether the work tree at `entry.path` holds what the guard wrote or the user's saved bytes (nothing to lose).
    private static func isExpected(_ entry: GuardRecord.Entry, record: GuardRecord, repository: GitRepository) throws -> Bool {
        let absolute = repository.workTreeRoot + "/" + entry.path
        var st = stat()
        guard lstat(absolute, &st) == 0 else { return true }  // Nothing there: nothing to keep.
        let stat = FileStat(st)
        if stat.isDirectory || stat.isSymlink { return true }
        if entry.kind == .file, let saved = entry.saved,
           FileBytes.read(GuardRecord.directory(gitDir: repository.gitDir) + "/files/" + saved) == FileBytes.read(absolute) {
            return true
        }
        guard let indexID = entry.indexID else { return false }
        return try BlobHasher.hashWorkTreeFile(entry.path, in: repository)?.hex == indexID
    }

    /// Writes every entry back, then removes the record (or, with `keepAt`, moves the record directory there).
    static func putBack(_ record: GuardRecord, repository: GitRepository, keepAt: String?) throws {
        let directory = GuardRecord.directory(gitDir: repository.gitDir)
        let recordFile = GuardRecord.file(gitDir: repository.gitDir)
        for entry in record.entries {
            let absolute = repository.workTreeRoot + "/" + entry.path
            // A process killed between writing a temp file and renaming it leaves the temp file behind.
            unlink(WorkTreeFiles.tempName(for: absolute, pid: record.pid))
            do {
                switch entry.kind {
                case .file:
                    guard let saved = entry.saved, let bytes = FileBytes.read(directory + "/files/" + saved) else {
                        throw QikError("io1", "the saved copy is missing")
                    }
                    try WorkTreeFiles.write(absolute, bytes: bytes, mode: entry.mode)
                case .symlink:
                    try WorkTreeFiles.writeSymlink(absolute, target: entry.target ?? "")
                case .missing:
                    try WorkTreeFiles.remove(absolute)
                    for created in entry.createdDirectories.reversed() { rmdir(repository.workTreeRoot + "/" + created) }
                }
            } catch let error as QikError {
                throw HookGuardErrors.restoreFailed(entry.path, reason: error.message, record: recordFile)
            }
        }
        if let keepAt {
            try FileManager.default.createDirectory(atPath: keepAt, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: recordFile, toPath: keepAt + "/record.json")
            try? FileManager.default.moveItem(atPath: directory + "/files", toPath: keepAt + "/files")
        } else {
            unlink(recordFile)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
