import Foundation
import QikTestSupport
import Testing

/// Exercises the differential harness itself against Python qik 0.2.10 (no Swift qik involved).
/// Skipped without the anchor venv; fails instead when QIK_REQUIRE_ANCHORS=1.
@Suite("PythonQikHarness")
struct PythonQikHarnessTests {
    static let twoCommands = """
        [commands.lint]
        exec = "echo linting && cat a.py"
        deps = ["*.py"]

        [commands.fmt]
        exec = "echo formatting"
        """

    @Test(.enabled(if: PythonQik.shouldRun))
    func lsPrintsCommandNames() throws {
        let anchor = try PythonQik.required()
        let repo = try ScratchGitRepo(files: ["qik.toml": Self.twoCommands, "a.py": "print('a')\n"])
        defer { repo.remove() }

        let names = try anchor.ls(in: repo.url)
        #expect(names == ["fmt", "lint"])
    }

    @Test(.enabled(if: PythonQik.shouldRun))
    func cacheManifestHasXXH128Hash() throws {
        let anchor = try PythonQik.required()
        let repo = try ScratchGitRepo(files: ["qik.toml": Self.twoCommands, "a.py": "print('a')\n"])
        defer { repo.remove() }

        let result = try anchor.run(["lint"], in: repo.url)
        #expect(result.exitCode == 0, "\(result.stderr)")

        let manifests = try PythonQik.cacheManifests(in: repo.url)
        #expect(Array(manifests.keys) == ["._qik/cache/lint/lint.json"])
        let raw = try #require(manifests["._qik/cache/lint/lint.json"])
        let hash = try #require(PythonQik.hash(ofManifest: raw))
        #expect(hash.count == 32)
        #expect(hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })

        let manifest = try PythonCacheManifest.decode(raw)
        #expect(manifest.name == "lint")
        #expect(manifest.code == 0)
        #expect(manifest.log == "lint.out")
    }

    @Test(.enabled(if: PythonQik.shouldRun))
    func importGraphMatchesQikShape() throws {
        let anchor = try PythonQik.required()
        let repo = try ScratchGitRepo(files: [
            "qik.toml": Self.twoCommands,
            "a/__init__.py": "",
            "a/b.py": "import json\nfrom . import c\n",
            "a/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a.b\n",
        ])
        defer { repo.remove() }

        let graph = try anchor.importGraph(in: repo.url)
        #expect(graph.modules.map(\.name) == ["a", "a.b", "a.c"])  // stdlib `json`, `typing` dropped
        #expect(graph.modules.allSatisfy { $0.isInternal })
        let edges = graph.namedEdges.map { "\($0.0)->\($0.1)" }
        #expect(edges.sorted() == ["a->a.b", "a->a.c", "a.b->a.c", "a.c->a.b"])

        let withoutTypeChecking = try anchor.importGraph(in: repo.url, ignoreTypeChecking: true)
        #expect(!withoutTypeChecking.namedEdges.contains { $0 == ("a.c", "a.b") })
    }
}

/// A throw-away git repository made with the git CLI (the shared GitFixture is not used here
/// on purpose: this test only depends on the harness).
private struct ScratchGitRepo {
    let url: URL

    init(files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("qik-harness-\(UUID().uuidString)")
        for (path, content) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("-c", "user.name=qik", "-c", "user.email=qik@example.invalid",
                "commit", "-q", "--no-verify", "-m", "fixture")
    }

    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = url
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonQikError.malformed("git \(arguments.joined(separator: " ")) failed")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
