import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

@Suite("Index snapshot")
struct IndexSnapshotTests {
    enum State: String, CaseIterable {
        case clean, modified, staged, deleted, untracked, ignored, submodule, symlink, spaces, detached, shallow
    }

    /// The stat-clean fast path (index ids reused) must give exactly the map a full rehash of every file gives.
    @Test(arguments: State.allCases)
    func fastPathEqualsFullRehash(state: State) throws {
        var repo = try ScenarioTests.branchedRepository()
        switch state {
        case .clean: break
        case .modified: try repo.write("pkg/b.py", "b = 3\n")
        case .staged:
            try repo.write("pkg/b.py", "b = 4\n")
            try repo.git("add", "pkg/b.py")
        case .deleted: try repo.remove("a.py")
        case .untracked: try repo.write("untracked.py", "u\n")
        case .ignored: try repo.write("trace.log", "ignored\n")
        case .submodule:
            let library = try GitFixture()
            try library.write("lib.py", "l\n")
            try library.commitAll()
            try repo.git("submodule", "add", "-q", "file://" + library.root, "vendor/lib")
        case .symlink:
            try repo.symlink("link.py", to: "a.py")
            try repo.git("add", "link.py")
        case .spaces:
            try repo.write("dir with space/file name.py", "s\n")
            try repo.commitAll()
            try repo.write("dir with space/file name.py", "s2\n")
        case .detached: try repo.git("checkout", "-q", "--detach", "HEAD~1")
        case .shallow:
            repo = try GitFixture.clone(of: repo, "--depth", "1")
            try repo.write("a.py", "shallow edit\n")
        }
        let subject = try Subject(repo)
        let fast = try subject.blobIDs()
        #expect(fast == (try subject.fullRehash()))
        #expect(fast == (try GitOracle(fixture: repo).blobIDs()))
    }

    /// Git's racy-git case: the index is written, then the file changes in the same second with the same size,
    /// so mtime and size still match the index. Only the racy rule (mtime >= index mtime → check content) sees it.
    @Test func racyEditInTheSameSecondIsDetected() throws {
        let repo = try GitFixture()
        try repo.write("racy.txt", "aaaa\n")
        try repo.git("add", "racy.txt")
        let entryStat = try statOf(repo.path("racy.txt"))
        try repo.write("racy.txt", "bbbb\n")
        // Put the recorded mtime back, as a coarse clock would have left it.
        var times = [entryStat.st_atim, entryStat.st_mtim]
        #expect(utimensat(AT_FDCWD, repo.path("racy.txt"), &times, 0) == 0)
        let subject = try Subject(repo)
        let ids = try subject.blobIDs()
        #expect(ids["racy.txt"] == (try repo.hashObject("racy.txt")))
        #expect(ids["racy.txt"] != (try repo.indexIDs()["racy.txt"]))
    }

    @Test func cachedUntilInvalidated() throws {
        let repo = try GitFixture()
        try repo.write("f.txt", "one\n")
        try repo.commitAll()
        let subject = try Subject(repo)
        let before = try subject.files.trackedFiles(matching: ["f.txt"])
        try repo.write("f.txt", "two, longer\n")
        #expect(try subject.files.trackedFiles(matching: ["f.txt"]) == before, "one snapshot, one answer")
        subject.files.invalidate()
        #expect(try subject.files.trackedFiles(matching: ["f.txt"]).first?.blobID == (try repo.hashObject("f.txt")))
    }

    @Test func emptyPatternsMatchNothingAndBlobIDIsPlainHashObject() throws {
        let repo = try GitFixture()
        try repo.git("config", "core.autocrlf", "true")
        try repo.write("dos.txt", "x\r\n")
        try repo.commitAll()
        let subject = try Subject(repo)
        #expect(try subject.files.trackedFiles(matching: []).isEmpty)
        let plain = try repo.git("hash-object", "--no-filters", "dos.txt").trimmed
        #expect(try subject.files.blobID(ofFileAt: repo.path("dos.txt")) == plain)
        #expect(try subject.files.blobID(ofFileAt: repo.path("missing.txt")) == nil)
    }

    /// Directory prefixes narrow the index by binary search: neighbours that sort around `/` (`a-b`, `a.txt`, `a0`)
    /// and a prefetch that answers first must not change which files match.
    @Test func narrowedListingEqualsGitLsFiles() throws {
        let repo = try GitFixture()
        for path in ["a-b/x.py", "a.txt", "a/b.py", "a/b/c.py", "a/b c/d.py", "a/é.py", "a0/y.py", "ab/z.py", "b/a/q.py", "z.py"] {
            try repo.write(path, path + "\n")
        }
        try repo.commitAll()
        try repo.write("a/b/c.py", "edited\n")
        let patternSets = [["a/**.py"], ["a/b"], ["a/b/**.py", "b/**"], ["a"], ["**.py"], ["a/*.py", "ab/"], ["a/b c/*"]]
        let subject = try Subject(repo)
        try subject.files.prefetch(matching: patternSets)
        for patterns in patternSets {
            let listed = try subject.files.trackedFiles(matching: patterns).map(\.path)
            let expected = try repo.git(["-c", "core.quotePath=false", "ls-files", "--"] + patterns).split(separator: "\n").map(String.init)
            #expect(listed == expected, "\(patterns)")
        }
        #expect(try subject.files.trackedFiles(matching: ["a/b"]).first { $0.path == "a/b/c.py" }?.blobID
            == (try repo.hashObject("a/b/c.py")))
    }

    private func statOf(_ path: String) throws -> stat {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw Errno(errno) }
        return st
    }
}
