import Foundation
import QikTestSupport
import Testing

/// Scenarios 24, 36 and 39 (§13): uv spaces through the real `qik`/`qikx` binaries and the real `uv`.
@Suite(.serialized) struct UVScenarioTests {
    var qikx: String { (QikBinary.path as NSString).deletingLastPathComponent + "/qikx" }

    func qik(_ repo: GitFixture, _ arguments: String..., env: [String: String] = [:]) throws -> QikBinary.Result {
        try QikBinary.run(arguments, in: repo.root, environment: UVTool.environment.merging(env) { $1 })
    }

    /// Scenario 39: a change seen by one command of a uv space selects the whole space through the strict
    /// dependency on its install.
    @Test func sinceSelectsTheWholeSpaceThroughTheInstall() throws {
        let repo = try UVFixtures.repo(UVFixtures.space)
        #expect(try qik(repo, "--ls").lines == ["other", "show", "uv.install", "uv.lock"])
        try repo.write("a.py", "print('edited')\n")
        #expect(try qik(repo, "--since", "HEAD", "--ls").lines == ["other", "show", "uv.install", "uv.lock"])
        #expect(try qik(repo, "--since", "HEAD", "--ls", "--isolated").lines == ["show"])
    }

    /// Scenario 24: the `--ls` variants of the test project (the S3 transfer is out of scope: `remote` is selected
    /// by name only).
    @Test func testProjectListings() throws {
        let repo = try UVFixtures.repo(UVFixtures.testProject)
        let env = UVFixtures.awsEnvironment
        #expect(try qik(repo, "--ls", env: env).lines == UVFixtures.testProjectListing)
        #expect(try qik(repo, "--ls", "--tag", "linting", env: env).lines == [
            "modular_format@default#a", "modular_format@default#b_module", "modular_format@other#nest/c",
            "modular_lint@default#a", "modular_lint@default#b_module", "modular_lint@other#nest/c",
        ])
        let isolated = try qik(repo, "--isolated", "--ls", env: env).lines
        #expect(isolated.count == 17)
        #expect(!isolated.contains { $0.hasPrefix("uv.") || $0.hasPrefix("pygraph.build") || $0.hasPrefix("pygraph.lock") })
        let repoCache = try qik(repo, "--cache", "repo", "--ls", env: env).lines
        #expect(repoCache.count == 11)
        #expect(repoCache.filter { $0.hasPrefix("uv.lock@") } == ["uv.lock@default", "uv.lock@other", "uv.lock@ruff"])
        #expect(try qik(repo, "--cache", "remote", "--ls", env: env).lines == ["lint@default", "lock@default"])
        // The working space of `a/` is `other`: its runnables plus their upstream.
        let other = try QikBinary.run(["--ls"], in: repo.path("a"), environment: env)
        #expect(other.lines == (try qik(repo, "-s", "other", "--ls", env: env).lines))
        #expect(other.lines.count == 17 && other.lines.contains("uv.install@other"))
    }

    @Test func aUVCommandDepWithoutItsSpaceIsArgs0() throws {
        var files = UVFixtures.space
        files["qik.toml"]! += "\n[commands.bad]\nexec = \"true\"\ndeps = [{type = \"command\", name = \"uv.install\"}]\n"
        let repo = try UVFixtures.repo(files)
        let run = try qik(repo, "bad", "--ls")
        #expect(run.code == 1)
        #expect(run.stderr.contains("args0") && run.stderr.contains("\"space\" arg is required for qik.uv.install command."))
    }

    /// Scenario 36: lock, install, run inside the venv; the repo-cached lock is intent-to-add; a second run replays
    /// everything; `qikx` runs inside the venv; `qikx -i` reinstalls it; editing the requirements selects the space.
    @Test(.enabled(if: UVTool.shouldRun, Comment(rawValue: UVTool.skipReason)))
    func lockInstallAndRunInTheVenv() throws {
        try UVTool.required()
        let repo = try UVFixtures.repo(UVFixtures.space)
        let venv = repo.root + "/._qik/venv/default"
        let first = try qik(repo, "-n", "1")
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains(
            "✅\u{FE0F} uv.lock mkdir -p .qik/artifacts/uv.lock && uv pip compile --universal reqs.in -o .qik/artifacts/uv.lock/requirements-default-lock.txt"))
        #expect(first.stdout.contains("✅\u{FE0F} uv.install uv venv ._qik/venv/default  && uv pip sync"))
        #expect(first.lines.contains(venv))
        #expect(try repo.read(".qik/artifacts/uv.lock/requirements-default-lock.txt").contains("six=="))
        let status = try repo.git("status", "--porcelain")
        for path in [".qik/cache/uv.lock/uv__lock.json", ".qik/artifacts/uv.lock/requirements-default-lock.txt"] {
            #expect(status.contains(" A \(path)"), "\(path) is not intent-to-add:\n\(status)")
        }
        #expect(repo.fileExists("._qik/cache/uv.install/uv__install.json"))

        let second = try qik(repo, "-n", "1")
        #expect(second.code == 0)
        #expect(!second.stdout.contains("🚧"), "\(second.stdout)")
        #expect(second.stdout.components(separatedBy: "⏩\u{FE0F}").count - 1 == 4)

        let inside = try QikBinary.run(["python", "-c", "import sys, six; print(sys.prefix)"], in: repo.root,
                                       environment: UVTool.environment, executable: qikx)
        #expect(inside.code == 0 && inside.stdout == venv + "\n", "\(inside.stderr)")

        try FileManager.default.removeItem(atPath: venv)
        try FileManager.default.removeItem(atPath: repo.path("._qik/cache/uv.install"))
        let install = try QikBinary.run(["-i"], in: repo.root, environment: UVTool.environment, executable: qikx)
        #expect(install.code == 0, "\(install.stdout)\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: venv + "/bin/python"))

        try repo.write("reqs.in", "six\n# pinned by the lock\n")
        #expect(try qik(repo, "--since", "HEAD", "--ls").lines == ["other", "show", "uv.install", "uv.lock"])
    }
}
