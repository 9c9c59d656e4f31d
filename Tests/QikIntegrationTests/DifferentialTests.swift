import Foundation
import QikTestSupport
import Testing

/// qik against the pip-installed Python qik 0.2.10 on the same repositories: the same `--ls`, the same cache keys,
/// and repo caches each side fills are warm for the other.
@Suite(.serialized, .enabled(if: PythonQik.shouldRun)) struct DifferentialTests {
    struct Fixture {
        let name: String
        let files: [String: String]
        /// Commands to run on both sides (they must succeed).
        let commands: [String]
    }

    static let fixtures: [Fixture] = [
        Fixture(
            name: "modules-and-spaces",
            files: [
                "qik.toml": """
                    [spaces.default]
                    modules = ["a", {name = "b_module", path = "b"}]

                    [spaces.other]
                    root = "nest/"
                    modules = ["nest/c"]

                    [commands.fmt]
                    exec = "echo fmt {module.dir} {module.pyimport} {module.name} {module.path}"
                    deps = ["{module.dir}/**.py"]
                    cache = "repo"

                    [commands.lint]
                    exec = "echo lint {module.name}"
                    deps = ["{module.dir}/**.py", {type = "command", name = "fmt"}]
                    cache = "repo"
                    tags = ["ci"]

                    [commands.top]
                    exec = "echo top"
                    deps = ["**.py", {type = "command", name = "lint", strict = true}]
                    space = "other"
                    cache = "repo"
                    """,
                "a/__init__.py": "", "a/x.py": "import b\n", "b/__init__.py": "", "b/y.py": "y = 1\n",
                "nest/c/__init__.py": "", "nest/c/z.py": "z = 2\n",
                "b/qik.toml": "[commands.modcmd]\nexec = \"echo modcmd\"\ndeps = [\"**.py\"]\ncache = \"repo\"\n",
            ],
            commands: []),
        Fixture(
            name: "artifacts-and-const",
            files: [
                "qik.toml": """
                    ctx = [{name = "flavour", default = "vanilla"}]

                    [base]
                    deps = ["python_version"]

                    [commands.gen]
                    exec = "mkdir -p out && echo generated {ctx.flavour} > out/gen.txt"
                    deps = ["src/*.py", {type = "const", val = "{ctx.flavour}"}]
                    artifacts = ["out/gen.txt"]
                    cache = "repo"

                    [commands.use]
                    exec = "cat out/gen.txt"
                    deps = [{type = "command", name = "gen"}, "data/**"]
                    cache = "repo"
                    cache-when = "finished"

                    [commands.plain]
                    exec = "echo plain"
                    deps = ["src/main.py", "missing/**", "data"]
                    cache = "repo"
                    """,
                "python_version": "3.11\n", "src/main.py": "print('main')\n", "src/util.py": "u = 1\n",
                "data/one.txt": "1\n", "data/deep/two.txt": "2\n", ".gitignore": "out/\n",
            ],
            commands: ["gen", "use"]),
        Fixture(
            name: "dotenv-spaces",
            files: [
                "qik.toml": """
                    [spaces.s2]
                    dotenv = ["my.env", "override.env"]

                    [commands.env]
                    exec = "echo $HELLO $HI"
                    deps = ["*.txt"]
                    space = "s2"
                    cache = "repo"

                    [commands.root]
                    exec = "echo root"
                    deps = ["*.txt", {type = "command", name = "env", isolated = false}]
                    cache = "repo"
                    """,
                "my.env": "HELLO=\"world\"\nHI=mom\n", "override.env": "HI=\"mother!\"\n", "notes.txt": "n\n",
                "file with space.txt": "s\n",
            ],
            commands: ["env", "root"]),
    ]

    func makeRepo(_ fixture: Fixture) throws -> GitFixture {
        let repo = try GitFixture()
        for (path, content) in fixture.files { try repo.write(path, content) }
        _ = try repo.commitAll("fixture \(fixture.name)")
        return repo
    }

    @Test(arguments: fixtures.map(\.name)) func listingsAreIdentical(_ name: String) throws {
        let python = try PythonQik.required()
        let fixture = Self.fixtures.first { $0.name == name }!
        let repo = try makeRepo(fixture)
        let url = URL(fileURLWithPath: repo.root)
        for extra in [[], ["--isolated"], ["-t", "ci"], ["-s", "other"], ["-m", "b_module"], ["--cache", "repo"]] {
            let ours = try QikBinary.run(["--ls"] + extra, in: repo.root)
            #expect(ours.code == 0, "\(ours.stderr)")
            #expect(ours.lines == (try python.ls(extra, in: url)), "--ls \(extra) differs on \(name)")
        }
    }

    /// Python qik fills the repo cache; qik then finds every entry warm (same keys), and the other way round.
    @Test(arguments: fixtures.map(\.name)) func repoCachesAreSharedBothWays(_ name: String) throws {
        let python = try PythonQik.required()
        let fixture = Self.fixtures.first { $0.name == name }!

        let pythonFilled = try makeRepo(fixture)
        let first = try python.run(fixture.commands, in: URL(fileURLWithPath: pythonFilled.root))
        #expect(first.exitCode == 0, "python qik failed: \(first.stdout)\(first.stderr)")
        let cold = try QikBinary.run(["--cache", "repo", "--cache-status", "cold", "--ls"] + fixture.commands, in: pythonFilled.root)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(cold.stdout.isEmpty, "qik sees cold entries after Python qik filled the cache:\n\(cold.stdout)")

        let qikFilled = try makeRepo(fixture)
        let ours = try QikBinary.run(fixture.commands, in: qikFilled.root)
        #expect(ours.code == 0, "\(ours.stdout)\(ours.stderr)")
        let theirs = try python.ls(["--cache", "repo", "--cache-status", "cold"] + fixture.commands, in: URL(fileURLWithPath: qikFilled.root))
        #expect(theirs.isEmpty, "Python qik sees cold entries after qik filled the cache: \(theirs)")

        // And every manifest hash is identical, entry by entry.
        let pythonHashes = try PythonQik.cacheManifests(in: URL(fileURLWithPath: pythonFilled.root)).mapValues(PythonQik.hash(ofManifest:))
        let ourHashes = try PythonQik.cacheManifests(in: URL(fileURLWithPath: qikFilled.root)).mapValues(PythonQik.hash(ofManifest:))
        #expect(ourHashes == pythonHashes)
    }
}
