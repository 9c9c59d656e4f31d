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
    private var staged: Set<String> = []
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
            staged = scan.staged
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
        let (untouchable, staged) = lock.withLock { (self.untouchable, self.staged) }
        let scan = try scanDifferences()
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

    /// Index entries whose work tree differs (plus every intent-to-add entry), the staged paths, and the paths that
    /// must not be touched.
    private func scanDifferences() throws -> (candidates: [Candidate], staged: Set<String>, untouchable: Set<String>) {
        try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            var options = git_diff_options()
            git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
            options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_SKIP_BINARY_CHECK.rawValue
            options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL
            var diff: OpaquePointer?
            try check(git_diff_index_to_workdir(&diff, repo, index, &options), "diff the index against the work tree")
            defer { git_diff_free(diff) }
            var paths = Set<String>()
            for position in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, position)?.pointee, let raw = delta.new_file.path else { continue }
                paths.insert(String(cString: raw))
            }
            var candidates: [Candidate] = []
            var untouchable = Set<String>()
            let itaFlag = UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue)
            let skipFlag = UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue)
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position)?.pointee, let raw = entry.path else { continue }
                let path = String(cString: raw)
                let intentToAdd = entry.flags_extended & itaFlag != 0
                guard paths.contains(path) || intentToAdd else { continue }
                let stage = (entry.flags & UInt16(GIT_INDEX_ENTRY_STAGEMASK)) >> UInt16(GIT_INDEX_ENTRY_STAGESHIFT)
                if stage != 0 || entry.mode == 0o160000 || entry.flags_extended & skipFlag != 0 {
                    untouchable.insert(path)
                    continue
                }
                if candidates.last?.path == path { continue }
                candidates.append(Candidate(path: path, indexID: OID(entry.id).hex, mode: entry.mode, intentToAdd: intentToAdd))
            }
            let staged = try stagedPaths(repo, index)
            return (candidates, staged, untouchable)
        }
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
