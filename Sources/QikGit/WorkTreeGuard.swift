internal import CLibgit2
import Foundation
import QikCore

/// Hides unstaged changes while a pre-commit hook runs, modelled on lefthook's `withHiddenUnstagedChanges` but
/// with a durable backup and no `git stash` (a subprocess, and it loses intent-to-add entries).
///
/// Pipeline: `hide()` diffs the index against the work tree, copies every differing file's bytes and mode into
/// `<gitDir>/qik/guard/files/`, writes `record.json` (the commit point: from here on the saved state is
/// recoverable), then writes each index version into the work tree (temp file + rename). `restore()` puts the saved
/// files back the same way and deletes the record last. A process killed in between leaves the record, which the
/// next qik invocation finds (`GuardRecovery`) and restores.
///
/// Left alone, never hidden: conflicted and skip-worktree entries, submodules, and paths where the work tree holds a
/// directory (or a file blocks a parent directory) — touching those could destroy untracked files.
public final class WorkTreeGuard: WorkTreeGuarding, @unchecked Sendable {
    public let repository: GitRepository
    let hook: String
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var record: GuardRecord?
    private var untouchable: Set<String> = []

    public init(repository: GitRepository, hook: String) {
        self.repository = repository
        self.hook = hook
    }

    var directory: String { GuardRecord.directory(gitDir: repository.gitDir) }

    @discardableResult
    public func hide() throws -> [String] {
        try lock.withLock {
            if let existing = try GuardRecord.load(gitDir: repository.gitDir) {
                if existing.ownerIsAlive {
                    throw HookGuardErrors.hookRunning(pid: existing.pid, record: GuardRecord.file(gitDir: repository.gitDir))
                }
                _ = try GuardRecovery.recover(repository: repository, record: existing)
            }
            let scan = try scanDifferences()
            untouchable = scan.untouchable
            let files = directory + "/files"
            if access(directory, F_OK) == 0 {
                try? FileManager.default.removeItem(atPath: directory)  // Orphans of a run killed before its record existed.
            }
            guard !scan.candidates.isEmpty else { return [] }
            try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
            var entries: [GuardRecord.Entry] = []
            for (offset, candidate) in scan.candidates.enumerated() {
                if let entry = try save(candidate, as: "\(offset)", in: files) { entries.append(entry) }
                else { untouchable.insert(candidate.path) }
            }
            // Nothing differs: the work tree already is the commit, so there is nothing to record or restore.
            guard !entries.isEmpty else {
                try? FileManager.default.removeItem(atPath: directory)
                return []
            }
            let record = GuardRecord(pid: getpid(), processStart: GuardRecord.startTime(of: getpid()),
                                     created: Date().timeIntervalSince1970, hook: hook, entries: entries)
            try record.save(gitDir: repository.gitDir)
            self.record = record
            for entry in entries { try writeIndexVersion(entry) }
            return entries.map(\.path)
        }
    }

    public func rewrittenFiles() throws -> (staged: [String], other: [String]) {
        let untouchable = lock.withLock { self.untouchable }
        let scan = try scanDifferences()
        let staged = try repository.withHandle { repo in try stagedPaths(repo, repository.loadIndex(repo)) }
        let changed = scan.candidates.filter { !$0.intentToAdd && !untouchable.contains($0.path) }.map(\.path)
        return (changed.filter(staged.contains), changed.filter { !staged.contains($0) })
    }

    public func restage(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            for path in paths {
                var st = stat()
                if lstat(repository.workTreeRoot + "/" + path, &st) == 0 {
                    try check(git_index_add_bypath(index, path), "re-stage \(path)")
                } else {
                    try check(git_index_remove_bypath(index, path), "re-stage the deletion of \(path)")
                }
            }
            try check(git_index_write(index), "write the index")
        }
    }

    @discardableResult
    public func restore() throws -> [String] {
        try lock.withLock {
            guard let record = try record ?? GuardRecord.load(gitDir: repository.gitDir) else { return [] }
            try GuardRecovery.putBack(record, repository: repository, keepAt: nil)
            self.record = nil
            return record.entries.map(\.path)
        }
    }

    // MARK: Scanning

    struct Candidate {
        let path: String
        let indexID: String
        let mode: UInt32
        let intentToAdd: Bool
    }

    /// Index entries whose work tree differs (plus every intent-to-add entry), and the paths that must not be
    /// touched. Like `git diff --name-only` but without walking directories: one batched lstat per index entry,
    /// stat-clean entries trusted (git's racy rule), the rest hashed with the repository's filters.
    private func scanDifferences() throws -> (candidates: [Candidate], untouchable: Set<String>) {
        struct Row { let path: String; let id: OID; let mode: UInt32; let recorded: IndexSnapshot.IndexStat; let intentToAdd: Bool; let skip: Bool }
        var indexPath = ""
        var fileMode = true
        let rows: [Row] = try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            if let path = git_index_path(index) { indexPath = String(cString: path) }
            var config: OpaquePointer?
            if git_repository_config_snapshot(&config, repo) == 0 {
                var value: Int32 = 1
                if git_config_get_bool(&value, config, "core.filemode") == 0 { fileMode = value != 0 }
                git_config_free(config)
            }
            let itaFlag = UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue)
            let skipFlag = UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue)
            var rows: [Row] = []
            rows.reserveCapacity(git_index_entrycount(index))
            for position in 0..<git_index_entrycount(index) {
                guard let raw = git_index_get_byindex(index, position)?.pointee, let rawPath = raw.path else { continue }
                let stage = (raw.flags & UInt16(GIT_INDEX_ENTRY_STAGEMASK)) >> UInt16(GIT_INDEX_ENTRY_STAGESHIFT)
                rows.append(Row(
                    path: String(cString: rawPath), id: OID(raw.id), mode: raw.mode,
                    recorded: .init(mtimeSeconds: raw.mtime.seconds, mtimeNanoseconds: raw.mtime.nanoseconds,
                                    ctimeSeconds: raw.ctime.seconds, ctimeNanoseconds: raw.ctime.nanoseconds,
                                    device: raw.dev, inode: raw.ino, uid: raw.uid, gid: raw.gid, size: raw.file_size),
                    intentToAdd: raw.flags_extended & itaFlag != 0,
                    // Conflicts, submodules and sparse (skip-worktree) entries are never touched.
                    skip: stage != 0 || raw.mode == 0o160000 || raw.flags_extended & skipFlag != 0))
            }
            return rows
        }
        var st = stat()
        let indexMtime = stat(indexPath, &st) == 0 ? FileStat(st).mtimeSeconds : Int32.max
        let root = repository.workTreeRoot + "/"
        let outcomes = BatchStat.lstat(root: root, paths: rows.map(\.path))
        var candidates: [Candidate] = []
        var untouchable = Set<String>()
        for (row, outcome) in zip(rows, outcomes) {
            if row.skip { untouchable.insert(row.path); continue }
            if candidates.last?.path == row.path { continue }
            var differs = row.intentToAdd
            if !differs {
                switch outcome {
                case .missing: differs = true
                case .failed(let error): throw QikError("io1", "Cannot stat \(row.path): \(error).")
                case .found(let current):
                    if row.mode == 0o120000 ? !current.isSymlink : !current.isRegular {
                        differs = true
                    } else if IndexSnapshot.isStatClean(mode: row.mode, recorded: row.recorded, current, indexMtimeSeconds: indexMtime) {
                        differs = false
                    } else if fileMode, current.isRegular, (current.mode & 0o100 != 0) != (row.mode == 0o100755) {
                        differs = true
                    } else {
                        let id = try current.isSymlink
                            ? BlobHasher.hashSymlink(root + row.path) : BlobHasher.hashWorkTreeFile(row.path, in: repository)
                        differs = id != row.id
                    }
                }
            }
            if differs {
                candidates.append(Candidate(path: row.path, indexID: row.id.hex, mode: row.mode, intentToAdd: row.intentToAdd))
            }
        }
        return (candidates, untouchable)
    }

    /// Index against HEAD (an empty tree before the first commit), both sides of each delta, intent-to-add excluded.
    private func stagedPaths(_ repo: OpaquePointer, _ index: OpaquePointer) throws -> Set<String> {
        let tree = try GitChangeProvider(repository: repository).headCommit(repo).map { try TreeHandle(commit: $0, repo) }
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags = GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        var diff: OpaquePointer?
        try check(git_diff_tree_to_index(&diff, repo, tree?.handle, index, &options), "diff HEAD against the index")
        defer { git_diff_free(diff) }
        var result = Set<String>()
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
            if let raw = delta.old_file.path { result.insert(String(cString: raw)) }
            if let raw = delta.new_file.path { result.insert(String(cString: raw)) }
        }
        return result
    }

    // MARK: Saving and writing

    /// Copies what the work tree holds at `candidate.path`; nil when the path must be left alone.
    private func save(_ candidate: Candidate, as name: String, in files: String) throws -> GuardRecord.Entry? {
        let absolute = repository.workTreeRoot + "/" + candidate.path
        var entry = GuardRecord.Entry(path: candidate.path, kind: .missing,
                                      indexID: candidate.intentToAdd ? nil : candidate.indexID, indexMode: candidate.mode)
        var st = stat()
        if lstat(absolute, &st) != 0 {
            // Deleted in the work tree: the index version goes back while the hook runs. A file standing where a
            // parent directory must be created is someone's data: leave the path alone.
            guard !candidate.intentToAdd else { return entry }
            guard let created = WorkTreeFiles.missingDirectories(for: candidate.path, root: repository.workTreeRoot) else { return nil }
            entry.createdDirectories = created
            return entry
        }
        let stat = FileStat(st)
        if stat.isSymlink {
            entry.kind = .symlink
            entry.target = try WorkTreeFiles.readLink(absolute)
        } else if stat.isRegular {
            entry.kind = .file
            entry.mode = stat.mode & 0o7777
            entry.saved = name
            try WorkTreeFiles.copy(absolute, to: files + "/" + name)
        } else {
            return nil  // A directory (or a socket…) where the index has a file.
        }
        return entry
    }

    /// Puts the index version of `entry` in the work tree (smudge filters applied, as a checkout would), or removes
    /// the file of an intent-to-add entry.
    private func writeIndexVersion(_ entry: GuardRecord.Entry) throws {
        let absolute = repository.workTreeRoot + "/" + entry.path
        guard let indexID = entry.indexID, let oid = OID(hex: indexID) else {
            try WorkTreeFiles.remove(absolute)
            return
        }
        let mode = entry.indexMode
        let content: [UInt8] = try repository.withHandle { repo in
            var blob: OpaquePointer?
            var raw = oid.raw
            try check(git_blob_lookup(&blob, repo, &raw), "read the staged content of \(entry.path)")
            defer { git_blob_free(blob) }
            // libgit2 answers a binary blob with an empty buffer when CHECK_FOR_BINARY is set; git itself writes
            // binary content unfiltered, so take the raw bytes.
            if mode == 0o120000 || git_blob_is_binary(blob) == 1 {
                let size = Int(git_blob_rawsize(blob))
                guard let pointer = git_blob_rawcontent(blob) else { return [] }
                return Array(UnsafeRawBufferPointer(start: pointer, count: size))
            }
            var options = git_blob_filter_options()
            git_blob_filter_options_init(&options, UInt32(GIT_BLOB_FILTER_OPTIONS_VERSION))
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            try check(git_blob_filter(&buffer, blob, entry.path, &options), "filter the staged content of \(entry.path)")
            guard let pointer = buffer.ptr else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
        }
        if mode == 0o120000 {
            try WorkTreeFiles.writeSymlink(absolute, target: String(decoding: content, as: UTF8.self))
        } else {
            try WorkTreeFiles.write(absolute, bytes: content, mode: mode == 0o100755 ? 0o755 : 0o644)
        }
    }
}
