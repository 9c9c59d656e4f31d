import Foundation
import QikCore
import QikPython

/// QikCore's `ImportGraphBuilding` and `DistributionProviding` over QikPython: the import graph without Python,
/// incrementally (scan results cached by git blob id in `<cacheDirectory>/imports/imports-v*.bin`).
struct NativeImportGraph: ImportGraphBuilding, DistributionProviding {
    func build(_ request: ImportGraphRequest) throws -> ImportGraphOutput {
        let controls = GraphControls(
            addEdges: request.controls.addEdges, ignoreImportsFrom: request.controls.ignoreImportsFrom,
            ignoreEdges: request.controls.ignoreEdges.map { GraphControls.IgnoredEdge($0.importer, $0.imported) })
        let builder = ImportGraphBuilder(options: .init(
            pythonPath: request.pythonPath, ignoreTypeChecking: request.ignoreTypeChecking,
            ignoreExternal: request.ignoreExternal, controls: controls))
        let cacheURL = request.cacheDirectory.map { URL(fileURLWithPath: $0 + "/imports") }
        var cache = cacheURL.map(ImportCache.load(from:)) ?? ImportCache()
        let base = request.root.hasSuffix("/") ? request.root : request.root + "/"
        let files = request.files.map { ImportGraphBuilder.SourceFile(path: $0.path, contentID: $0.blobID) }
        let result = try builder.build(files: files, cache: &cache) { path in
            guard let bytes = SourceFileReader.read(base + path) else { throw QikError("io1", "Cannot read \(path).") }
            return bytes
        }
        if let cacheURL, cache.needsSaving {
            try? cache.save(to: cacheURL)
        }
        return ImportGraphOutput(
            json: result.graph.jsonBytes(), moduleCount: result.graph.modules.count, edgeCount: result.graph.edges.count,
            scannedFiles: result.scannedFiles,
            problems: result.problems.map { "\($0.file):\($0.line): \($0.message)" },
            importCount: result.importCount, unresolvedInternalImports: result.unresolvedInternalImports)
    }

    func closure(graphJSON: [UInt8], of pyimport: String) throws -> (internal: [String], external: [String])? {
        try ImportGraph(json: graphJSON).closure(of: pyimport)
    }

    func treeEdges(graphJSON: [UInt8], from root: String) throws -> [ImportEdge]? {
        let graph = try ImportGraph(json: graphJSON)
        return graph.dfsTreeEdges(from: root)?.map { edge in
            ImportEdge(importer: graph.modules[edge.importer].name, imported: graph.modules[edge.imported].name,
                       importedIsInternal: graph.modules[edge.imported].isInternal)
        }
    }

    func catalog(venv: String, projectRoot: String) -> DistributionCatalog {
        var catalog = DistributionCatalog()
        var modules: [String: [String]] = [:]
        for dist in InstalledDistributions.scan(venv: venv) {
            if catalog.installed[dist.name] == nil { catalog.installed[dist.name] = dist.version }
            for module in dist.topLevel { modules[module, default: []].append(dist.name) }
        }
        catalog.modules = modules
        catalog.locked = LockFileVersions.read(projectRoot: projectRoot)
        return catalog
    }

    func pins(lockFile: String) -> [String: String] {
        guard let text = InstalledDistributions.text(lockFile) else { return [:] }
        var pins: [String: String] = [:]
        for (name, version) in LockFileVersions.requirements(text) where pins[name] == nil { pins[name] = version }
        return pins
    }
}
