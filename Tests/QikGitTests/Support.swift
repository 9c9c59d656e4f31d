import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// QikGit's answers for a fixture, keyed like `GitOracle`'s.
struct Subject {
    let repository: GitRepository
    let files: GitFileStateProvider
    let changes: GitChangeProvider

    init(_ fixture: GitFixture, directory: String = "") throws {
        repository = try GitRepository(discoveringFrom: directory.isEmpty ? fixture.root : fixture.root + "/" + directory)
        files = GitFileStateProvider(repository: repository)
        changes = GitChangeProvider(repository: repository)
    }

    func blobIDs() throws -> [String: String] {
        files.invalidate()
        return Dictionary(uniqueKeysWithValues: try files.trackedFiles(matching: .everything).map { ($0.path, $0.blobID) })
    }

    /// `blobIDs()` through the byte visitor the glob hash uses, from a fresh snapshot.
    func visitedBlobIDs() throws -> [String: String] {
        files.invalidate()
        var result: [String: String] = [:]
        try files.visitTrackedFiles(matching: ["*"]) { path, blobID in
            result[String(decoding: path, as: UTF8.self)] = String(decoding: blobID, as: UTF8.self)
        }
        return result
    }

    func fullRehash() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try files.snapshot().fullRehash(matching: .everything).map { ($0.path, $0.blobID) })
    }
}

/// Asserts blob ids, staged and worktree sets (and `since` for each ref) agree with git.
func expectAgreement(_ fixture: GitFixture, directory: String = "", since refs: [String] = [],
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    let oracle = GitOracle(fixture: fixture, directory: directory)
    let subject = try Subject(fixture, directory: directory)
    #expect(try subject.blobIDs() == oracle.blobIDs(), "blob ids", sourceLocation: sourceLocation)
    #expect(try subject.changes.staged() == oracle.staged(), "staged", sourceLocation: sourceLocation)
    #expect(try subject.changes.staged() == subject.changes.stagedThroughLibgit2(), "fast staged equals libgit2's",
            sourceLocation: sourceLocation)
    #expect(try subject.changes.worktree() == oracle.worktree(), "worktree", sourceLocation: sourceLocation)
    for ref in refs {
        #expect(try subject.changes.since(ref, mode: .mergeBase) == oracle.since(ref), "since \(ref)",
                sourceLocation: sourceLocation)
        #expect(try subject.changes.since(ref, mode: .diff) == oracle.since(ref, mergeBase: false), "diff \(ref)",
                sourceLocation: sourceLocation)
        #expect(try subject.changes.since(ref, mode: .diff) == subject.changes.sinceThroughLibgit2(ref, mode: .diff),
                "fast since equals libgit2's \(ref)", sourceLocation: sourceLocation)
    }
}
