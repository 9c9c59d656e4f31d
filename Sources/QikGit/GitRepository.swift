internal import CGitStartup
internal import CLibgit2
import Foundation
import QikCore

/// libgit2's global state is set up once, lazily; Swift runs a global's initialiser exactly once, thread-safely.
/// What libgit2 sets up only for network transports (CA bundle, random generator, libssh2) is deferred: qik only
/// reads local repositories (`CGitStartup`). Objects are not re-hashed on every read, as in git (only `git fsck`
/// verifies them).
private let libgit2Ready: Int32 = {
    let code = qik_git_init_deferring()
    _ = qik_git_disable_strict_hash_verification()
    return code
}()

func ensureLibgit2() { _ = libgit2Ready }

/// The library calls deferred at startup (4 with Debian's libgit2 here: the CA bundle file, entropy, seed, libssh2;
/// a configured certificate directory adds one). For tests.
var deferredInitCalls: Int {
    ensureLibgit2()
    return Int(qik_git_deferred_call_count())
}

/// Makes the deferred calls, as init would have; call before any network use of libgit2.
func finishDeferredInit() throws {
    ensureLibgit2()
    try check(qik_git_finish_deferred_init(), "set up libgit2's network transports")
}

/// A git work tree that holds the qik project, opened through libgit2.
///
/// Thread safety: a libgit2 `git_repository` must not be used from two threads at once, so this class owns one
/// handle and serialises every call on it with a lock (`withHandle`). That keeps the type `Sendable` without
/// per-thread handles; the expensive per-file work (lstat) runs outside the lock.
///
/// Paths it hands out are relative to the project root (which may sit below the work-tree root), `/`-separated.
public final class GitRepository: @unchecked Sendable {
    /// Absolute path of the work-tree root, without a trailing slash.
    public let workTreeRoot: String
    /// Absolute path of the project root (symlinks resolved), without a trailing slash.
    public let projectRoot: String
    /// The repository's git directory (for a linked worktree: `.git/worktrees/<name>`), without a trailing slash.
    public let gitDir: String
    /// The directory shared by all worktrees (`.git`), without a trailing slash.
    public let commonDir: String
    /// The project root relative to the work-tree root, with a trailing `/`; empty when they are the same.
    public let projectPrefix: String
    /// The index file libgit2 reads: `GIT_INDEX_FILE` when set, else `index` in the git dir.
    public let indexPath: String

    private let handle: OpaquePointer
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var indexLoaded = false
    /// `$HOME` at discovery, for `~` in config paths.
    let homeDirectory: String
    /// `GIT_INDEX_FILE` is installed in libgit2 for good; never swapped out (`withLightIndex`).
    private let indexOverridden: Bool

    /// Discovers the repository holding `directory` (which becomes the project root), like `git rev-parse`.
    ///
    /// Honors `GIT_INDEX_FILE`, which git sets for hooks of `git commit -a` / `git commit <paths>` (an absolute
    /// path to `.git/index.lock` / `.git/next-index-*.lock`), and `HOME` for `~` in `core.hooksPath`.
    public init(discoveringFrom directory: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        ensureLibgit2()
        let project = Self.resolve(directory)
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, project, 0, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitErrors.notARepository(project) }
        try check(code, "open the repository at \(project)")
        guard let repo else { throw GitErrors.notARepository(project) }
        if git_repository_is_bare(repo) != 0 {
            git_repository_free(repo)
            throw GitErrors.bareRepository(project)
        }
        guard let workdir = git_repository_workdir(repo) else {
            git_repository_free(repo)
            throw GitErrors.bareRepository(project)
        }
        let root = Self.resolve(String(cString: workdir))
        handle = repo
        workTreeRoot = root
        projectRoot = project
        gitDir = Self.trimSlash(String(cString: git_repository_path(repo)))
        commonDir = Self.trimSlash(String(cString: git_repository_commondir(repo)))
        if project == root {
            projectPrefix = ""
        } else if project.hasPrefix(root + "/") {
            projectPrefix = String(project.dropFirst(root.count + 1)) + "/"
        } else {
            projectPrefix = ""  // Only reachable through odd symlink layouts; treat the work tree as the project.
        }
        homeDirectory = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        // Relative to the current directory, as git resolves it; but git runs hooks in the work-tree root, so a
        // qik started from a subdirectory falls back to the root rather than opening (and creating) an empty index.
        let indexOverride = environment["GIT_INDEX_FILE"].flatMap { path -> String? in
            if path.isEmpty { return nil }
            if path.hasPrefix("/") { return path }
            let fromCurrent = ProcessEnvironment.currentDirectory() + "/" + path
            if !FileManager.default.fileExists(atPath: fromCurrent), FileManager.default.fileExists(atPath: root + "/" + path) {
                return root + "/" + path
            }
            return fromCurrent
        }
        indexPath = indexOverride ?? gitDir + "/index"
        indexOverridden = indexOverride != nil
        if let indexOverride { try useIndexFile(indexOverride) }
    }

    deinit { git_repository_free(handle) }

    // MARK: Index file

    private let indexFileLock = NSLock()
    private var indexFileRead: (file: IndexFile, withCacheTree: Bool)?
    /// A read still under way elsewhere (`expectIndexFile`), adopted by the first `indexFile` call.
    private var pendingIndexFile: IndexPrefetch?

    /// `IndexFile.read` of this repository's index, shared while the file keeps its identity (inode, size, times):
    /// the warm-up thread reads it while qik.toml is parsed, then the cache keys and `--since` reuse that read.
    /// Callers wait while another reads it. nil when the index is missing or in a form `IndexFile` leaves to libgit2.
    func indexFile(withCacheTree: Bool) -> IndexFile? {
        indexFileLock.lock()
        defer { indexFileLock.unlock() }
        if let pending = pendingIndexFile {
            pendingIndexFile = nil
            if let (file, hasCacheTree) = pending.result(for: self) { adoptLocked(file, withCacheTree: hasCacheTree) }
        }
        if let (file, hasCacheTree) = indexFileRead, hasCacheTree || !withCacheTree,
           IndexFile.Identity.current(indexPath) == file.identity {
            return file
        }
        let file = IndexFile.read(indexPath, projectPrefix: projectPrefix, withCacheTree: withCacheTree)
        indexFileRead = file.map { ($0, withCacheTree) }
        return file
    }

    /// Keeps a read made elsewhere (`IndexPrefetch`) for `indexFile` to serve while the file keeps the identity it
    /// had when read. A read already held is kept unless this one adds the cache tree. Call with `indexFileLock` held.
    private func adoptLocked(_ file: IndexFile, withCacheTree: Bool) {
        if let (_, hasCacheTree) = indexFileRead, hasCacheTree || !withCacheTree { return }
        indexFileRead = (file, withCacheTree)
    }

    /// Hands over a read `prefetch` is still making: the repository is usable at once (to resolve refs meanwhile),
    /// and the first `indexFile` call waits for the read and adopts it if it is of this repository's index.
    public func expectIndexFile(from prefetch: IndexPrefetch) {
        indexFileLock.withLock { pendingIndexFile = prefetch }
    }

    /// Runs `body` with exclusive use of the libgit2 handle.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(handle)
    }

    // MARK: Paths

    /// `sub/dir/file` (work-tree relative) → `dir/file` when the project is `sub/`; nil when outside the project.
    func projectRelative(_ workTreePath: String) -> String? {
        if projectPrefix.isEmpty { return workTreePath }
        guard workTreePath.hasPrefix(projectPrefix) else { return nil }
        return String(workTreePath.dropFirst(projectPrefix.count))
    }

    /// `..` components are resolved, so `../.gitattributes` from a project in `sub/` names the top-level file.
    func workTreeRelative(_ projectPath: String) -> String {
        let joined = projectPrefix + projectPath
        guard joined.contains("..") else { return joined }
        return PathSpelling.resolvingDots(joined)
    }

    // MARK: State

    /// True for a shallow clone (`.git/shallow` exists): history stops at the graft points.
    public var isShallow: Bool { withHandle { git_repository_is_shallow($0) == 1 } }

    /// Where HEAD points.
    public var head: HeadState {
        withHandle { repo in
            if git_repository_head_unborn(repo) == 1 {
                var ref: OpaquePointer?
                defer { git_reference_free(ref) }
                if git_reference_lookup(&ref, repo, "HEAD") == 0, let target = git_reference_symbolic_target(ref) {
                    return .unborn(branch: Self.shortBranch(String(cString: target)))
                }
                return .unborn(branch: "")
            }
            var ref: OpaquePointer?
            guard git_repository_head(&ref, repo) == 0, let ref else { return .unborn(branch: "") }
            defer { git_reference_free(ref) }
            let sha = git_reference_target(ref).map { OID($0.pointee).hex } ?? TrackedFile.deletedBlobID
            if git_repository_head_detached(repo) == 1 { return .detached(commit: sha) }
            return .branch(name: Self.shortBranch(String(cString: git_reference_name(ref))), commit: sha)
        }
    }

    /// A merge, rebase, cherry-pick, revert, bisect or `git am` that has not finished.
    public var operationInProgress: RepositoryOperation {
        let state = withHandle { git_repository_state($0) }
        switch git_repository_state_t(rawValue: UInt32(bitPattern: state)) {
        case GIT_REPOSITORY_STATE_NONE: return .none
        case GIT_REPOSITORY_STATE_MERGE: return .merge
        case GIT_REPOSITORY_STATE_REVERT, GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return .revert
        case GIT_REPOSITORY_STATE_CHERRYPICK, GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return .cherryPick
        case GIT_REPOSITORY_STATE_BISECT: return .bisect
        case GIT_REPOSITORY_STATE_REBASE, GIT_REPOSITORY_STATE_REBASE_INTERACTIVE, GIT_REPOSITORY_STATE_REBASE_MERGE,
             GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
            return .rebase
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX: return .applyMailbox
        default: return .none
        }
    }

    /// The repository's index, re-read from disk unless this is the first load (which has just read it).
    /// Call inside `withHandle`; the returned index belongs to the repository.
    func loadIndex(_ repo: OpaquePointer) throws -> OpaquePointer {
        var index: OpaquePointer?
        try check(git_repository_index(&index, repo), "read the index")
        guard let index else { throw GitErrors.libgit2("read the index", code: -1) }
        git_index_free(index)  // The repository keeps its own reference.
        if indexLoaded { try check(git_index_read(index, 1), "re-read the index") }
        indexLoaded = true
        return index
    }

    /// Runs `body` (inside `withHandle`) with libgit2's copy of the index swapped for a small in-memory one that
    /// holds only what libgit2 consults behind the scenes while hashing or diffing work-tree files: the
    /// `.gitattributes` and `.gitmodules` entries (attributes and submodule config fall back to the index when
    /// the work-tree file is gone) and the submodule gitlinks. Otherwise the first filter lookup would make libgit2
    /// read and checksum the whole index (~110 million instructions on 20k entries) just to learn there is none.
    ///
    /// Skipped (body runs on the real index) when that index is loaded anyway, when `GIT_INDEX_FILE` is in use, or
    /// when the project sits below the work-tree root (`entries` then lacks the paths above it).
    func withLightIndex<T>(_ repo: OpaquePointer, _ entries: [(path: String, id: OID, mode: UInt32)],
                           _ body: () throws -> T) throws -> T {
        if indexLoaded || indexOverridden || !projectPrefix.isEmpty { return try body() }
        var light: OpaquePointer?
        try check(git_index_new(&light), "create an index")
        defer { git_index_free(light) }
        for entry in entries where Self.belongsInLightIndex(path: entry.path, mode: entry.mode) {
            var raw = git_index_entry()
            raw.mode = entry.mode
            raw.id = entry.id.raw
            try entry.path.withCString { path in
                raw.path = path
                try check(git_index_add(light, &raw), "stage \(entry.path) in memory")
            }
        }
        try check(git_repository_set_index(repo, light), "use an in-memory index")
        // Unset afterwards: the next `loadIndex` reads the real one from disk.
        defer { git_repository_set_index(repo, nil) }
        return try body()
    }

    /// What `withLightIndex` keeps; callers may pre-filter with it (`IndexFile.Entry.belongsInLightIndex`).
    static func belongsInLightIndex(path: String, mode: UInt32) -> Bool {
        mode == 0o160000 || isAttributesOrModulesFile(path.utf8)
    }

    /// `.gitmodules` at the top, or a `.gitattributes` in any directory, compared as bytes.
    static func isAttributesOrModulesFile<Path: BidirectionalCollection<UInt8>>(_ path: Path) -> Bool {
        if path.elementsEqual(".gitmodules".utf8) { return true }
        let name = ".gitattributes".utf8
        guard path.count >= name.count, path.suffix(name.count).elementsEqual(name) else { return false }
        let rest = path.dropLast(name.count)
        return rest.isEmpty || rest.last == UInt8(ascii: "/")
    }

    // MARK: Helpers

    private func useIndexFile(_ absolute: String) throws {
        var index: OpaquePointer?
        try check(git_index_open(&index, absolute), "open the index \(absolute)")
        defer { git_index_free(index) }
        try check(withHandle { git_repository_set_index($0, index) }, "use the index \(absolute)")
    }

    static func resolve(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return trimSlash(path) }
        defer { free(resolved) }
        return trimSlash(String(cString: resolved))
    }

    static func trimSlash(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private static func shortBranch(_ name: String) -> String {
        name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }
}

/// Where HEAD points.
public enum HeadState: Sendable, Equatable {
    /// No commit yet (a fresh `git init`); `branch` is the branch the first commit will create.
    case unborn(branch: String)
    case detached(commit: String)
    case branch(name: String, commit: String)

    public var isDetached: Bool { if case .detached = self { true } else { false } }
}

/// An operation git is in the middle of (`git_repository_state`).
public enum RepositoryOperation: Sendable, Equatable {
    case none, merge, rebase, cherryPick, revert, bisect, applyMailbox
}
