import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// The direct index reader: what it takes, what it leaves to libgit2, and that answers agree either way.
@Suite("Index file reader")
struct IndexFileTests {
    @Test func readsTheCacheTreeGitWrote() throws {
        let repo = try ScenarioTests.branchedRepository()
        let repository = try GitRepository(discoveringFrom: repo.root)
        let index = try #require(IndexFile.read(repository.indexPath, projectPrefix: ""))
        #expect(index.entries.map(\.path) == (try repo.git("ls-files", "-z").split(separator: "\0").map(String.init)))
        #expect(index.cacheTree[""]?.hex == (try repo.git("rev-parse", "HEAD^{tree}").trimmed))
        #expect(index.cacheTree["pkg/sub"]?.hex == (try repo.git("rev-parse", "HEAD:pkg/sub").trimmed))
        try repo.write("pkg/b.py", "staged\n")
        try repo.git("add", "pkg/b.py")
        let staged = try #require(IndexFile.read(repository.indexPath, projectPrefix: ""))
        #expect(staged.cacheTree["pkg"] == nil, "git invalidates the directories of a staged change")
        #expect(staged.cacheTree[""] == nil)
        #expect(staged.cacheTree["pkg/sub"] != nil)
    }

    /// A large index's cache tree is parsed on a second thread while the entries are: both ways give the same
    /// entries and the same tree id for every directory, and an index the reader refuses is refused either way.
    @Test func cacheTreeParsedAlongsideTheEntriesMatchesOneThread() throws {
        let repo = try ScenarioTests.branchedRepository()
        try repo.write("pkg/staged.py", "new\n")
        try repo.git("add", "pkg/staged.py")
        let repository = try GitRepository(discoveringFrom: repo.root)
        let alone = try #require(IndexFile.read(repository.indexPath, projectPrefix: "", concurrentTreeSize: .max))
        let alongside = try #require(IndexFile.read(repository.indexPath, projectPrefix: "", concurrentTreeSize: 0))
        #expect(alongside.entries.map(\.path) == alone.entries.map(\.path))
        #expect(alongside.entries.map(\.id) == alone.entries.map(\.id))
        let directories = ["", "pkg", "pkg/sub", "missing"]
        #expect(directories.map { alongside.cacheTree[$0] } == directories.map { alone.cacheTree[$0] })
        #expect(alone.cacheTree["pkg/sub"] != nil && alone.cacheTree["pkg"] == nil)
        #expect(IndexFile.read(repository.indexPath, projectPrefix: "pkg/", concurrentTreeSize: 0)?.entries.map(\.path)
            == IndexFile.read(repository.indexPath, projectPrefix: "pkg/", concurrentTreeSize: .max)?.entries.map(\.path))
        // A required (lowercase) extension appended before the trailer: refused by both.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: repository.indexPath))
        bytes.replaceSubrange((bytes.count - 20)..., with: Data("link".utf8) + Data([0, 0, 0, 0]) + Data(count: 20))
        let refused = try GitFixture.makeTemporaryDirectory() + "/index"
        try bytes.write(to: URL(fileURLWithPath: refused))
        #expect(IndexFile.read(refused, projectPrefix: "", concurrentTreeSize: 0) == nil)
        #expect(IndexFile.read(refused, projectPrefix: "", concurrentTreeSize: .max) == nil)
    }

    /// One repository object shares its read of the index (the warm-up thread reads it for the keys and `--since`)
    /// only while the file is the same: any index git writes is a new file, and the next read sees it.
    @Test func sharedIndexReadFollowsEveryRewrite() throws {
        let repo = try ScenarioTests.branchedRepository()
        let repository = try GitRepository(discoveringFrom: repo.root)
        let first = try #require(repository.indexFile(withCacheTree: false))
        #expect(first.cacheTree[""] == nil, "not read without the cache tree")
        let withTree = try #require(repository.indexFile(withCacheTree: true))
        #expect(withTree.cacheTree[""]?.hex == (try repo.git("rev-parse", "HEAD^{tree}").trimmed))
        #expect(repository.indexFile(withCacheTree: false)?.cacheTree[""] != nil, "the fuller read serves both")
        // Same size, same paths: only the staged id differs.
        try repo.write("a.py", "A\n")
        let before = try #require(first.entries.first { $0.path == "a.py" }).id
        try repo.git("add", "a.py")
        let after = try #require(repository.indexFile(withCacheTree: true)?.entries.first { $0.path == "a.py" }).id
        #expect(after != before)
        #expect(after.hex == (try repo.git("rev-parse", ":a.py").trimmed))
        try repo.git("rm", "-q", "--cached", "a.py")
        #expect(repository.indexFile(withCacheTree: false)?.entries.contains { $0.path == "a.py" } == false)
    }

    /// The prefetch's guess (found without libgit2) names the index libgit2 opens, with the same project prefix, for a
    /// project at the work-tree root, in subdirectories and in a linked worktree (`.git` is a file there); with a
    /// discovery variable set it does not guess; a handed-over read answers like a fresh one, and
    /// one of another project prefix is not taken.
    @Test func prefetchGuessesTheIndexLibgit2Opens() throws {
        let repo = try ScenarioTests.branchedRepository()
        let worktree = try GitFixture.makeTemporaryDirectory() + "/linked tree"
        defer { try? FileManager.default.removeItem(atPath: (worktree as NSString).deletingLastPathComponent) }
        try repo.git("worktree", "add", "-q", "-b", "linked", worktree, "HEAD")
        for root in [repo.root, repo.path("pkg"), repo.path("pkg/sub"), worktree, worktree + "/pkg"] {
            let repository = try GitRepository(discoveringFrom: root)
            let guess = try #require(IndexPrefetch.guess(projectRoot: GitRepository.resolve(root)), "\(root)")
            #expect(guess.indexPath == GitRepository.resolve(repository.indexPath), "\(root)")
            #expect(guess.prefix == repository.projectPrefix, "\(root)")
        }
        #expect(IndexPrefetch.start(projectRoot: repo.root, withCacheTree: false, environment: ["GIT_DIR": repo.path(".git")]) == nil)
        #expect(IndexPrefetch.guess(projectRoot: try GitFixture.makeTemporaryDirectory()) == nil)

        let prefetch = try #require(IndexPrefetch.start(projectRoot: repo.path("pkg"), withCacheTree: true, environment: [:]))
        let repository = try GitRepository(discoveringFrom: repo.path("pkg"))
        repository.expectIndexFile(from: prefetch)
        let fresh = try #require(IndexFile.read(repository.indexPath, projectPrefix: "pkg/", withCacheTree: true))
        let adopted = try #require(repository.indexFile(withCacheTree: true))
        #expect(adopted.entries.map(\.path) == fresh.entries.map(\.path))
        #expect(adopted.entries.map(\.path) == ["b.py", "sub/c.txt"])
        #expect(adopted.cacheTree["sub"] == fresh.cacheTree["sub"])
        // A read of another prefix is not taken: the repository reads its own.
        let other = try GitRepository(discoveringFrom: repo.path("pkg"))
        other.expectIndexFile(from: try #require(IndexPrefetch.start(projectRoot: repo.root, withCacheTree: true, environment: [:])))
        #expect(other.indexFile(withCacheTree: true)?.entries.map(\.path) == ["b.py", "sub/c.txt"])
        try expectAgreement(repo, directory: "pkg", since: ["main", "feature"])
    }

    /// Version 4 (prefix-compressed paths) is left to libgit2; the answers stay git's.
    @Test func indexVersion4IsLeftToLibgit2() throws {
        let repo = try ScenarioTests.branchedRepository()
        try repo.write("pkg/b.py", "edited\n")
        try repo.write("a.py", "staged\n")
        try repo.git("add", "a.py")
        try repo.git("update-index", "--index-version", "4")
        let repository = try GitRepository(discoveringFrom: repo.root)
        #expect(IndexFile.read(repository.indexPath, projectPrefix: "") == nil)
        try expectAgreement(repo, since: ["main", "HEAD~1"])
    }

    /// A split index (`link` extension) is left to libgit2 too, which (1.5) cannot read it: a clean git4 error,
    /// never an answer made from half the entries.
    @Test func splitIndexIsRefusedNotMisread() throws {
        let repo = try ScenarioTests.branchedRepository()
        try repo.git("update-index", "--split-index")
        let repository = try GitRepository(discoveringFrom: repo.root)
        #expect(IndexFile.read(repository.indexPath, projectPrefix: "") == nil)
        do {
            _ = try GitFileStateProvider(repository: repository).trackedFiles(matching: .everything)
            Issue.record("a split index was read")
        } catch let error as QikError {
            #expect(error.code == "git4")
        }
        #expect(throws: QikError.self) { try GitChangeProvider(repository: repository).since("HEAD", mode: .diff) }
    }

    /// Intent-to-add entries are never vouched for by the cache tree; conflicts always count.
    @Test func sinceWithIntentToAddAndUnchangedCacheTree() throws {
        let repo = try ScenarioTests.branchedRepository()
        try repo.write("pkg/sub/ita.txt", "intent\n")
        try repo.git("add", "-N", "pkg/sub/ita.txt")
        try expectAgreement(repo, since: ["HEAD", "main"])
        #expect(try Subject(repo).changes.since("HEAD", mode: .diff).contains("pkg/sub/ita.txt"))
    }

    /// A nested directory replaced by a symlink, between siblings that stay: `since` must call its files deleted
    /// (as `git diff` does) however the directory listing walks the index order.
    @Test func nestedDirectoryTurnedSymlinkBetweenSiblings() throws {
        let repo = try GitFixture()
        for path in ["x/a/1.txt", "x/b/2.txt", "x/b/deep/3.txt", "x/b0/4.txt", "x/c.txt", "y/5.txt"] {
            try repo.write(path, "\(path)\n")
            // An hour old, so the index written next is newer and no entry is racily clean.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                                  ofItemAtPath: repo.path(path))
        }
        try repo.commitAll()
        // A plain rename keeps the files' inode and ctime, so through the link their stat data still matches the
        // index: only the leading-path check can tell.
        try FileManager.default.moveItem(atPath: repo.path("x/b"), toPath: repo.path("x/real"))
        try repo.symlink("x/b", to: "real")
        try expectAgreement(repo, since: ["HEAD"])
        let since = try Subject(repo).changes.since("HEAD", mode: .diff)
        #expect(since.isSuperset(of: ["x/b/2.txt", "x/b/deep/3.txt"]))
        #expect(since.isDisjoint(with: ["x/a/1.txt", "x/b0/4.txt", "x/c.txt", "y/5.txt"]))
    }

    /// The same, with a directory name that is not UTF-8 (byte 0xFF): the leading-directory check must stat and
    /// compare the name's bytes, not a String spelling with a replacement character.
    @Test func nonUTF8DirectoryTurnedSymlink() throws {
        let repo = try GitFixture()
        let raw: [UInt8] = Array("d".utf8) + [0xFF]
        func at(_ bytes: [UInt8]) -> [CChar] { (Array(repo.root.utf8) + [UInt8(ascii: "/")] + bytes + [0]).map { CChar(bitPattern: $0) } }
        #expect(mkdir(at(raw), 0o755) == 0)
        let fd = open(at(raw + Array("/f.txt".utf8)), O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = "content\n".withCString { write(fd, $0, 8) }
        close(fd)
        var old = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
        let times = [old, old]
        _ = times.withUnsafeBufferPointer { utimensat(AT_FDCWD, at(raw + Array("/f.txt".utf8)), $0.baseAddress, 0) }
        old.tv_sec += 0
        try repo.write("other.txt", "stays\n")
        try repo.commitAll()
        #expect(rename(at(raw), at(Array("real".utf8))) == 0)
        #expect(symlink("real", at(raw)) == 0)
        let since = try Subject(repo).changes.since("HEAD", mode: .diff)
        #expect(since.contains { $0.hasPrefix("d") && $0.hasSuffix("/f.txt") }, "\(since)")
        #expect(!since.contains("other.txt"))
    }
}
