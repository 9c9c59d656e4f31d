import QikPython
import Testing

/// Behaviour spec §13 scenario 32: the pygraph project qik 0.2.10 was verified on.
@Suite struct PygraphScenarioTests {
    static let files: [String: String] = [
        "a/__init__.py": "",
        "a/hello.py": """
            from typing import TYPE_CHECKING
            import os
            import rich

            if TYPE_CHECKING:
                import msgspec

            def f():
                from . import aa
            """,
        "a/aa/__init__.py": "",
        "b/__init__.py": "",
        "b/hello.py": "import a.hello\nfrom .bb import thing\n",
        "b/bb.py": "thing = 1\n",
        "nest/__init__.py": "",
        "nest/c/__init__.py": "",
        "nest/c/hi.py": "import xxhash\nimport other\n",
        "other/__init__.py": "",
        "cc.py": "import a\n",
        "qik.toml": "",
    ]

    @Test func graphJSONMatchesQik() throws {
        // Given the scenario-32 tree
        let tree = try SourceTree(Self.files)
        defer { tree.remove() }
        // When the graph is built
        let result = try tree.build()
        let g = result.graph
        // Then modules and edges are those of qik 0.2.10 (no `os`, no `cc`)
        #expect(g.modules.map(\.name) == ["a", "a.aa", "a.hello", "b", "b.bb", "b.hello", "msgspec", "nest", "nest.c",
                                          "nest.c.hi", "other", "rich", "xxhash"])
        #expect(g.modules.filter { !$0.isInternal }.map(\.name) == ["msgspec", "rich", "xxhash"])
        let named = Set(g.edges.map { "\(g.modules[$0.importer].name)>\(g.modules[$0.imported].name)" })
        let imports: Set = ["a.hello>a.aa", "a.hello>msgspec", "a.hello>rich", "b.hello>a.hello", "b.hello>b.bb",
                            "nest.c.hi>other", "nest.c.hi>xxhash"]
        let parents: Set = ["a>a.aa", "a>a.hello", "b>b.bb", "b>b.hello", "nest>nest.c", "nest.c>nest.c.hi"]
        #expect(named == imports.union(parents))
        #expect(g.jsonString() == """
            {"modules":[["a",true],["a.aa",true],["a.hello",true],["b",true],["b.bb",true],["b.hello",true],\
            ["msgspec",false],["nest",true],["nest.c",true],["nest.c.hi",true],["other",true],["rich",false],\
            ["xxhash",false]],"edges":[[0,1],[0,2],[2,1],[2,6],[2,11],[3,4],[3,5],[5,2],[5,4],[7,8],[8,9],[9,10],[9,12]]}
            """)
    }

    @Test func lockClosures() throws {
        let tree = try SourceTree(Self.files)
        defer { tree.remove() }
        let g = try tree.build().graph
        #expect(g.lockGlobs(of: "a") == ["a.py", "a/**.py", "a/aa.py", "a/aa/**.py", "a/hello.py", "a/hello/**.py"])
        #expect(g.closure(of: "a")?.external == ["msgspec", "rich"])
        let b = try #require(g.lockGlobs(of: "b"))
        #expect(b.contains("a/hello.py") && b.contains("a/aa/**.py") && b.contains("b/bb.py"))
        #expect(!b.contains("a.py") && !b.contains("a/**.py"))
        #expect(g.closure(of: "nest.c")?.internal == ["nest.c", "nest.c.hi", "other"])
        #expect(g.closure(of: "missing") == nil)
    }

    @Test func ignoreOptions() throws {
        let tree = try SourceTree(Self.files)
        defer { tree.remove() }
        let noTC = try tree.build(.init(ignoreTypeChecking: true)).graph
        #expect(!noTC.modules.map(\.name).contains("msgspec"))
        let noExt = try tree.build(.init(ignoreExternal: true)).graph
        #expect(noExt.modules.allSatisfy { $0.isInternal })
    }

    @Test func srcLayoutAndNamespacePackages() throws {
        let tree = try SourceTree([
            "src/pkg/__init__.py": "from . import mod\n", "src/pkg/mod.py": "import ns.x\n",
            "src/ns/x.py": "", "src/loose.py": "", "pkg/__init__.py": "",
        ])
        defer { tree.remove() }
        let plain = try tree.build(.init(pythonPath: "src")).graph
        #expect(plain.modules.map(\.name) == ["ns", "pkg", "pkg.mod"])
        #expect(plain.modules.map(\.isInternal) == [false, true, true])
        let ns = try tree.build(.init(pythonPath: "src", namespacePackages: ["ns"])).graph
        #expect(ns.modules.map(\.name) == ["ns", "ns.x", "pkg", "pkg.mod"])
        #expect(ns.modules.allSatisfy { $0.isInternal })
        // A package importing its own child gets the parent edge twice (rustworkx multigraph), as in qik.
        #expect(ns.edges.filter { $0 == .init(2, 3) }.count == 2)
        #expect(ns.lockGlobs(of: "pkg", pathPrefix: "src/")?.first == "src/ns/x.py")
    }
}
