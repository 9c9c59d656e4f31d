import Foundation
import QikCore
import QikGit

/// The project's git repository, opened on first use: `qik --ls`, `--fail` and selections that hash nothing never
/// pay for libgit2 (and work outside a repository, as 0.2.10 did).
final class LazyRepository: @unchecked Sendable {
    let root: String
    private let lock = NSLock()
    private var opened: Result<GitRepository, any Error>?
    private var fileStates: GitFileStateProvider?
    private var quotePathValue: Bool?
    private let warmUpDone = DispatchGroup()
    private var prefetch: IndexPrefetch?

    /// The process environment, read once by `main`: git's discovery variables and `GIT_INDEX_FILE` come from it.
    private let environment: [String: String]

    init(root: String, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    /// What a warm-up prepares besides opening the repository.
    struct WarmUp: Equatable {
        /// The index snapshot the cache keys read.
        var snapshot = false
        /// The index with its cache tree, which `--since` reads.
        var sinceIndex = false
    }

    /// Opens the repository (and reads what `warmUp` names of the index) on another thread, so libgit2's start-up
    /// and the index read overlap the configuration's parse: about 2 ms of a fully cached run. Whoever asks for
    /// the repository meanwhile waits for it. `finishWarmUp()` must run before the process can exit: exiting while
    /// libgit2 works on another thread corrupts its state.
    func warmUp(_ warmUp: WarmUp) {
        // With a third core, the index is read meanwhile on a third thread, from where it most likely is; libgit2's
        // answer decides, when the repository opens (`get`). With two, that thread only took time from the main
        // one (parsing qik.toml): `--since` was 0.3–0.5 ms faster without it, a cached no-op 0.4 ms.
        if warmUp.snapshot || warmUp.sinceIndex, ProcessEnvironment.processorCount > 2 {
            let started = IndexPrefetch.start(projectRoot: root, withCacheTree: warmUp.sinceIndex, environment: environment)
            lock.withLock { prefetch = started }
        }
        // A thread of its own: Dispatch's first job in a process waits for its worker pool to start (up to a
        // millisecond here), which is most of what the warm-up can save.
        // The helper that shares the work-tree stat batches with this thread, started while other threads start.
        SharedWork.prepare()
        warmUpDone.enter()
        DetachedThread.run { [self] in
            defer { warmUpDone.leave() }
            guard let files = try? files() else { return }
            PhaseTrace.mark("warm-up: repository open")
            if warmUp.sinceIndex { files.prepareForSince() }
            if warmUp.snapshot { try? files.prepare() }
            PhaseTrace.mark("warm-up: index read")
        }
    }

    /// Waits for `warmUp`, if any.
    func finishWarmUp() {
        warmUpDone.wait()
        lock.withLock { prefetch }?.wait()
    }

    /// Opens the repository once. A prefetched index read still under way is handed over: the repository's first
    /// index read waits for it rather than reading the file a second time, and nothing else waits.
    func get() throws -> GitRepository {
        try lock.withLock {
            if opened == nil {
                opened = Result { try GitRepository(discoveringFrom: root, environment: environment) }
                if case .success(let repository) = opened, let prefetch { repository.expectIndexFile(from: prefetch) }
            }
            return try opened!.get()
        }
    }

    /// One provider per process, so its index snapshot and stat results are shared by every key.
    func files() throws -> GitFileStateProvider {
        let repository = try get()
        return lock.withLock {
            if let fileStates { return fileStates }
            let made = GitFileStateProvider(repository: repository)
            fileStates = made
            return made
        }
    }

    /// The repository's `core.quotePath` (git's default: true).
    var quotePath: Bool {
        if let known = lock.withLock({ quotePathValue }) { return known }
        let raw = (try? get().configValue("core.quotePath")).flatMap { $0 }
        let value = raw.map { !["false", "no", "off", "0"].contains($0.lowercased()) } ?? true
        lock.withLock { quotePathValue = value }
        return value
    }
}

/// `FileStateProviding` that opens the repository on the first question.
struct LazyFileStates: FileStateProviding {
    let repository: LazyRepository
    func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] { try repository.files().trackedFiles(matching: pathspecs) }
    func trackedPaths(matching pathspecs: [String]) throws -> [String] { try repository.files().trackedPaths(matching: pathspecs) }
    func visitTrackedFiles(
        matching pathspecs: [String], _ body: (_ path: UnsafeRawBufferPointer, _ blobID: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try repository.files().visitTrackedFiles(matching: pathspecs, body)
    }
    func blobID(ofFileAt absolutePath: String) throws -> String? { try repository.files().blobID(ofFileAt: absolutePath) }
    func invalidate() { (try? repository.files())?.invalidate() }
    func prefetch(matching pathspecs: [[String]]) throws { try repository.files().prefetch(matching: pathspecs) }
}

/// `ChangeProviding` that opens the repository on the first question.
struct LazyChanges: ChangeProviding {
    let repository: LazyRepository
    var changes: GitChangeProvider { get throws { GitChangeProvider(repository: try repository.get()) } }
    func since(_ ref: String, mode: SinceMode) throws -> Set<String> { try changes.since(ref, mode: mode) }
    func since(_ ref: String, mode: SinceMode, deciding groups: [[String]]) throws -> Set<String> {
        try changes.since(ref, mode: mode, deciding: groups)
    }
    func staged() throws -> Set<String> { try changes.staged() }
    func worktree() throws -> Set<String> { try changes.worktree() }
    func pushed(_ lines: [String], remote: String) throws -> Set<String> { try changes.pushed(lines, remote: remote) }
}

/// `RepositoryWriting` that opens the repository on the first write.
struct LazyWriter: RepositoryWriting {
    let repository: LazyRepository
    func intentToAdd(_ paths: [String]) throws { try GitRepositoryWriter(repository: repository.get()).intentToAdd(paths) }
    func setConfig(_ key: String, _ value: String) throws { try GitRepositoryWriter(repository: repository.get()).setConfig(key, value) }
    var workTreeRoot: String { (try? repository.get().workTreeRoot) ?? repository.root }
}
