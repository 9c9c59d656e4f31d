import ArgumentParser
import Foundation
import QikCore
import QikGit

/// Hidden `qik :graph`: builds the Python import graph of the project (or, without a `qik.toml`, of the git work
/// tree holding the current directory) natively, with pygraph's settings when the plugin is configured.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ":graph", abstract: "Build the Python import graph (pygraph.build without the runner).",
        shouldDisplay: false)

    @Flag(help: "Print graph.json (0.2.10's format) instead of a summary.") var json = false
    @Option(help: "Also write graph.json to this file.") var out: String?
    @Flag(help: "Neither read nor write the per-file import cache (._qik/pygraph).") var noCache = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let cwd = FileManager.default.currentDirectoryPath
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
        if json {
            FileHandle.standardOutput.write(Data(output.json + Array("\n".utf8)))
            return
        }
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        print("\(output.moduleCount) modules, \(output.edgeCount) edges; \(tracked.count) files, "
              + "\(output.scannedFiles) parsed, \(String(format: "%.1f", ms)) ms")
        for problem in output.problems { print("warning: \(problem)") }
    }
}
