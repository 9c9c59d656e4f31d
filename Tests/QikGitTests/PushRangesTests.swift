import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// Pre-push ranges, checked against `git diff --name-only` / `git log --name-only` over the same commits.
@Suite("Pre-push ranges")
struct PushRangesTests {
    static let zeros = String(repeating: "0", count: 40)

    /// A clone of a small origin, so `refs/remotes/origin/*` exists.
    static func cloneWithRemote() throws -> (origin: GitFixture, clone: GitFixture) {
        let origin = try ScenarioTests.branchedRepository()
        try origin.git("checkout", "-q", "main")
        let clone = try GitFixture.clone(of: origin)
        return (origin, clone)
    }

    @Test func existingBranchFastForward() throws {
        let (_, clone) = try Self.cloneWithRemote()
        let old = try clone.git("rev-parse", "HEAD").trimmed
        try clone.write("pushed.py", "p\n")
        let new = try clone.commitAll("to push")
        let paths = try Subject(clone).changes.pushed(["refs/heads/main \(new) refs/heads/main \(old)"], remote: "origin")
        #expect(paths == (try GitOracle(fixture: clone).names(["diff", "--name-only", "--no-renames", "-z", old, new])))
        #expect(paths == ["pushed.py"])
    }

    /// A force push counts what the remote loses since the fork point, too.
    @Test func forcePushFromMergeBase() throws {
        let (_, clone) = try Self.cloneWithRemote()
        let old = try clone.git("rev-parse", "HEAD").trimmed
        try clone.git("reset", "-q", "--hard", "HEAD~1")
        try clone.write("rewritten.py", "r\n")
        let new = try clone.commitAll("rewrite")
        let paths = try Subject(clone).changes.pushed(["refs/heads/main \(new) refs/heads/main \(old)"], remote: "origin")
        let base = try clone.git("merge-base", old, new).trimmed
        #expect(paths == (try GitOracle(fixture: clone).names(["diff", "--name-only", "--no-renames", "-z", base, new])))
        #expect(paths == ["rewritten.py"])
    }

    @Test func newBranchCountsOnlyCommitsNotOnTheRemote() throws {
        let (_, clone) = try Self.cloneWithRemote()
        try clone.git("checkout", "-q", "-b", "topic")
        try clone.write("one.py", "1\n")
        try clone.commitAll("one")
        try clone.write("two.py", "2\n")
        try clone.remove("a.py")
        let new = try clone.commitAll("two")
        let line = "refs/heads/topic \(new) refs/heads/topic \(Self.zeros)"
        let paths = try Subject(clone).changes.pushed([line], remote: "origin")
        let logged = try clone.git("log", "--name-only", "--no-renames", "--format=", new, "--not", "--remotes=origin")
        #expect(paths == Set(logged.split(separator: "\n").map(String.init)))
        #expect(paths == ["one.py", "two.py", "a.py"])
    }

    @Test func deletedRefCountsNothingAndLinesUnion() throws {
        let (_, clone) = try Self.cloneWithRemote()
        let old = try clone.git("rev-parse", "HEAD").trimmed
        try clone.write("x.py", "x\n")
        let new = try clone.commitAll()
        let lines = ["(delete) \(Self.zeros) refs/heads/gone \(old)", "refs/heads/main \(new) refs/heads/main \(old)", ""]
        #expect(try Subject(clone).changes.pushed(lines, remote: "origin") == ["x.py"])
        #expect(throws: QikError.self) { try Subject(clone).changes.pushed(["nonsense"], remote: "origin") }
    }

    /// Someone else pushed to the branch and we never fetched: the remote sha is not in our object database, so
    /// there is no merge base to diff from. Every commit not on any `refs/remotes/origin/*` counts instead.
    @Test func remoteShaWeNeverFetched() throws {
        let (origin, clone) = try Self.cloneWithRemote()
        try origin.write("theirs.py", "t\n")
        let theirs = try origin.commitAll("pushed by someone else")
        #expect(throws: GitFixtureError.self) { try clone.git("cat-file", "-e", theirs) }
        try clone.write("mine.py", "m\n")
        try clone.commitAll("mine 1")
        try clone.remove("a.py")
        let mine = try clone.commitAll("mine 2")
        let paths = try Subject(clone).changes.pushed(["refs/heads/main \(mine) refs/heads/main \(theirs)"], remote: "origin")
        let logged = try clone.git("log", "--name-only", "--no-renames", "--format=", mine, "--not", "--remotes=origin")
        #expect(paths == Set(logged.split(separator: "\n").map(String.init)))
        #expect(paths == ["mine.py", "a.py"])
    }
}
