import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// `WorkTreeGuard`: every recovery branch (normal restore, stale record of a killed hook, newer content kept, a live
/// hook left alone) against real repositories.
@Suite struct WorkTreeGuardTests {
    /// Given partial staging, a chmod, a retargeted symlink, an intent-to-add file and a deletion in a directory that
    /// then disappears, when the guard hides and restores, then the work tree is byte-for-byte what it was.
    @Test func hideShowsTheIndexAndRestoreGivesEveryByteBack() throws {
        let repo = try GitFixture()
        try repo.write("a.txt", "one\n")
        try repo.write("run.sh", "echo\n")
        try repo.write("deep/gone.txt", "bye\n")
        try repo.symlink("link", to: "a.txt")
        try repo.commitAll()
        try repo.write("a.txt", "two\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "two\nunstaged\n")
        try repo.setExecutable("run.sh", true)
        try repo.remove("link")
        try repo.symlink("link", to: "elsewhere")
        try repo.write("new.txt", "intent\n")
        try repo.git("add", "-N", "new.txt")
        try repo.remove("deep/gone.txt")
        try repo.remove("deep")
        let before = try workTree(repo)

        let guardian = WorkTreeGuard(repository: try GitRepository(discoveringFrom: repo.root), hook: "pre-commit")
        let hidden = try guardian.hide()
        #expect(Set(hidden) == ["a.txt", "run.sh", "link", "new.txt", "deep/gone.txt"])
        #expect(try repo.read("a.txt") == "two\n")
        #expect(!FileManager.default.isExecutableFile(atPath: repo.path("run.sh")))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo.path("link")) == "a.txt")
        #expect(!repo.fileExists("new.txt") && repo.fileExists("deep/gone.txt"))
        #expect(repo.fileExists(".git/qik/guard/record.json"))
        #expect(try guardian.rewrittenFiles() == ([], []))

        #expect(Set(try guardian.restore()) == Set(hidden))
        #expect(try workTree(repo) == before)
        #expect(!repo.fileExists("deep"))  // The directory the guard created is gone again.
        #expect(!repo.fileExists(".git/qik/guard"))
        #expect(try repo.git("diff", "--name-only", "new.txt") == "new.txt\n")  // Still intent-to-add.
    }

    /// A command's rewrite of a staged file is re-staged; the user's unstaged hunk is restored on top.
    @Test func restageTakesTheRewriteOfStagedContent() throws {
        let repo = try GitFixture()
        try repo.write("a.txt", "a\n")
        try repo.write("b.txt", "b\n")
        try repo.commitAll()
        try repo.write("a.txt", "a2\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "a2\nwip\n")
        let guardian = WorkTreeGuard(repository: try GitRepository(discoveringFrom: repo.root), hook: "pre-commit")
        try guardian.hide()
        try repo.write("a.txt", "A2\n")  // the "fixer"
        try repo.write("b.txt", "B\n")   // not part of the commit
        let rewritten = try guardian.rewrittenFiles()
        #expect(rewritten.staged == ["a.txt"] && rewritten.other == ["b.txt"])
        try guardian.restage(rewritten.staged)
        try guardian.restore()
        #expect(try repo.git("show", ":a.txt") == "A2\n")
        #expect(try repo.read("a.txt") == "a2\nwip\n")
        #expect(try repo.git("show", ":b.txt") == "b\n")
    }

    /// A record whose process is gone is restored; content that is neither the user's nor the staged version is
    /// copied aside first, and the saved copies are kept.
    @Test func staleRecordIsRestoredKeepingNewerContent() throws {
        let repo = try GitFixture()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        try repo.write("a.txt", "a2\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "a2\nmine\n")
        let repository = try GitRepository(discoveringFrom: repo.root)
        try WorkTreeGuard(repository: repository, hook: "pre-commit").hide()
        var record = try #require(try GuardRecord.load(gitDir: repository.gitDir))
        record.pid = try deadPid()
        try record.save(gitDir: repository.gitDir)
        try repo.write("a.txt", "edited after the crash\n")
        try repo.write(".a.txt.qik-\(record.pid).tmp", "killed between write and rename")

        #expect(GuardRecovery.pendingRecordGitDir(from: repo.root + "/", environment: [:]) != nil)
        let report = try #require(try GuardRecovery.recoverStale(repository: repository))
        #expect(report.restored == ["a.txt"] && report.backedUp == ["a.txt"])
        #expect(try repo.read("a.txt") == "a2\nmine\n")
        #expect(try String(contentsOfFile: report.keptAt + "/current/a.txt", encoding: .utf8) == "edited after the crash\n")
        #expect(FileManager.default.fileExists(atPath: report.keptAt + "/record.json"))
        #expect(GuardRecovery.pendingRecordGitDir(from: repo.root, environment: [:]) == nil)
        #expect(!repo.fileExists(".a.txt.qik-\(record.pid).tmp"))  // The killed process's temp file is gone.
    }

    /// While the hook that wrote the record runs, nothing restores under it and a second guard refuses (hook6).
    @Test func liveRecordIsLeftAlone() throws {
        let repo = try GitFixture()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        try repo.write("a.txt", "a2\n")
        let repository = try GitRepository(discoveringFrom: repo.root)
        let first = WorkTreeGuard(repository: repository, hook: "pre-commit")
        try first.hide()
        #expect(try GuardRecovery.recoverStale(repository: repository) == nil)
        #expect(throws: QikError.self) { try WorkTreeGuard(repository: repository, hook: "pre-commit").hide() }
        #expect(try repo.read("a.txt") == "a\n")
        try first.restore()
        #expect(try repo.read("a.txt") == "a2\n")
    }

    /// A file standing where the index needs a directory is someone's data: the guard leaves that path alone.
    @Test func fileBlockingADirectoryIsNotTouched() throws {
        let repo = try GitFixture()
        try repo.write("d/x.txt", "x\n")
        try repo.commitAll()
        try repo.remove("d/x.txt")
        try repo.remove("d")
        try repo.write("d", "an untracked file\n")
        let guardian = WorkTreeGuard(repository: try GitRepository(discoveringFrom: repo.root), hook: "pre-commit")
        #expect(try guardian.hide() == [])
        #expect(try repo.read("d") == "an untracked file\n")
        try guardian.restore()
    }

    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// path → (kind, bytes or target, executable) for everything outside `.git`.
    func workTree(_ repo: GitFixture) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: repo.root)
        while let path = enumerator?.nextObject() as? String {
            if path == ".git" { enumerator?.skipDescendants(); continue }
            var st = stat()
            guard lstat(repo.path(path), &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFLNK: result[path] = "link:" + (try FileManager.default.destinationOfSymbolicLink(atPath: repo.path(path)))
            case S_IFREG: result[path] = "file:\(st.st_mode & 0o777):" + (try repo.read(path))
            default: result[path] = "dir"
            }
        }
        return result
    }
}
