import Foundation
import QikTestSupport
import Testing

/// qik against the pip-installed Python qik 0.2.10 on uv projects: the same `--ls`, and the same cache keys for the
/// uv plugin's runnables and the commands of uv spaces (Python qik needs `uv` on PATH too).
@Suite(.serialized, .enabled(if: PythonQik.shouldRun)) struct UVDifferentialTests {
    static let fixtures: [String: [String: String]] = [
        "space": UVFixtures.space, "options": UVFixtures.options, "test_project": UVFixtures.testProject,
        "pygraph": UVFixtures.pygraph,
    ]
    var environment: [String: String] { UVTool.environment.merging(UVFixtures.awsEnvironment) { $1 } }

    @Test(arguments: ["space", "options", "test_project", "pygraph"]) func listingsAreIdentical(_ name: String) throws {
        let python = try PythonQik.required()
        let repo = try UVFixtures.repo(Self.fixtures[name]!)
        let url = URL(fileURLWithPath: repo.root)
        let variants: [[String]] = [[], ["--isolated"], ["--cache", "repo"], ["--cache", "local"], ["uv.install"], ["uv.lock"],
                                    ["-s", "other"], ["-s", "linked"]]
        for extra in variants {
            let ours = try QikBinary.run(["--ls"] + extra, in: repo.root, environment: environment)
            #expect(ours.code == 0, "\(ours.stderr)")
            #expect(ours.lines == (try python.ls(extra, in: url, environment: environment)), "--ls \(extra) differs on \(name)")
        }
        try repo.write("a.py", "print('edited')\n")
        try repo.write("reqs.in", "six\n# edited\n")
        let ours = try QikBinary.run(["--ls", "--since", "HEAD"], in: repo.root, environment: environment)
        #expect(ours.lines == (try python.ls(["--since", "HEAD"], in: url, environment: environment)), "--since differs on \(name)")
    }

    /// Each side runs the project; the other then finds every entry warm, and the manifest hashes are identical.
    /// `uv.install`'s exec holds the absolute venv path, so its key is compared within one checkout only.
    @Test(.enabled(if: UVTool.shouldRun, Comment(rawValue: UVTool.skipReason)), arguments: ["space", "options", "pygraph"])
    func cacheKeysAreIdentical(_ name: String) throws {
        try UVTool.required()
        let python = try PythonQik.required()
        let files = Self.fixtures[name]!

        let pythonFilled = try UVFixtures.repo(files)
        let first = try python.run(["-n", "1"], in: URL(fileURLWithPath: pythonFilled.root), environment: environment)
        #expect(first.exitCode == 0, "python qik failed: \(first.stdout)\(first.stderr)")
        let cold = try QikBinary.run(["--cache-status", "cold", "--ls"], in: pythonFilled.root, environment: environment)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(cold.stdout.isEmpty, "qik sees cold entries after Python qik filled the cache:\n\(cold.stdout)")

        let qikFilled = try UVFixtures.repo(files)
        let ours = try QikBinary.run(["-n", "1"], in: qikFilled.root, environment: environment)
        #expect(ours.code == 0, "\(ours.stdout)\(ours.stderr)")
        let theirs = try python.ls(["--cache-status", "cold"], in: URL(fileURLWithPath: qikFilled.root), environment: environment)
        #expect(theirs.isEmpty, "Python qik sees cold entries after qik filled the cache: \(theirs)")

        func hashes(_ repo: GitFixture) throws -> [String: String?] {
            try PythonQik.cacheManifests(in: URL(fileURLWithPath: repo.root))
                .filter { !$0.key.contains("uv.install") }.mapValues(PythonQik.hash(ofManifest:))
        }
        let pythonHashes = try hashes(pythonFilled)
        // space: show, other, uv.lock; options: show, env, mine, uv.lock@default (also linked's), uv.lock@own;
        // pygraph: build, lock, check, tc, uv.lock.
        #expect(pythonHashes.count == (name == "space" ? 3 : 5), "\(pythonHashes.keys.sorted())")
        #expect(!pythonHashes.values.contains(nil))
        #expect(try hashes(qikFilled) == pythonHashes)
    }
}
