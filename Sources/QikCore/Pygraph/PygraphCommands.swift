import Foundation

/// Executes pygraph's built-in runnables in-process (0.2.10's `qik.pygraph.cmd.build_cmd`, `lock_cmd`,
/// `check_cmd`, §9): returns the exit code and output a shell command would have produced.
public struct PygraphCommands: Sendable {
    let config: ProjectConfig
    let settings: PygraphPluginSettings
    let keys: CacheKeyBuilder
    let files: any FileStateProviding
    let builder: any ImportGraphBuilding

    public init?(config: ProjectConfig, keys: CacheKeyBuilder, files: any FileStateProviding, builder: any ImportGraphBuilding) {
        guard let settings = PygraphPluginSettings(project: config) else { return nil }
        self.config = config
        self.settings = settings
        self.keys = keys
        self.files = files
        self.builder = builder
    }

    /// - Parameter dependencies: the runnable's dependency runnables (the build's artifact is the graph to read).
    public func run(_ runnable: Runnable, dependencies: [Runnable]) throws -> (code: Int32, output: String) {
        let graph = dependencies.first { $0.command == settings.buildCommand }?.artifacts.first
            ?? settings.graphPath(buildCache: "local")
        switch runnable.exec {
        case PluginRunnables.buildFunction: return try build(runnable)
        case PluginRunnables.lockFunction: return try lock(runnable, graphPath: config.root + "/" + graph)
        case PluginRunnables.checkFunction: return try check(runnable, graphPath: config.root + "/" + graph)
        default: throw QikError("exec1", "No built-in function \(runnable.exec).", fault: .bug)
        }
    }

    /// The import graph of the project's tracked files, incrementally (per-file import cache under `._qik/pygraph`).
    public func buildGraph() throws -> ImportGraphOutput {
        let tracked = try PygraphSources.trackedFiles(files, pythonPath: config.defaults.pythonPath)
        return try builder.build(ImportGraphRequest(
            root: config.root, files: tracked, pythonPath: config.defaults.pythonPath,
            ignoreTypeChecking: settings.config.ignoreTypeChecking, ignoreExternal: settings.config.ignorePydists,
            controls: settings.config.controls, cacheDirectory: config.root + "/._qik/pygraph"))
    }

    private func build(_ runnable: Runnable) throws -> (code: Int32, output: String) {
        let output = try buildGraph()
        try AtomicFile.write(Data(output.json), to: config.root + "/" + runnable.artifacts[0])
        // 0.2.10 fails on a syntax error ("Cannot build import graph - …"); the scanner reads on, so report and go on.
        return (0, output.problems.map { "warning: \($0)" }.joined(separator: "\n"))
    }

    private func loadGraph(_ graphPath: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: graphPath) else {
            throw QikError("pygraph0", "The import graph \(graphPath) does not exist.", hint: "Run \(settings.buildCommand) first.")
        }
        return Array(data)
    }

    private func lock(_ runnable: Runnable, graphPath: String) throws -> (code: Int32, output: String) {
        guard let pyimport = runnable.builtin?.args.first(where: { $0.key == "pyimport" })?.value else {
            throw QikError("args0", "\"pyimport\" and \"space\" args are required for qik.pygraph.lock command.")
        }
        guard let closure = try builder.closure(graphJSON: try loadGraph(graphPath), of: pyimport) else {
            return (1, "Module \"\(pyimport)\" is not in the import graph.")
        }
        var globs: [String] = []
        for module in closure.internal {
            let path = module.replacingOccurrences(of: ".", with: "/")
            globs += [path + "/**.py", path + ".py"]
        }
        globs.sort(by: QikHash.precedes)
        let distributions = moduleDistributions(of: runnable)
        let ignored = Set(config.pydist.ignore.map(DistributionName.normalize))
        var pydists: [String] = []
        var unmapped: [String] = []
        var absent: [String] = []
        for module in closure.external where module != pyimport {
            guard let dists = distributions[module] else {
                if !config.pydist.ignoreMissingModules { unmapped.append(module) }
                continue
            }
            for dist in dists where !dist.isEmpty && !ignored.contains(DistributionName.normalize(dist)) {
                // A dist named by `[pydist.modules]` that is neither installed nor locked: an optional extra.
                if (try? keys.version(ofDistribution: dist, in: runnable)) == nil {
                    absent.append(dist)
                } else {
                    pydists.append(dist)
                }
            }
        }
        pydists.sort(by: QikHash.precedes)
        var fields: [(String, CompactJSON)] = []
        if !globs.isEmpty { fields.append(("globs", .strings(globs))) }
        if !pydists.isEmpty { fields.append(("pydists", .strings(pydists))) }
        fields.append(("hash", .string(try keys.depsHash(globs: globs, pydists: pydists, of: runnable))))
        try AtomicFile.write(CompactJSON.object(fields).encoded, to: config.root + "/" + runnable.artifacts[0])
        var warnings: [String] = []
        if !unmapped.isEmpty {
            warnings.append("warning: ignored imports of modules without an installed distribution (optional extras?): "
                + unmapped.joined(separator: ", "))
        }
        if !absent.isEmpty {
            warnings.append("warning: ignored distributions that are not installed (optional extras?): "
                + Array(Set(absent)).sorted().joined(separator: ", "))
        }
        return (0, warnings.joined(separator: "\n"))
    }

    /// 0.2.10's `packages_distributions()`: installed mappings over `[pydist.modules]` overrides (an override
    /// only applies to a module no installed distribution provides); `ignore-missing-modules` maps the rest to `""`.
    func moduleDistributions(of runnable: Runnable) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (module, dist) in config.pydist.modules { result[module] = [dist] }
        for (module, dists) in keys.distributionCatalog(of: runnable).modules { result[module] = dists }
        return result
    }

    private func check(_ runnable: Runnable, graphPath: String) throws -> (code: Int32, output: String) {
        let graph = try loadGraph(graphPath)
        let fence = Array(Set(try config.fenceImports(space: runnable.space))).sorted()
        var edges: Set<ImportEdge> = []
        for root in fence {
            guard let tree = try builder.treeEdges(graphJSON: graph, from: root) else {
                return (1, "Fence entry \"\(root)\" of space \"\(runnable.space)\" is not a module of the import graph.")
            }
            edges.formUnion(tree)
        }
        func within(_ module: String, _ allowed: [String]) -> Bool {
            allowed.contains { module == $0 || module.hasPrefix($0 + ".") }
        }
        let external = fence + moduleDistributions(of: runnable).keys
        var internalViolations: [String] = []
        var externalViolations: [String] = []
        for edge in edges where within(edge.importer, fence) {
            if edge.importedIsInternal {
                if !within(edge.imported, fence) { internalViolations.append("\(edge.importer) imports \(edge.imported)") }
            } else if !within(edge.imported, external) {
                externalViolations.append("\(edge.importer) imports \(edge.imported)")
            }
        }
        guard !internalViolations.isEmpty || !externalViolations.isEmpty else {
            return (0, "No import violations found across \(edges.count) imports in \"\(runnable.space)\" space")
        }
        var out = ""
        if !internalViolations.isEmpty {
            out += "Found \(internalViolations.count) internal import violations for \"\(runnable.space)\" space:\n"
                + internalViolations.sorted().joined(separator: "\n") + "\n\n"
        }
        if !externalViolations.isEmpty {
            out += "Found \(externalViolations.count) external import violations for \"\(runnable.space)\" space:\n"
                + externalViolations.sorted().joined(separator: "\n")
        }
        return (1, out.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
