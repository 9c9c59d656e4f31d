import Foundation
import QikCore

/// `FileStateProviding` over the git index: stat-clean entries keep their index id, only modified files are hashed.
///
/// The index is read once, on first use, and each file's answer is cached; call `invalidate()` after the work tree
/// or index changed (e.g. after a command ran) to see the new state.
public final class GitFileStateProvider: FileStateProviding, @unchecked Sendable {
    public let repository: GitRepository
    private var current: IndexSnapshot?
    private let lock = NSLock()

    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// Opens the repository holding `projectRoot`.
    public convenience init(projectRoot: String) throws {
        self.init(repository: try GitRepository(discoveringFrom: projectRoot))
    }

    public func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] {
        try trackedFiles(matching: Pathspec(pathspecs))
    }

    /// Every index entry under the project root that `pathspec` matches, sorted by path (UTF-8 byte order, which
    /// is the index's order and Unicode code-point order).
    public func trackedFiles(matching pathspec: Pathspec) throws -> [TrackedFile] {
        if pathspec.patterns.isEmpty { return [] }
        return try snapshot().trackedFiles(matching: pathspec)
    }

    public func visitTrackedFiles(
        matching pathspecs: [String], _ body: (_ path: UnsafeRawBufferPointer, _ blobID: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let pathspec = try Pathspec(pathspecs)
        if pathspec.patterns.isEmpty { return }
        try snapshot().visitTrackedFiles(matching: pathspec, body)
    }

    public func trackedPaths(matching pathspecs: [String]) throws -> [String] {
        let pathspec = try Pathspec(pathspecs)
        if pathspec.patterns.isEmpty { return [] }
        return try snapshot().trackedPaths(matching: pathspec)
    }

    public func prefetch(matching pathspecs: [[String]]) throws {
        let compiled = try pathspecs.filter { !$0.isEmpty }.map(Pathspec.init)
        if compiled.isEmpty { return }
        try snapshot().prefetch(compiled)
    }

    public func blobID(ofFileAt absolutePath: String) throws -> String? {
        try BlobHasher.hashFile(absolutePath)?.hex
    }

    public func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        current = nil
    }

    /// Reads the index snapshot now rather than on the first question.
    public func prepare() throws { _ = try snapshot() }

    /// Reads what `--since` needs of the index now (the entries and the cache tree), not the snapshot.
    public func prepareForSince() { _ = repository.indexFile(withCacheTree: true) }

    func snapshot() throws -> IndexSnapshot {
        lock.lock()
        defer { lock.unlock() }
        if let current { return current }
        let fresh = try IndexSnapshot(repository: repository)
        current = fresh
        return fresh
    }
}
