import Foundation
import QikTestSupport
import Testing

/// `qik :graph deps|rdeps|why|stats` and its formats, on a small package built in a real repository.
@Suite struct GraphQueryTests {
    func repo() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("pkg/__init__.py", "")
        try repo.write("pkg/sub/__init__.py", "")
        try repo.write("pkg/a.py", "from . import b\nimport requests\nimport pkg.gone\n")
        try repo.write("pkg/b.py", "from pkg.sub import c\n")
        try repo.write("pkg/sub/c.py", "import os\n")
        try repo.write("pkg/bad.py", "def broken(:\n")
        _ = try repo.commitAll()
        return repo
    }

    @Test func depsRdepsAndWhy() throws {
        let repo = try repo()
        let deps = try QikBinary.run([":graph", "deps", "pkg.a"], in: repo.root)
        #expect(deps.code == 0)
        #expect(deps.lines == ["pkg", "pkg.b", "pkg.bad", "pkg.sub", "pkg.sub.c", "requests"])
        #expect(try QikBinary.run([":graph", "rdeps", "pkg.b"], in: repo.root).lines == ["pkg", "pkg.a"])
        #expect(try QikBinary.run([":graph", "why", "pkg.a", "pkg.sub.c"], in: repo.root).lines == ["pkg.a → pkg.b → pkg.sub.c"])
        let none = try QikBinary.run([":graph", "why", "pkg.b", "requests"], in: repo.root)
        #expect(none.lines == ["pkg.b does not import requests, directly or indirectly."])
        let missing = try QikBinary.run([":graph", "deps", "nope"], in: repo.root)
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("graph1"))
        #expect(try QikBinary.run([":graph", "bogus"], in: repo.root).code != 0)
    }

    @Test func formats() throws {
        let repo = try repo()
        let json = try QikBinary.run([":graph", "rdeps", "pkg.b", "--format", "json"], in: repo.root)
        #expect(json.stdout == #"{"module":"pkg.b","rdeps":["pkg","pkg.a"]}"# + "\n")
        let dot = try QikBinary.run([":graph", "why", "pkg.a", "pkg.sub.c", "--format", "dot"], in: repo.root)
        #expect(dot.lines == ["digraph imports {", #"  "pkg.a" -> "pkg.b";"#, #"  "pkg.b" -> "pkg.sub.c";"#, "}"])
        let mermaid = try QikBinary.run([":graph", "why", "pkg.a", "pkg.sub.c", "--format", "mermaid"], in: repo.root)
        #expect(mermaid.lines == ["graph LR", #"  m0["pkg.a"] --> m1["pkg.b"]"#, #"  m1 --> m2["pkg.sub.c"]"#])
        #expect(try QikBinary.run([":graph", "stats", "--format", "dot"], in: repo.root).code != 0)
    }

    @Test func statsCountWhatWasFound() throws {
        let repo = try repo()
        let stats = try QikBinary.run([":graph", "stats", "--format", "json"], in: repo.root)
        #expect(stats.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Int])
        #expect(object["files"] == 6)
        #expect(object["internal_modules"] == 6)
        #expect(object["external_modules"] == 1)
        #expect(object["imports"] == 5, "a: b, requests, pkg (for pkg.gone); b: pkg.sub.c; c: os (standard library counts)")
        #expect(object["unresolved_internal_imports"] == 1, "import pkg.gone")
        #expect(object["files_not_parsed"] == 1, "pkg/bad.py")
    }

    /// Python files in which no import is found: a warning, never a silent pass.
    @Test func noImportAtAllWarns() throws {
        let repo = try GitFixture()
        try repo.write("lonely/__init__.py", "")
        try repo.write("lonely/x.py", "x = 1\n")
        _ = try repo.commitAll()
        let run = try QikBinary.run([":graph", "stats"], in: repo.root)
        #expect(run.code == 0)
        #expect(run.stderr.contains("no import found"))
    }
}
