import Foundation
import QikCore
@testable import QikGit
import QikTestSupport
import Testing

/// A seeded random walk through ordinary git work (edit, stage, unstage, commit, delete, rename, branch, merge).
/// After every step QikGit's blob ids, staged and worktree sets must equal git's; `since main` (whole and limited to
/// pathspecs) every 10th step.
@Suite("Random git histories")
struct PropertyTests {
    static let steps = 520
    static let paths = ["a.txt", "b.txt", "c.py", "d/e.py", "d/f.txt", "d/g/h.py", "sp ace.txt", "ü.txt"]

    @Test func randomWalkAgreesWithGit() throws {
        var random = SplitMix64(seed: 0x51C0_2024)
        let repo = try GitFixture()
        for path in Self.paths.prefix(4) { try repo.write(path, "seed \(path)\n") }
        try repo.commitAll("seed")
        var branches = ["main"]
        var performed: [String: Int] = [:]
        for step in 1...Self.steps {
            let action = try perform(random.next() % 100, &random, repo, &branches)
            let note = Comment(rawValue: "step \(step): \(action)")
            performed[String(action.prefix { $0 != " " }), default: 0] += 1
            let oracle = GitOracle(fixture: repo)
            let subject = try Subject(repo)
            #expect(try subject.blobIDs() == oracle.blobIDs(), note)
            if step % 5 == 0 { #expect(try subject.visitedBlobIDs() == oracle.blobIDs(), note) }
            #expect(try subject.changes.staged() == oracle.staged(), note)
            #expect(try subject.changes.worktree() == oracle.worktree(), note)
            if step % 10 == 0 {
                #expect(try subject.changes.since("main", mode: .mergeBase) == oracle.since("main"), note)
                #expect(try subject.changes.since("main", mode: .diff) == oracle.since("main", mergeBase: false), note)
                // Limited to what selection can match: the matching part of the same answer, other files unchecked.
                for within in [["**.py"], ["d"], ["d/g/**.py", "*.txt"]] {
                    let spec = try Pathspec(within)
                    #expect(try subject.changes.since("main", mode: .mergeBase, within: within)
                        == oracle.since("main").filter(spec.matches), note)
                }
                // For selection: real changes only, and each group decided exactly as the full answer decides it.
                let groups = [["**.py"], ["d"], ["d/g/**.py", "*.txt"], ["a.txt"], ["b.txt", "sp ace.txt"], ["none/**"]]
                for mode in SinceMode.allCases {
                    let full = try oracle.since("main", mergeBase: mode == .mergeBase)
                    let deciding = try subject.changes.since("main", mode: mode, deciding: groups)
                    #expect(deciding.isSubset(of: full), note)
                    for group in groups {
                        let spec = try Pathspec(group)
                        #expect(deciding.contains(where: spec.matches) == full.contains(where: spec.matches), "\(group) \(note)")
                    }
                }
            }
            if repo.fileExists(".git/MERGE_HEAD") { _ = try? repo.git("merge", "--abort") }
        }
        // The walk must really exercise history, not just refused commands.
        for kind in ["edit", "stage", "commit", "delete", "rename", "checkout", "merge"] {
            #expect(performed[kind, default: 0] >= 10, "\(kind): \(performed)")
        }
    }

    /// One step; a git command that refuses (dirty checkout, nothing to commit) just leaves the state as it is.
    private func perform(_ roll: UInt64, _ random: inout SplitMix64, _ repo: GitFixture,
                         _ branches: inout [String]) throws -> String {
        let path = Self.paths[Int(random.next() % UInt64(Self.paths.count))]
        do {
            switch roll {
            case 0..<30:
                // A fifth of the edits put back the content `main` has (unstaged): a change undone in the work tree is
                // no change since main, though the index still differs.
                if random.next() % 5 == 0, let atMain = try? repo.git("show", "main:\(path)") {
                    try repo.write(path, atMain)
                    return "edit \(path) back to main"
                }
                // Same-length rewrites half the time: only stat time (and the racy rule) can tell them apart.
                let old = (try? repo.read(path)) ?? ""
                let length = random.next() % 2 == 0 && !old.isEmpty ? old.utf8.count : Int(random.next() % 20)
                let letters = Array("abcxyz\n")
                try repo.write(path, String((0..<length).map { _ in letters[Int(random.next() % 7)] }))
                return "edit \(path)"
            case 30..<45:
                try repo.git("add", "-A", "--", path)
                return "stage \(path)"
            case 45..<52:
                try repo.git("reset", "-q", "--", path)
                return "unstage \(path)"
            case 52..<64:
                try repo.git("add", "-A")
                try repo.git("commit", "-q", "-m", "step")
                return "commit"
            case 64..<72:
                try repo.remove(path)
                return "delete \(path)"
            case 72..<80:
                let target = Self.paths[Int(random.next() % UInt64(Self.paths.count))]
                try repo.git("mv", "-f", "--", path, target)
                return "rename \(path) → \(target)"
            case 80..<90:
                let name = random.next() % 3 == 0 ? "b\(branches.count)" : branches[Int(random.next() % UInt64(branches.count))]
                if branches.contains(name) {
                    try repo.git("checkout", "-q", name)
                } else {
                    try repo.git("checkout", "-q", "-b", name)
                    branches.append(name)
                }
                return "checkout \(name)"
            default:
                let other = branches[Int(random.next() % UInt64(branches.count))]
                try repo.git("merge", "-q", "--no-edit", other)
                return "merge \(other)"
            }
        } catch is GitFixtureError {
            return "refused (roll \(roll), \(path))"
        } catch let error as CocoaError where error.code == .fileNoSuchFile {
            return "nothing to do (\(path))"
        }
    }
}

