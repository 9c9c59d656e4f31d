import Foundation
import QikCore

/// `FileStateProviding` that answers with the index's content instead of the work tree's: every tracked file's
/// blob id is its index id (intent-to-add and conflicted entries, which nothing commits, count as deleted).
///
/// A pre-commit hook computes cache keys with it before touching anything: when every affected command already has
/// a result for exactly the staged content, the hook replays them and never sets the work tree aside.
public final class IndexContentProvider: FileStateProviding, @unchecked Sendable {
    public let repository: GitRepository
    private var current: IndexSnapshot?
    /// Built on the first `blobID(ofFileAt:)` only; guarded by `lock`.
    private var byPath: [String: String]?
    private let lock = NSLock()

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] {
        if pathspecs.isEmpty { return [] }
        let pathspec = try Pathspec(pathspecs)
        return try snapshot().entries.filter { $0.withPath(pathspec.matches) }.map(Self.file)
    }

    /// The index id for a tracked file of the project; the work tree's content for anything else.
    public func blobID(ofFileAt absolutePath: String) throws -> String? {
        let prefix = repository.projectRoot + "/"
        if absolutePath.hasPrefix(prefix) {
            let snapshot = try snapshot()
            let id = lock.withLock { () -> String? in
                if byPath == nil {
                    byPath = Dictionary(snapshot.entries.map { ($0.path, Self.file($0).blobID) }, uniquingKeysWith: { $1 })
                }
                return byPath?[String(absolutePath.dropFirst(prefix.count))]
            }
            if let id { return id == TrackedFile.deletedBlobID ? nil : id }
        }
        return try BlobHasher.hashFile(absolutePath)?.hex
    }

    public func invalidate() {
        lock.withLock {
            current = nil
            byPath = nil
        }
    }

    private static func file(_ entry: IndexSnapshot.Entry) -> TrackedFile {
        TrackedFile(path: entry.path, blobID: entry.contentOnly ? TrackedFile.deletedBlobID : entry.id.hex)
    }

    private func snapshot() throws -> IndexSnapshot {
        try lock.withLock {
            if let current { return current }
            let fresh = try IndexSnapshot(repository: repository)
            current = fresh
            return fresh
        }
    }
}
