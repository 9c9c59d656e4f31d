import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// Real repositories in awkward states; in each, blob ids and change sets must equal git's own answers.
@Suite("Scenarios against git")
struct ScenarioTests {
    /// A small history on `main` with a feature branch checked out, used by most scenarios.
    static func branchedRepository() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("a.py", "print('a')\n")
        try repo.write("pkg/b.py", "b = 1\n")
        try repo.write("pkg/sub/c.txt", "c\n")
        try repo.write(".gitignore", "*.log\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("pkg/b.py", "b = 2\n")
        try repo.write("new.py", "n\n")
        try repo.commitAll("feature work")
        try repo.git("checkout", "-q", "main")
        try repo.write("main-only.txt", "m\n")
        try repo.commitAll("main moves on")
        try repo.git("checkout", "-q", "feature")
        return repo
    }

    @Test func emptyRepositoryWithoutCommits() throws {
        let repo = try GitFixture()
        try repo.write("staged.txt", "s\n")
        try repo.write("untracked.txt", "u\n")
        try repo.git("add", "staged.txt")
        try expectAgreement(repo)
        let subject = try Subject(repo)
        #expect(try subject.changes.staged() == ["staged.txt"])
        #expect(subject.repository.head == .unborn(branch: "main"))
        #expect(throws: QikError.self) { try subject.changes.since("main", mode: .mergeBase) }
    }

    @Test func committedStagedUnstagedAndUntracked() throws {
        let repo = try Self.branchedRepository()
        try repo.write("a.py", "print('staged')\n")
        try repo.git("add", "a.py")
        try repo.write("pkg/sub/c.txt", "unstaged\n")
        try repo.write("untracked.py", "u\n")
        try repo.write("debug.log", "ignored\n")
        try expectAgreement(repo, since: ["main", "HEAD~1", "HEAD"])
        let since = try Subject(repo).changes.since("main", mode: .mergeBase)
        #expect(since == ["a.py", "pkg/b.py", "pkg/sub/c.txt", "new.py"])
    }

    @Test func detachedHead() throws {
        let repo = try Self.branchedRepository()
        try repo.git("checkout", "-q", "--detach", "HEAD~1")
        try repo.write("a.py", "detached edit\n")
        try expectAgreement(repo, since: ["main", "feature"])
        #expect(try Subject(repo).repository.head.isDetached)
    }

    @Test func renamedAndDeletedFiles() throws {
        let repo = try Self.branchedRepository()
        try repo.git("mv", "pkg/b.py", "pkg/renamed.py")
        try repo.remove("a.py")
        try repo.commitAll("rename")
        try repo.git("mv", "new.py", "staged-rename.py")
        try repo.remove("pkg/sub/c.txt")
        try expectAgreement(repo, since: ["main", "HEAD~1"])
        let since = try Subject(repo).changes.since("HEAD~1", mode: .mergeBase)
        #expect(since.isSuperset(of: ["new.py", "staged-rename.py", "pkg/sub/c.txt"]))
        #expect(try Subject(repo).blobIDs()["pkg/sub/c.txt"] == TrackedFile.deletedBlobID)
    }

    @Test func awkwardNames() throws {
        let repo = try GitFixture()
        let names = ["with space.txt", "ünïcødé/ﬁle.py", "quote\"d.txt", "single'quote.txt", "new\nline.txt",
                     "tab\tname.txt", "*star*.txt", "[bracket].txt"]
        for name in names { try repo.write(name, "v1 \(name)\n") }
        try repo.commitAll("names")
        for name in names.prefix(4) { try repo.write(name, "v2 \(name)\n") }
        try repo.git("add", names[0])
        try expectAgreement(repo, since: ["HEAD"])
        #expect(try Set(Subject(repo).blobIDs().keys) == Set(names))
    }

    @Test(arguments: ["autocrlf", "gitattributes"])
    func crlfTextIsNormalisedLikeGit(mode: String) throws {
        let repo = try GitFixture()
        if mode == "autocrlf" {
            try repo.git("config", "core.autocrlf", "true")
        } else {
            try repo.write(".gitattributes", "* text eol=crlf\n")
        }
        try repo.write("dos.txt", "one\r\ntwo\r\n")
        try repo.write("unix.txt", "one\ntwo\n")
        try repo.commitAll("text")
        try repo.write("dos.txt", "one\r\ntwo\r\nthree\r\n")
        try repo.write("unix.txt", "one\ntwo\nthree\n")
        try expectAgreement(repo, since: ["HEAD"])
        let ids = try Subject(repo).blobIDs()
        #expect(ids["dos.txt"] == ids["unix.txt"], "CRLF is cleaned to LF before hashing")
    }

    @Test func executableBitChange() throws {
        let repo = try GitFixture()
        try repo.write("run.sh", "echo hi\n")
        try repo.commitAll("script")
        try repo.setExecutable("run.sh", true)
        try expectAgreement(repo, since: ["HEAD"])
        #expect(try Subject(repo).changes.worktree() == ["run.sh"])
    }

    @Test func symlinks() throws {
        let repo = try GitFixture()
        try repo.write("target.txt", "t\n")
        try repo.symlink("link", to: "target.txt")
        try repo.symlink("dangling", to: "nowhere")
        try repo.commitAll("links")
        try expectAgreement(repo)
        try repo.remove("link")
        try repo.symlink("link", to: "pkg/elsewhere.txt")
        try expectAgreement(repo, since: ["HEAD"])
    }

    /// `d/f.txt` behind `d -> real`: `git ls-files -m` (qik 0.2.10's hash source) looks through the symlink and
    /// sees the same file, while `git diff` calls it deleted. Hashes follow ls-files, change sets follow diff.
    @Test func fileBehindSymlinkedDirectoryIsDeleted() throws {
        let repo = try GitFixture()
        try repo.write("d/f.txt", "f\n")
        try repo.commitAll()
        try repo.git("mv", "d", "real")
        try repo.symlink("d", to: "real")
        try expectAgreement(repo, since: ["HEAD"])
        #expect(try Subject(repo).blobIDs()["d/f.txt"] == nil)
        try repo.git("reset", "-q")
        try expectAgreement(repo, since: ["HEAD"])
        #expect(try Subject(repo).blobIDs()["d/f.txt"] == repo.indexIDs()["d/f.txt"])
    }

    @Test func projectRootInSubdirectory() throws {
        let repo = try Self.branchedRepository()
        try repo.write("pkg/sub/c.txt", "changed\n")
        try repo.write("a.py", "outside the project\n")
        try repo.git("add", "a.py")
        try expectAgreement(repo, directory: "pkg", since: ["main", "HEAD~1"])
        let subject = try Subject(repo, directory: "pkg")
        #expect(try Set(subject.blobIDs().keys) == ["b.py", "sub/c.txt"])
        #expect(try subject.changes.since("main", mode: .mergeBase) == ["b.py", "sub/c.txt"])
        #expect(try subject.files.trackedFiles(matching: ["sub"]).map(\.path) == ["sub/c.txt"])
    }

    @Test func linkedWorktree() throws {
        let repo = try Self.branchedRepository()
        let worktreeDirectory = try GitFixture.makeTemporaryDirectory() + "/wt"
        try repo.git("worktree", "add", "-q", worktreeDirectory, "main")
        let worktree = try GitFixture(directory: worktreeDirectory)
        try worktree.write("a.py", "worktree edit\n")
        try expectAgreement(worktree, since: ["feature"])
        let repository = try GitRepository(discoveringFrom: worktreeDirectory)
        #expect(repository.workTreeRoot == worktree.root)
        #expect(repository.commonDir == repo.root + "/.git")
        #expect(try repository.hooksDirectory == repo.root + "/.git/hooks")
    }

    @Test func submoduleIsOneGitlinkEntry() throws {
        let library = try GitFixture()
        try library.write("lib.py", "l\n")
        try library.commitAll("lib")
        let repo = try GitFixture()
        try repo.write("main.py", "m\n")
        try repo.git("submodule", "add", "-q", "file://" + library.root, "vendor/lib")
        try repo.commitAll("with submodule")
        try expectAgreement(repo)
        let ids = try Subject(repo).blobIDs()
        #expect(ids.keys.sorted() == [".gitmodules", "main.py", "vendor/lib"])
        try library.write("lib.py", "l2\n")
        try library.commitAll("lib 2")
        try repo.git("pull", "-q", in: "vendor/lib")
        try expectAgreement(repo, since: ["HEAD"])
        #expect(try Subject(repo).changes.worktree() == ["vendor/lib"])
    }

    @Test func shallowCloneWithoutMergeBase() throws {
        let origin = try Self.branchedRepository()
        try origin.git("checkout", "-q", "main")
        let clone = try GitFixture.clone(of: origin, "--depth", "1", "--no-single-branch")
        try clone.git("checkout", "-q", "feature")
        let subject = try Subject(clone)
        #expect(subject.repository.isShallow)
        #expect(throws: GitErrors.shallowWithoutMergeBase("origin/main")) {
            try subject.changes.since("origin/main", mode: .mergeBase)
        }
        #expect(throws: GitErrors.unknownRef("HEAD~3", shallow: true)) { try subject.changes.since("HEAD~3", mode: .diff) }
        try clone.write("a.py", "edit\n")
        try expectAgreement(clone, since: ["HEAD"])
        #expect(try subject.changes.since("origin/main", mode: .diff) == GitOracle(fixture: clone).since("origin/main", mergeBase: false))
    }

    /// A file whose committed (or staged) change was undone in the work tree has not changed since the ref: `git
    /// diff REF` compares the two ends. libgit2's merged tree→index→work-tree diff listed it; so did qik.
    @Test func aChangeUndoneInTheWorkTreeIsNotAChange() throws {
        let repo = try Self.branchedRepository()
        try repo.git("tag", "base")
        try repo.write("a.py", "print('changed')\n")
        try repo.write("pkg/b.py", "b = 9\n")
        try repo.commitAll("change both")
        try repo.write("a.py", "print('a')\n")            // committed change undone, not staged
        try repo.write("pkg/sub/c.txt", "staged\n")
        try repo.git("add", "pkg/sub/c.txt")
        try repo.write("pkg/sub/c.txt", "c\n")             // staged change undone in the work tree
        try repo.write("main-only.txt", "m\n")             // unchanged content, rewritten
        let oracle = GitOracle(fixture: repo)
        let subject = try Subject(repo)
        for mode in SinceMode.allCases {
            let expected = try oracle.since("base", mergeBase: mode == .mergeBase)
            #expect(expected == ["pkg/b.py"], "\(mode)")
            #expect(try subject.changes.since("base", mode: mode) == expected, "\(mode)")
            #expect(try subject.changes.sinceThroughLibgit2("base", mode: mode) == expected, "\(mode)")
            #expect(try subject.changes.since("base", mode: mode, deciding: [["a.py"], ["pkg"], ["**.txt"]]) == expected, "\(mode)")
        }
        // The same content with the executable bit flipped is a change (a mode change, as git lists it).
        try repo.git("update-index", "--chmod=+x", "a.py")
        try repo.git("commit", "-q", "-m", "exec")
        try repo.write("a.py", "print('a')\n")
        #expect(try subject.changes.since("base", mode: .diff) == oracle.since("base", mergeBase: false))
    }

    @Test func unknownRefNamesIt() throws {
        let repo = try Self.branchedRepository()
        #expect(throws: GitErrors.unknownRef("no-such-branch")) {
            try Subject(repo).changes.since("no-such-branch", mode: .mergeBase)
        }
        // With no pattern to check (no runnable has one), the ref is still resolved: a typo is never a silent pass.
        for within in [[], ["**.py"]] as [[String]] {
            #expect(throws: GitErrors.unknownRef("no-such-branch")) {
                try Subject(repo).changes.since("no-such-branch", mode: .mergeBase, within: within)
            }
        }
        #expect(try Subject(repo).changes.since("main", mode: .mergeBase, within: []).isEmpty)
        for groups in [[], [[]], [["**.py"], ["pkg"]]] as [[[String]]] {
            #expect(throws: GitErrors.unknownRef("no-such-branch")) {
                try Subject(repo).changes.since("no-such-branch", mode: .mergeBase, deciding: groups)
            }
        }
        #expect(try Subject(repo).changes.since("main", mode: .mergeBase, deciding: []).isEmpty)
    }

    @Test func notARepositoryAndBare() throws {
        let plain = try GitFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(throws: QikError.self) { try GitRepository(discoveringFrom: plain) }
        do { _ = try GitRepository(discoveringFrom: plain) } catch let error as QikError { #expect(error.code == "git0") }
        try GitFixture.run(["init", "-q", "--bare", plain + "/bare.git"], in: plain)
        do { _ = try GitRepository(discoveringFrom: plain + "/bare.git") } catch let error as QikError { #expect(error.code == "git1") }
    }

    @Test func mergeInProgressWithConflicts() throws {
        let repo = try Self.branchedRepository()
        try repo.write("a.py", "feature side\n")
        try repo.commitAll("feature a")
        try repo.git("checkout", "-q", "main")
        try repo.write("a.py", "main side\n")
        try repo.commitAll("main a")
        #expect(throws: GitFixtureError.self) { try repo.git("merge", "-q", "feature") }
        try expectAgreement(repo, since: ["feature"])
        let subject = try Subject(repo)
        #expect(subject.repository.operationInProgress == .merge)
        #expect(try subject.changes.staged().contains("a.py"))
    }
}
