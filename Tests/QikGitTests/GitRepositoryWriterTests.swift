import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

@Suite("Repository writes")
struct GitRepositoryWriterTests {
    /// What the repo cache relies on: `git add -N`'d files are tracked and hashed from disk, and git agrees.
    @Test func intentToAddMatchesGitAddN() throws {
        let repo = try GitFixture()
        try repo.write("tracked.txt", "t\n")
        try repo.commitAll()
        try repo.write("cache/entry.json", "{\"hash\": 1}\n")
        try repo.write("cache/empty.out", "")
        let repository = try GitRepository(discoveringFrom: repo.root)
        try GitRepositoryWriter(repository: repository).intentToAdd(["cache/entry.json", "cache/empty.out", "tracked.txt", "absent"])

        let twin = try GitFixture()
        try twin.write("tracked.txt", "t\n")
        try twin.commitAll()
        try twin.write("cache/entry.json", "{\"hash\": 1}\n")
        try twin.write("cache/empty.out", "")
        try twin.git("add", "-N", "cache/entry.json", "cache/empty.out")

        #expect(try repo.git("ls-files", "-s") == twin.git("ls-files", "-s"))
        #expect(try repo.git("status", "--porcelain") == twin.git("status", "--porcelain"))
        #expect(try repo.git("diff", "--cached", "--name-only") == twin.git("diff", "--cached", "--name-only"))
        try expectAgreement(repo)
        let ids = try Subject(repo).blobIDs()
        #expect(ids["cache/entry.json"] == (try repo.hashObject("cache/entry.json")))
    }

    /// Regression (differential test `artifacts-and-const`): an ignored artifact must stay untracked, as with
    /// `git add -N`, which skips ignored paths and adds the rest.
    @Test func intentToAddSkipsIgnoredPaths() throws {
        let repo = try GitFixture()
        try repo.write(".gitignore", "out/\n")
        try repo.commitAll()
        try repo.write("out/gen.txt", "generated\n")
        try repo.write("kept.txt", "k\n")
        let repository = try GitRepository(discoveringFrom: repo.root)
        try GitRepositoryWriter(repository: repository).intentToAdd(["out/gen.txt", "kept.txt"])
        #expect(try repo.git("ls-files") == ".gitignore\nkept.txt\n")
    }

    @Test func configAndHooksDirectory() throws {
        let repo = try GitFixture()
        let repository = try GitRepository(discoveringFrom: repo.root)
        #expect(try repository.hooksPath == nil)
        #expect(try repository.hooksDirectory == repo.root + "/.git/hooks")
        try GitRepositoryWriter(repository: repository).setConfig("core.hooksPath", ".githooks")
        #expect(try repo.git("config", "--local", "core.hooksPath").trimmed == ".githooks")
        #expect(try repository.hooksDirectory == repo.root + "/.githooks")
        try GitRepositoryWriter(repository: repository).setConfig("merge.qik.driver", "sh merge.sh %O %A %B")
        #expect(try repository.configValue("merge.qik.driver") == "sh merge.sh %O %A %B")
        #expect(repository.gitDir == repo.root + "/.git")
        #expect(repository.operationInProgress == .none)
    }
}
