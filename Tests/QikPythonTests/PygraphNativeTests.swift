import Foundation
import QikPython
import Testing

@Suite struct GraphControlsTests {
    let sources = [
        "app/__init__.py": "",
        "app/models.py": "import lib\n",
        "app/views.py": "from app import models\nimport requests\n",
        "app/migrations/__init__.py": "",
        "app/migrations/0001_initial.py": "import app.models\nimport lib.fields\n",
        "lib/__init__.py": "",
        "lib/fields.py": "",
        "lib/registry.py": "",
    ]

    func build(_ controls: GraphControls) throws -> ImportGraphBuilder.Result {
        let tree = try SourceTree(sources)
        defer { tree.remove() }
        let builder = ImportGraphBuilder(options: .init(controls: controls))
        return try builder.build(files: tree.files.map { .init(path: $0) }, read: tree.read)
    }

    @Test func ignoreImportsFromDropsEveryImportOfMatchingFiles() throws {
        let before = try build(GraphControls())
        #expect(before.directImports["app.migrations.0001_initial"] == ["app.models", "lib.fields"])
        let after = try build(GraphControls(ignoreImportsFrom: ["**/migrations/**"]))
        #expect(after.directImports["app.migrations.0001_initial"] == [])
        #expect(after.directImports["app.views"] == ["app.models", "requests"])
    }

    @Test func ignoreEdgesDropsAnEdgeAndItsSubmodules() throws {
        let result = try build(GraphControls(ignoreEdges: [.init("app.migrations.0001_initial", "lib")]))
        #expect(result.directImports["app.migrations.0001_initial"] == ["app.models"])
    }

    @Test func addEdgesAddsDynamicImportsOfKnownOrExternalModules() throws {
        let result = try build(GraphControls(addEdges: ["app.models": ["lib.registry", "lib.nothing", "boto3.session"]]))
        #expect(result.directImports["app.models"] == ["lib", "lib.registry", "boto3"])
        let json = result.graph.jsonString()
        #expect(json.contains(#"["boto3",false]"#))
    }

    @Test func fileGlobs() {
        #expect(FileGlob("**/migrations/**").matches("a/b/migrations/0001.py"))
        #expect(FileGlob("**/migrations/**").matches("migrations/x.py"))
        #expect(!FileGlob("**/migrations/**").matches("a/migrationsx/x.py"))
        #expect(FileGlob("app/*.py").matches("app/x.py"))
        #expect(!FileGlob("app/*.py").matches("app/sub/x.py"))
        #expect(FileGlob("app/test_?.py").matches("app/test_1.py"))
    }
}

@Suite struct ImportGraphTraversalTests {
    /// rustworkx `digraph_dfs_edges` on edges added in sorted order (checked against rustworkx 0.18.1:
    /// [(0,1),(1,2),(2,3)] for edges (0,1),(0,2),(1,2),(2,3),(0,3)).
    @Test func dfsTreeEdgesFollowEdgeOrder() throws {
        let graph = try ImportGraph(json: Array(#"{"modules":[["a",true],["b",true],["c",true],["d",false]],"edges":[[0,1],[0,2],[1,2],[2,3],[0,3]]}"#.utf8))
        #expect(graph.dfsTreeEdges(from: "a") == [.init(0, 1), .init(1, 2), .init(2, 3)])
        #expect(graph.dfsTreeEdges(from: "c") == [.init(2, 3)])
        #expect(graph.dfsTreeEdges(from: "zz") == nil)
        #expect(graph.modules[3] == .init("d", isInternal: false))
    }

    @Test func decodingRoundTripsGraphJSON() throws {
        let json = #"{"modules":[["a",true],["a.hello",true],["msgspec",false]],"edges":[[0,1],[1,2]]}"#
        #expect(try ImportGraph(json: Array(json.utf8)).jsonString() == json)
        #expect(throws: (any Error).self) { try ImportGraph(json: Array(#"{"modules":[],"edges":[[0,1]]}"#.utf8)) }
    }
}

@Suite struct DistributionTests {
    @Test func installedDistributionsFromDistInfo() throws {
        let tree = try SourceTree([
            "lib/python3.12/site-packages/PyYAML-6.0.1.dist-info/METADATA": "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.1\n\nName: not-this\n",
            "lib/python3.12/site-packages/PyYAML-6.0.1.dist-info/top_level.txt": "_yaml\nyaml\n",
            "lib/python3.12/site-packages/attrs-23.1.0.dist-info/METADATA": "Name: attrs\nVersion: 23.1.0\n",
            "lib/python3.12/site-packages/attrs-23.1.0.dist-info/RECORD": """
                attr/__init__.py,sha256=x,1
                attrs/__init__.py,sha256=x,1
                attrs-23.1.0.dist-info/RECORD,,
                six.py,sha256=x,1
                _cffi.cpython-312-x86_64-linux-gnu.so,sha256=x,1
                ../../../bin/tool,sha256=x,1
                """,
        ])
        defer { tree.remove() }
        let dists = InstalledDistributions.scan(venv: tree.root.path)
        #expect(dists.map(\.name) == ["PyYAML", "attrs"])
        #expect(dists[0].version == "6.0.1")
        #expect(dists[0].topLevel == ["_yaml", "yaml"])
        #expect(dists[1].topLevel == ["_cffi", "attr", "attrs", "six"])
    }

    @Test func lockFilesPinVersions() throws {
        let tree = try SourceTree([
            "requirements.txt": "# pins\nDjango==5.1.4 \\\n    --hash=sha256:abc\nrequests[socks]==2.32.3 ; python_version >= '3.8'\nflask>=2\n-e .\n",
            "uv.lock": "version = 1\n\n[[package]]\nname = \"rich\"\nversion = \"13.9.4\"\nsource = { registry = \"x\" }\n\n[package.optional-dependencies]\nname = \"no\"\n\n[[package]]\nname = \"msgspec\"\nversion = \"0.19.0\"\n",
            "poetry.lock": "[[package]]\nname = \"Django\"\nversion = \"9.9\"\n",
            "pylock.toml": "lock-version = \"1.0\"\n[[packages]]\nname = \"xxhash\"\nversion = \"3.5.0\"\n",
        ])
        defer { tree.remove() }
        let pins = LockFileVersions.read(projectRoot: tree.root.path)
        #expect(pins == ["Django": "5.1.4", "requests": "2.32.3", "rich": "13.9.4", "msgspec": "0.19.0", "xxhash": "3.5.0"])
    }
}
