import Foundation
import QikTestSupport
import Testing

/// Scenarios 32–35 (§13.4): the native pygraph runnables against Python qik 0.2.10 + grimp + rustworkx, on twin
/// fixtures. Compared: `--ls`, graph.json, lock files, every cache manifest's hash, check output and exit codes,
/// `--since HEAD --ls`. Skipped without the anchor venv (`bench/setup --anchors`); fails with QIK_REQUIRE_ANCHORS=1.
@Suite("PygraphDifferential", .serialized)
struct PygraphDifferentialTests {
    static let files: [String: String] = [
        "a/__init__.py": "",
        "a/aa/__init__.py": "",
        "a/hello.py": """
            from typing import TYPE_CHECKING
            import os
            import rich

            if TYPE_CHECKING:
                import msgspec


            def f():
                from . import aa

            """,
        "b/__init__.py": "",
        "b/bb.py": "thing = 1\n",
        "b/hello.py": "import a.hello\nfrom .bb import thing\n",
        "nest/__init__.py": "",
        "nest/c/__init__.py": "",
        "nest/c/hi.py": "import xxhash\nimport other\n",
        "other/__init__.py": "",
        "cc.py": "import a\n",
    ]

    static func config(plugin: String = #"pygraph = "qik.pygraph""#) -> String {
        """
        [plugins]
        \(plugin)

        [spaces.default]
        modules = ["a", {name = "b_module", path = "b"}]
        fence = true

        [spaces.other]
        modules = ["nest/c"]
        fence = ["b", {type = "space", name = "default"}]

        [commands.tc]
        exec = "echo {module.pyimport}"
        deps = [{type = "pygraph", pyimport = "{module.pyimport}"}]
        """
    }

    /// Python and Swift copies of one fixture.
    struct Twins {
        let anchor: PythonQik
        let python: GitFixture
        let swift: GitFixture

        init(config: String) throws {
            anchor = try PythonQik.required()
            python = try GitFixture()
            swift = try GitFixture()
            for fixture in [python, swift] {
                for (path, content) in PygraphDifferentialTests.files { try fixture.write(path, content) }
                try fixture.write("qik.toml", config)
                _ = try fixture.commitAll("fixture")
            }
        }

        /// Swift qik sees the anchor venv as its active environment, as Python qik does.
        var environment: [String: String?] { ["VIRTUAL_ENV": anchor.venv.path] }

        func runBoth(_ arguments: [String]) throws -> (python: ProcessResult, swift: QikBinary.Result) {
            let p = try anchor.run(arguments, in: URL(fileURLWithPath: python.root))
            let s = try QikBinary.run(arguments, in: swift.root, environment: environment)
            return (p, s)
        }

        func edit(_ path: String, _ content: String) throws {
            for fixture in [python, swift] { try fixture.write(path, content) }
        }

        func restore(_ path: String) throws {
            for fixture in [python, swift] { _ = try fixture.git("checkout", "-q", "--", path) }
        }

        func artifacts() throws -> (python: [String: String], swift: [String: String]) {
            func read(_ fixture: GitFixture) throws -> [String: String] {
                var found: [String: String] = [:]
                for base in ["._qik/artifacts", ".qik/artifacts"] {
                    guard let walker = FileManager.default.enumerator(atPath: fixture.path(base)) else { continue }
                    for case let relative as String in walker where relative.hasSuffix(".json") {
                        found["\(base)/\(relative)"] = try fixture.read("\(base)/\(relative)")
                    }
                }
                return found
            }
            return (try read(python), try read(swift))
        }

        func manifestHashes() throws -> (python: [String: String], swift: [String: String]) {
            func hashes(_ fixture: GitFixture) throws -> [String: String] {
                try PythonQik.cacheManifests(in: URL(fileURLWithPath: fixture.root)).compactMapValues(PythonQik.hash(ofManifest:))
            }
            return (try hashes(python), try hashes(swift))
        }
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test(.enabled(if: PythonQik.shouldRun))
    func scenario32GraphLocksKeysAndChecks() throws {
        let twins = try Twins(config: Self.config())
        let ls = try twins.runBoth(["--ls"])
        #expect(Self.lines(ls.swift.stdout) == Self.lines(ls.python.stdout))
        #expect(ls.swift.lines == [
            "pygraph.build@default", "pygraph.check@default", "pygraph.check@other", "pygraph.lock@default?pyimport=a",
            "pygraph.lock@default?pyimport=b", "pygraph.lock@other?pyimport=nest.c", "tc@default#a", "tc@default#b_module",
            "tc@other#nest/c",
        ])

        let run = try twins.runBoth(["-n", "1"])
        #expect(run.python.exitCode == 1)
        #expect(run.swift.code == 1, "\(run.swift.stdout)\(run.swift.stderr)")
        #expect(run.swift.stdout.contains("No import violations found across 8 imports in \"default\" space"))
        #expect(run.swift.stdout.contains("Found 1 internal import violations for \"other\" space:\nnest.c.hi imports other"))
        for name in ["pygraph.check@default", "pygraph.check@other"] {
            let python = try twins.python.read("._qik/out/\(name).out")
            #expect(try twins.swift.read("._qik/out/\(name).out") == python)
        }

        let artifacts = try twins.artifacts()
        #expect(artifacts.swift.count == 4)
        #expect(artifacts.swift == artifacts.python)
        let hashes = try twins.manifestHashes()
        #expect(hashes.swift.count == 8)
        #expect(hashes.swift == hashes.python)

        // Scenario 34: everything replays except the failed (uncached) check.
        let again = try twins.runBoth(["-n", "1"])
        #expect(again.swift.code == again.python.exitCode)
        let replayed = again.swift.lines.filter { $0.unicodeScalars.first == "\u{23E9}" }.count
        #expect(replayed == 8, "\(again.swift.stdout)")
    }

    @Test(.enabled(if: PythonQik.shouldRun))
    func scenario33SinceSelectsThroughLocks() throws {
        let twins = try Twins(config: Self.config())
        _ = try twins.runBoth(["-n", "1"])
        // 0.2.10 never selects pygraph.check by --since (fnmatch on a bare fence directory); the port matches
        // patterns as git pathspecs everywhere (docs/compat.md), so a check whose fence holds the file is selected too.
        let cases: [(String, [String])] = [
            ("a/aa/__init__.py", ["pygraph.check@default", "pygraph.check@other"]),
            ("nest/c/__init__.py", ["pygraph.check@other"]),
        ]
        for (path, checks) in cases {
            try twins.edit(path, "x = 1\n")
            let since = try twins.runBoth(["--since", "HEAD", "--ls"])
            let python = Self.lines(since.python.stdout)
            #expect(python.allSatisfy { !$0.hasPrefix("pygraph.check") })
            #expect(since.swift.lines == (python + checks).sorted(), "\(path)")
            try twins.restore(path)
        }
        let expectedA = ["pygraph.build@default", "pygraph.lock@default?pyimport=a", "pygraph.lock@default?pyimport=b",
                         "tc@default#a", "tc@default#b_module"]
        try twins.edit("a/aa/__init__.py", "x = 1\n")
        let swiftOnly = try QikBinary.run(["--since", "HEAD", "--ls"], in: twins.swift.root, environment: twins.environment)
        #expect(swiftOnly.lines.filter { !$0.hasPrefix("pygraph.check") } == expectedA)
        try twins.restore("a/aa/__init__.py")

        // A deleted module: the previous locks still list its files, so its importers' commands are selected.
        for fixture in [twins.python, twins.swift] { try fixture.remove("a/hello.py") }
        let deleted = try twins.runBoth(["--since", "HEAD", "--ls"])
        #expect(deleted.swift.lines.filter { !$0.hasPrefix("pygraph.check") } == Self.lines(deleted.python.stdout))
        #expect(deleted.swift.lines.contains("tc@default#b_module"))
        let rebuilt = try QikBinary.run(["tc", "-n", "1"], in: twins.swift.root, environment: twins.environment)
        #expect(rebuilt.code == 0, "\(rebuilt.stdout)")
        #expect(try !twins.swift.read("._qik/artifacts/pygraph.lock/lock.b.default.json").contains("a/hello"))
    }

    @Test(.enabled(if: PythonQik.shouldRun))
    func scenario35CommandNamesSelectPluginRunnables() throws {
        let twins = try Twins(config: Self.config())
        for arguments in [["pygraph.lock", "--ls"], ["pygraph/check", "--ls"], ["pygraph.build", "--ls"], ["tc", "-s", "other", "--ls"]] {
            let both = try twins.runBoth(arguments)
            #expect(both.swift.code == 0, "\(both.swift.stderr)")
            #expect(both.swift.lines == Self.lines(both.python.stdout), "\(arguments)")
        }
    }

    /// Plugin options enter the keys through the config value; repo caches move artifacts to `.qik`.
    @Test(.enabled(if: PythonQik.shouldRun))
    func pluginOptionsAndRepoCacheKeepKeysIdentical() throws {
        let plugin = """
            [plugins.graph]
            pyimport = "qik.pygraph"
            ignore-type-checking = true
            lock-cache = "repo"
            """
        let twins = try Twins(config: Self.config(plugin: plugin).replacingOccurrences(of: "[plugins]\n", with: ""))
        let ls = try twins.runBoth(["--ls"])
        #expect(ls.swift.lines == Self.lines(ls.python.stdout))
        #expect(ls.swift.lines.contains("graph.lock@default?pyimport=a"))
        _ = try twins.runBoth(["-n", "1"])
        let artifacts = try twins.artifacts()
        #expect(artifacts.swift.keys.contains(".qik/artifacts/graph.lock/lock.a.default.json"))
        #expect(artifacts.swift == artifacts.python)
        let hashes = try twins.manifestHashes()
        #expect(!hashes.swift.isEmpty)
        #expect(hashes.swift == hashes.python)
    }
}
