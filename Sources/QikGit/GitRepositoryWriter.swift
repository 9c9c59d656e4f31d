internal import CLibgit2
import Foundation
import QikCore

/// The few writes qik makes to a repository: intent-to-add entries and local config.
public struct GitRepositoryWriter: RepositoryWriting {
    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public var workTreeRoot: String { repository.workTreeRoot }

    /// `git add -N <paths>`: an index entry with the intent-to-add flag and the empty blob's id, so the file is
    /// tracked (and hashed from disk) without staging its content; the empty blob is written first, as git does. Paths already in the index, and paths with no
    /// file or a directory behind them, are left alone. libgit2 1.5 keeps `flags_extended` on `git_index_add` and
    /// writes an index version 3 when an entry carries it, so git sees exactly what `git add -N` would write.
    public func intentToAdd(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        // Two qik processes (a hook while `qik watch` runs) must not both read, add and write the index: the later
        // write would drop the other's entries. A lock of qik's own serialises them, the index is re-read under it,
        // and git's `index.lock` held by a git command is waited out briefly.
        try Self.withIndexWriteLock(gitDir: repository.gitDir) { try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            try check(git_index_read(index, 1), "re-read the index")
            let filemode = configBool("core.filemode", repo) ?? true
            var added = false
            // Like git's set_object_name_for_intent_to_add_entry: the empty blob must exist (libgit2 checks).
            var empty = git_oid()
            try check(git_blob_create_from_buffer(&empty, repo, nil, 0), "write the empty blob")
            for path in paths {
                let relative = repository.workTreeRelative(path)
                if git_index_get_bypath(index, relative, 0) != nil { continue }
                // `git add -N` skips ignored paths (it reports them and adds the rest); so does qik, or cache keys
                // would cover files the original never tracks.
                var ignored: Int32 = 0
                if git_ignore_path_is_ignored(&ignored, repo, relative) == 0, ignored == 1 { continue }
                var st = stat()
                guard lstat(repository.workTreeRoot + "/" + relative, &st) == 0 else { continue }
                let current = FileStat(st)
                guard current.isRegular || current.isSymlink else { continue }
                let mode: UInt32 = current.isSymlink ? 0o120000
                    : (filemode && current.mode & 0o100 != 0 ? 0o100755 : 0o100644)
                try relative.withCString { cPath in
                    var entry = git_index_entry()
                    entry.path = cPath
                    entry.mode = mode
                    entry.id = empty
                    entry.flags_extended = UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue)
                    try check(git_index_add(index, &entry), "add \(relative) with intent to add")
                }
                added = true
            }
            if added { try Self.retryingWhileLocked { git_index_write(index) }.check("write the index") }
        } }
    }

    private static func withIndexWriteLock<T>(gitDir: String, _ body: () throws -> T) throws -> T {
        let directory = gitDir + "/qik"
        mkdir(directory, 0o755)
        let fd = open(directory + "/index-write.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs a libgit2 write again while another process holds git's lock file (up to about two seconds).
    private static func retryingWhileLocked(_ write: () -> Int32) -> LibgitResult {
        var code = write()
        var attempts = 0
        while code == GIT_ELOCKED.rawValue, attempts < 200 {
            usleep(10_000)
            attempts += 1
            code = write()
        }
        return LibgitResult(code: code)
    }

    /// `git config <key> <value>` in the repository's own config (`.git/config`, shared by its worktrees).
    public func setConfig(_ key: String, _ value: String) throws {
        try repository.withHandle { repo in
            var config: OpaquePointer?
            try check(git_repository_config(&config, repo), "open the git config")
            defer { git_config_free(config) }
            var local: OpaquePointer?
            try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "open the local git config")
            defer { git_config_free(local) }
            try Self.retryingWhileLocked { git_config_set_string(local, key, value) }.check("set \(key)")
        }
    }

    private func configBool(_ key: String, _ repo: OpaquePointer) -> Bool? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, repo) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: Int32 = 0
        return git_config_get_bool(&value, config, key) == 0 ? value != 0 : nil
    }
}

/// A libgit2 return code, checked like every other call.
struct LibgitResult {
    let code: Int32
    func check(_ operation: String) throws { try QikGit.check(code, operation) }
}
