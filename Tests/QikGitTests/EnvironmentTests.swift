import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// How QikGit reads its surroundings: the index git hands to commit hooks, `~` in `core.hooksPath`, awkward roots.
@Suite("Environment")
struct EnvironmentTests {
    /// git runs pre-commit hooks of `git commit -a` against `.git/index.lock`, and of `git commit <paths>` against a
    /// temporary `.git/next-index-*.lock`, both passed as `GIT_INDEX_FILE`. The hook here saves that index; QikGit
    /// given it must answer from it (the fast index reader and libgit2 alike), not from `.git/index`.
    @Test(arguments: [["-a"], ["--", "a.py"]])
    func gitIndexFileOfACommitHook(commitArguments: [String]) throws {
        let repo = try GitFixture()
        try repo.write("a.py", "a1\n")
        try repo.write("b.py", "b1\n")
        try repo.commitAll("base")
        try repo.write("a.py", "a2\n")
        try repo.write("new.py", "n\n")
        try repo.git("add", "new.py")
        try repo.write(".git/hooks/pre-commit", """
            #!/bin/sh
            cp "$GIT_INDEX_FILE" .git/hook-index && printf %s "$GIT_INDEX_FILE" > .git/hook-index-path
            exit 1
            """)
        try repo.setExecutable(".git/hooks/pre-commit", true)
        #expect(throws: GitFixtureError.self) { try repo.git(["commit", "-q", "-m", "hooked"] + commitArguments) }
        let handed = try repo.read(".git/hook-index-path")
        #expect(handed.hasPrefix(repo.root + "/.git/"), "git passes an absolute path: \(handed)")

        let saved = repo.path(".git/hook-index")
        let hooked = try GitRepository(discoveringFrom: repo.root, environment: ["GIT_INDEX_FILE": saved])
        #expect(hooked.indexPath == saved)
        let files = GitFileStateProvider(repository: hooked)
        let changes = GitChangeProvider(repository: hooked)
        let ids = Dictionary(uniqueKeysWithValues: try files.trackedFiles(matching: .everything).map { ($0.path, $0.blobID) })
        #expect(ids["a.py"] == (try repo.hashObject("a.py")))
        if commitArguments == ["-a"] {
            // The whole index, plus every tracked modification.
            #expect(Set(ids.keys) == ["a.py", "b.py", "new.py"])
            #expect(try changes.staged() == ["a.py", "new.py"])
        } else {
            // HEAD plus the named paths only: new.py, staged in .git/index, is not part of this commit.
            #expect(Set(ids.keys) == ["a.py", "b.py"])
            #expect(try changes.staged() == ["a.py"])
            #expect(try changes.since("HEAD", mode: .diff) == ["a.py"])
            #expect(try changes.sinceThroughLibgit2("HEAD", mode: .diff) == ["a.py"])
        }
        #expect(try changes.worktree() == [])

        // Without the variable: .git/index, where only new.py is staged.
        let plain = try GitRepository(discoveringFrom: repo.root, environment: [:])
        #expect(try GitChangeProvider(repository: plain).staged() == ["new.py"])
        #expect(try GitChangeProvider(repository: plain).worktree() == ["a.py"])
    }

    /// `core.hooksPath` goes through git's path interpolation: `~` and `~/…` are `$HOME`, `~user/…` that user's home.
    @Test func hooksPathWithTilde() throws {
        let repo = try GitFixture()
        let home = try GitFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let repository = try GitRepository(discoveringFrom: repo.root, environment: ["HOME": home])
        let cases: [(String, String)] = [
            ("~/git-hooks", home + "/git-hooks"),
            ("~", home),
            ("~root/hooks", (getpwnam("root").map { String(cString: $0.pointee.pw_dir) } ?? "") + "/hooks"),
            ("~no-such-user-qik/hooks", repo.root + "/~no-such-user-qik/hooks"),
            ("hooks~", repo.root + "/hooks~"),
        ]
        for (configured, expected) in cases {
            try repo.git("config", "core.hooksPath", configured)
            #expect(try repository.hooksDirectory == expected, "core.hooksPath = \(configured)")
        }
    }

    /// The project root's own path has spaces (and the work tree is below another spaced directory).
    @Test func projectRootPathWithSpaces() throws {
        let parent = try GitFixture.makeTemporaryDirectory() + "/my projects/qik demo"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let repo = try GitFixture(directory: parent)
        try repo.git("init", "-q", "-b", "main")
        try repo.write("a.py", "a\n")
        try repo.write("pkg/b.py", "b\n")
        try repo.write("pkg/c d.txt", "c\n")
        try repo.commitAll("base")
        try repo.write("a.py", "a2\n")
        try repo.write("pkg/c d.txt", "c2\n")
        try repo.git("add", "pkg/c d.txt")
        try repo.remove("pkg/b.py")
        try expectAgreement(repo, since: ["HEAD"])
        try expectAgreement(repo, directory: "pkg", since: ["HEAD"])
        let subject = try Subject(repo)
        #expect(subject.repository.workTreeRoot == repo.root)
        #expect(try subject.changes.since("HEAD", mode: .diff) == ["a.py", "pkg/b.py", "pkg/c d.txt"])
        #expect(try subject.blobIDs()["pkg/c d.txt"] == (try repo.hashObject("pkg/c d.txt")))
    }

    /// What libgit2 sets up only for network transports (CA bundle, entropy, random generator, libssh2) is not done
    /// at startup (qik only reads local repositories), but can still be, into the same structures; a repository
    /// opens and reads meanwhile.
    @Test func networkSetUpIsDeferredNotDropped() throws {
        #if os(Linux)
        let deferred = deferredInitCalls
        #expect(deferred <= 6, "at most the bundle file and directory, entropy, seed and libssh2")
        let repo = try ScenarioTests.branchedRepository()
        if case .unborn = try GitRepository(discoveringFrom: repo.root).head { Issue.record("HEAD read as unborn") }
        if deferred > 0 {
            try finishDeferredInit()
            #expect(deferredInitCalls == 0)
        }
        #endif
    }
}
