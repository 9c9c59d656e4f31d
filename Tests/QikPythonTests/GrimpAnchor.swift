import Foundation
import QikTestSupport

/// grimp as the reference ("anchor") for differential tests, run with the venv the harness locates (`PythonQik`:
/// `$QIK_PYTHON_VENV`, else `bench/.venv` from `bench/setup --anchors`). When it is missing the tests are skipped,
/// unless `QIK_REQUIRE_ANCHORS=1`, which makes them fail.
enum GrimpAnchor {
    static var enabled: Bool { PythonQik.shouldRun }

    /// What qik 0.2.10's `pygraph.build` computes (its `core.build`, without rustworkx/msgspec), plus grimp's
    /// direct-import map. argv: root, python path, ignore-type-checking (0/1), ignore-pydists (0/1).
    static let script = #"""
    import json, os, pkgutil, sys
    import grimp
    root, python_path, ignore_tc, ignore_ext = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
    pp = os.path.abspath(os.path.join(root, python_path))
    sys.path.insert(0, pp)
    internal = {m.name for m in pkgutil.iter_modules([pp]) if m.ispkg}
    stdlib = sys.stdlib_module_names | set(sys.builtin_module_names)
    g = grimp.build_graph(*sorted(internal), include_external_packages=not ignore_ext,
                          exclude_type_checking_imports=ignore_tc, cache_dir=None)
    imps = [(imp.split(".", 1)[0], imp) for imp in sorted(g.modules)]
    modules = [(imp, top in internal) for top, imp in imps if top not in stdlib]
    idx = {m: i for i, (m, _) in enumerate(modules)}
    edges = []
    for i, (m, _) in enumerate(modules):
        if i > 0 and "." in m:
            for parent, _ in modules[i - 1 :: -1]:
                found = m.startswith(parent + ".")
                if found:
                    edges.append((idx[parent], i))
                if found or "." not in parent:
                    break
    for m, _ in modules:
        edges += [(idx[m], idx[d]) for d in g.find_modules_directly_imported_by(m) if d in idx]
    graph = json.dumps({"modules": [[m, i] for m, i in modules], "edges": sorted(edges)},
                       separators=(",", ":"), ensure_ascii=False)
    direct = {m: sorted(g.find_modules_directly_imported_by(m)) for m in g.modules if not g.is_module_squashed(m)}
    print(json.dumps({"graph": graph, "direct": direct}))
    """#

    struct Reference: Decodable {
        var graph: String
        var direct: [String: [String]]
    }

    static func reference(root: URL, pythonPath: String = ".", ignoreTypeChecking: Bool = false,
                          ignoreExternal: Bool = false) throws -> Reference {
        let process = Process()
        process.executableURL = try PythonQik.required().pythonExecutable
        process.arguments = ["-c", script, root.path, pythonPath, ignoreTypeChecking ? "1" : "0", ignoreExternal ? "1" : "0"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Reference.self, from: data)
    }
}
