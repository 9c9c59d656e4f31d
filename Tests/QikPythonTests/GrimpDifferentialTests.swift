import Foundation
import QikPython
import Testing

/// Our graph against grimp + qik 0.2.10's graph code on the same tree (see `GrimpAnchor`).
@Suite(.enabled(if: GrimpAnchor.enabled, "grimp venv not found: set QIK_PYTHON_VENV or run bench/setup --anchors"))
struct GrimpDifferentialTests {
    /// Import forms whose resolution is easy to get wrong, in one generated tree.
    static let fixture: [String: String] = [
        "app/__init__.py": "from . import models\nfrom .util import helper\nfrom app import notamodule\n",
        "app/models.py": "import os.path\nimport requests.adapters\nfrom django.db import models as m\n",
        "app/util.py": "from . import *\nfrom .models import Thing\nimport app.sub.deep.missing\nimport app.models.Thing\n",
        "app/sub/__init__.py": "from .. import models\nfrom ..util import helper\nfrom . import leaf\n",
        "app/sub/leaf.py": """
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from app.models import X
                import numpy
            else:
                import yaml
            def f():
                import app.util as u; from app.sub import leaf
            class C:
                try:
                    import ujson as json
                except ImportError:
                    import json
            s = "import fake"
            t = f"{'import fake2'}"
            """,
        "app/orphan/o.py": "import orphanimport\n",
        "app/my-file.py": "import dashed\n",
        "lib/__init__.py": "",
        "lib/core.py": "import app\nfrom app.sub.leaf import f\nfrom lib import core\nimport lib.core\n",
        "single.py": "import app\n",
        "notapkg/x.py": "import app\n",
    ]

    func compare(_ root: URL, files: [String], pythonPath: String = ".", ignoreTC: Bool = false, ignoreExt: Bool = false)
        throws -> (ours: ImportGraphBuilder.Result, reference: GrimpAnchor.Reference)
    {
        let builder = ImportGraphBuilder(options: .init(pythonPath: pythonPath, ignoreTypeChecking: ignoreTC, ignoreExternal: ignoreExt))
        let ours = try builder.build(files: files.map { .init(path: $0) }) {
            Array(try Data(contentsOf: root.appendingPathComponent($0)))
        }
        let reference = try GrimpAnchor.reference(root: root, pythonPath: pythonPath, ignoreTypeChecking: ignoreTC, ignoreExternal: ignoreExt)
        return (ours, reference)
    }

    @Test(arguments: [(false, false), (true, false), (false, true)])
    func generatedFixture(ignoreTC: Bool, ignoreExt: Bool) throws {
        let tree = try SourceTree(Self.fixture)
        defer { tree.remove() }
        let (ours, reference) = try compare(tree.root, files: tree.files, ignoreTC: ignoreTC, ignoreExt: ignoreExt)
        #expect(ours.directImports.mapValues { $0.sorted() } == reference.direct)
        #expect(ours.graph.jsonString() == reference.graph)
        #expect(ours.problems.isEmpty)
    }

    /// Known difference (docs/pygraph.md): a relative import that climbs above the top-level package is an
    /// error in Python; grimp turns it into a module named "" (an external `["",false]` in graph.json), we drop it.
    @Test func relativeImportAboveTopLevelPackage() throws {
        let tree = try SourceTree(["app/__init__.py": "", "app/models.py": "from ..app import util\n"])
        defer { tree.remove() }
        let (ours, reference) = try compare(tree.root, files: tree.files)
        #expect(reference.direct["app.models"] == [""])
        #expect(ours.directImports["app.models"] == [])
    }

    /// A real corpus when `QIK_PYGRAPH_CORPUS` names a directory on the python path (e.g. an unpacked Django sdist).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QIK_PYGRAPH_CORPUS"] != nil))
    func corpus() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["QIK_PYGRAPH_CORPUS"]!)
        let tree = SourceTree(existing: root)
        let (ours, reference) = try compare(root, files: tree.files)
        let mine = ours.directImports.mapValues { $0.sorted() }
        for module in Set(mine.keys).union(reference.direct.keys).sorted() where mine[module] != reference.direct[module] {
            Issue.record("\(module): ours \(mine[module] ?? []) grimp \(reference.direct[module] ?? [])")
        }
        // Standard-library modules newer than the anchor's Python (3.11) are external to grimp, excluded by us (our list
        // is the 3.8–3.14 union, docs/pygraph.md): drop exactly those from grimp's graph, then the graphs must agree.
        let theirs = try ImportGraph(json: Array(reference.graph.utf8))
        let newerStdlib: Set<String> = ["annotationlib"]
        let kept = theirs.modules.indices.filter { !newerStdlib.contains(theirs.modules[$0].name) }
        var renumber = [Int](repeating: -1, count: theirs.modules.count)
        for (new, old) in kept.enumerated() { renumber[old] = new }
        let filtered = ImportGraph(
            modules: kept.map { theirs.modules[$0] },
            edges: theirs.edges.filter { renumber[$0.importer] >= 0 && renumber[$0.imported] >= 0 }
                .map { ImportGraph.Edge(renumber[$0.importer], renumber[$0.imported]) })
        #expect(ours.graph == filtered)
        print("corpus: \(ours.graph.modules.count) modules, \(ours.graph.edges.count) edges, \(ours.problems.count) problems")
    }
}
