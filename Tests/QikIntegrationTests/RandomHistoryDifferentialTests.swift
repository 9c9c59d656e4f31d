import Foundation
import QikTestSupport
import Testing

/// qik against the pip-installed Python qik 0.2.10 along seeded random histories of ordinary git work (edits, edits
/// back to an earlier content, staging, commits, deletions, renames, new files): both tools list the same runnables
/// for `--since base` (0.2.10's `git diff REF` is qik's `--since-mode diff`), and each finds warm every cache entry the
/// other wrote.
///
/// The patterns avoid bare directory names: 0.2.10 matches them with `fnmatch`, qik as git pathspecs (docs/compat.md).
@Suite(.serialized, .enabled(if: PythonQik.shouldRun)) struct RandomHistoryDifferentialTests {
    static let config = """
        [commands.everything]
        exec = "true"
        deps = ["**.py"]

        [commands.docs]
        exec = "true"
        deps = ["docs/**.txt"]

        [commands.pkg]
        exec = "true"
        deps = ["pkg/*.py"]

        [commands.sub]
        exec = "true"
        deps = ["pkg/sub/**"]

        [commands.top]
        exec = "true"
        deps = ["*.cfg", "a.py"]

        [commands.down]
        exec = "true"
        deps = [{type = "command", name = "sub", strict = true}]

        [commands.other]
        exec = "true"
        deps = ["other/**.md"]

        [commands.cfg]
        exec = "true"
        deps = ["setup.cfg"]

        [commands.x]
        exec = "true"
        deps = ["docs/x.txt"]

        [commands.json]
        exec = "true"
        deps = ["pkg/sub/*.json"]

        [commands.r]
        exec = "true"
        deps = ["other/r.md"]

        [commands.b]
        exec = "true"
        deps = ["b.py"]
        """
    static let paths = ["a.py", "b.py", "setup.cfg", "docs/x.txt", "docs/y/z.txt", "pkg/m.py", "pkg/sub/n.py",
                        "pkg/sub/data.json", "other/r.md", "other/s.md"]

    /// The project at its first commit, tagged `base`: every path holds `<path> v0`.
    static func baseRepository() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("qik.toml", config)
        for path in paths { try repo.write(path, "\(path) v0\n") }
        _ = try repo.commitAll("base")
        try repo.git("tag", "base")
        return repo
    }

    @Test func sinceListingsMatchAlongARandomHistory() throws {
        let python = try PythonQik.required()
        var random = SplitMix64(seed: 0x5EED_0511)
        let repo = try Self.baseRepository()
        var compared = 0
        for step in 1...90 {
            let action = try perform(&random, repo)
            guard step % 3 == 0 else { continue }
            let ours = try QikBinary.run(["--since", "base", "--since-mode", "diff", "--ls"], in: repo.root)
            #expect(ours.code == 0, "\(ours.stderr)")
            let theirs = try python.ls(["--since", "base"], in: URL(fileURLWithPath: repo.root))
            let changed = try repo.git("diff", "--name-only", "base")
            #expect(ours.lines == theirs, "step \(step) (\(action)): git diff base = \(changed)")
            compared += 1
        }
        #expect(compared == 30)
    }

    /// The same walk for cache keys: at every checkpoint one tool fills the local cache for the state as it is
    /// (modified, staged, deleted, renamed and new files), and the other must find every entry warm.
    @Test func cacheKeysMatchAlongARandomHistory() throws {
        let python = try PythonQik.required()
        var random = SplitMix64(seed: 0xCAC4E_0511)
        let repo = try Self.baseRepository()
        let url = URL(fileURLWithPath: repo.root)
        let cache = repo.path("._qik/cache")
        for checkpoint in 1...12 {
            var actions: [String] = []
            for _ in 0..<4 { actions.append(try perform(&random, repo)) }
            let note = "checkpoint \(checkpoint): \(actions.joined(separator: ", "))"
            try? FileManager.default.removeItem(atPath: cache)
            let filled = try python.run(["-n", "1"], in: url)
            #expect(filled.exitCode == 0, "\(note): \(filled.stdout)\(filled.stderr)")
            let cold = try QikBinary.run(["--cache-status", "cold", "--ls"], in: repo.root)
            #expect(cold.code == 0 && cold.stdout.isEmpty, "\(note): qik finds cold after Python qik: \(cold.stdout)\(cold.stderr)")
            try? FileManager.default.removeItem(atPath: cache)
            let ours = try QikBinary.run(["-n", "1"], in: repo.root)
            #expect(ours.code == 0, "\(note): \(ours.stdout)\(ours.stderr)")
            let theirs = try python.ls(["--cache-status", "cold"], in: url)
            #expect(theirs.isEmpty, "\(note): Python qik finds cold after qik: \(theirs)")
        }
    }

    /// One step; a git command that refuses just leaves the state as it is.
    private func perform(_ random: inout SplitMix64, _ repo: GitFixture) throws -> String {
        let path = Self.paths[Int(random.next() % UInt64(Self.paths.count))]
        do {
            switch random.next() % 10 {
            case 0, 1, 2:
                try repo.write(path, "\(path) v\(random.next() % 1000)\n")
                return "edit \(path)"
            case 3:
                try repo.write(path, "\(path) v0\n")  // Back to what `base` has, staged or not.
                return "edit \(path) back to base"
            case 4, 5:
                try repo.git("add", "-A", "--", path)
                return "stage \(path)"
            case 6:
                try repo.git("add", "-A")
                try repo.git("commit", "-q", "-m", "step")
                return "commit"
            case 7:
                try repo.remove(path)
                return "delete \(path)"
            case 8:
                let target = Self.paths[Int(random.next() % UInt64(Self.paths.count))]
                try repo.git("mv", "-f", "--", path, target)
                return "rename \(path) → \(target)"
            default:
                let fresh = "pkg/sub/new\(random.next() % 5).py"
                try repo.write(fresh, "new\n")
                if random.next() % 2 == 0 { try repo.git("add", "--", fresh) }
                return "new file \(fresh)"
            }
        } catch is GitFixtureError {
            return "refused (\(path))"
        } catch let error as CocoaError where error.code == .fileNoSuchFile {
            return "nothing to do (\(path))"
        }
    }
}
