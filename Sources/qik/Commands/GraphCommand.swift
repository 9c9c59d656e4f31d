import ArgumentParser
import Foundation
import QikCore
import QikGit
import QikPython

/// `qik :graph [deps M | rdeps M | why A B | stats]`: builds the Python import graph of the project (or, without a
/// `qik.toml`, of the git work tree holding the current directory) natively, with pygraph's settings when the plugin
/// is configured, and answers questions about it.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ":graph", abstract: "Build the Python import graph and query it (deps, rdeps, why, stats).")

    @Argument(help: "deps MODULE (what it imports), rdeps MODULE (what imports it), why A B (one chain), stats.")
    var query: [String] = []
    @Option(help: "text, json, dot or mermaid (stats: text or json).") var format: String = "text"
    @Flag(help: "Print graph.json (0.2.10's format) instead of a summary.") var json = false
    @Option(help: "Also write graph.json to this file.") var out: String?
    @Flag(help: "Neither read nor write the per-file import cache (._qik/pygraph).") var noCache = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let cwd = ProcessEnvironment.currentDirectory()
        let config: ProjectConfig
        let repository: GitRepository
        if let file = try? ConfigLoader.discover(from: cwd) {
            let root = (file as NSString).deletingLastPathComponent
            config = try ConfigLoader.load(root: root, file: file, environment: environment)
            repository = try GitRepository(discoveringFrom: root)
        } else {
            repository = try GitRepository(discoveringFrom: cwd)
            let writer = GitRepositoryWriter(repository: repository)
            config = ProjectConfig(root: writer.workTreeRoot, file: writer.workTreeRoot + "/qik.toml")
        }
        let started = ContinuousClock.now
        let files = GitFileStateProvider(repository: repository)
        let tracked = try PygraphSources.trackedFiles(files, pythonPath: config.defaults.pythonPath)
        let plugin = PygraphPluginSettings(project: config)?.config ?? PygraphPluginConfig()
        let output = try NativeImportGraph().build(ImportGraphRequest(
            root: config.root, files: tracked, pythonPath: config.defaults.pythonPath,
            ignoreTypeChecking: plugin.ignoreTypeChecking, ignoreExternal: plugin.ignorePydists,
            controls: plugin.controls, cacheDirectory: noCache ? nil : config.root + "/._qik/pygraph"))
        let elapsed = ContinuousClock.now - started
        if let out { try AtomicFile.write(Data(output.json), to: out) }
        // Python files but not one import: a wrong python-path or package layout, not a project without imports.
        if !tracked.isEmpty, output.importCount == 0 {
            FileHandle.standardError.write(Data(("warning: \(tracked.count) Python files but no import found; check "
                + "defaults.python-path (\"\(config.defaults.pythonPath)\") and that packages have __init__.py.\n").utf8))
        }
        guard let format = GraphReport.Format(rawValue: self.format) else {
            throw ValidationError("--format must be one of: text, json, dot, mermaid.")
        }
        if !query.isEmpty || format != .text {
            return try answer(output, files: tracked.count, format: format)
        }
        if json {
            FileHandle.standardOutput.write(Data(output.json + Array("\n".utf8)))
            return
        }
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        print("\(output.moduleCount) modules, \(output.edgeCount) edges; \(tracked.count) files, "
              + "\(output.scannedFiles) parsed, \(String(format: "%.1f", ms)) ms")
        for problem in output.problems { print("warning: \(problem)") }
    }

    private func answer(_ output: ImportGraphOutput, files: Int, format: GraphReport.Format) throws {
        let graph = try ImportGraph(json: output.json)
        let report = GraphReport(graph: graph, format: format)
        func known(_ module: String) throws -> String {
            guard graph.index(of: module) != nil else {
                throw QikError("graph1", "Module \"\(module)\" is not in the import graph.",
                               hint: "Use its dotted name as imported (e.g. pkg.sub); `qik :graph stats` counts what was found.")
            }
            return module
        }
        let text: String
        switch query.first {
        case nil: text = report.whole()
        case "deps" where query.count == 2: text = report.modules(graph.dependencies(of: try known(query[1]))!, of: query[1], key: "deps")
        case "rdeps" where query.count == 2: text = report.modules(graph.dependents(of: try known(query[1]))!, of: query[1], key: "rdeps")
        case "why" where query.count == 3:
            text = report.chain(graph.chain(from: try known(query[1]), to: try known(query[2]))!, from: query[1], to: query[2])
        case "stats" where query.count == 1:
            guard format == .text || format == .json else { throw ValidationError("stats prints text or json.") }
            let internalModules = graph.modules.filter(\.isInternal).count
            text = GraphReport.stats([
                ("files", files), ("modules", graph.modules.count), ("internal_modules", internalModules),
                ("external_modules", graph.modules.count - internalModules), ("edges", graph.edges.count),
                ("imports", output.importCount), ("unresolved_internal_imports", output.unresolvedInternalImports),
                ("files_not_parsed", Set(output.problems.map { String($0.prefix { $0 != ":" }) }).count),
            ], format: format)
        default:
            throw ValidationError("Usage: qik :graph [deps MODULE | rdeps MODULE | why A B | stats] [--format text|json|dot|mermaid]")
        }
        if !text.isEmpty { print(text) }
    }
}
