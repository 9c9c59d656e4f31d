import ArgumentParser
import Foundation
import QikCore

/// `qik :config`: load and validate `qik.toml` (and module files) without git or running anything — a quick check
/// for editors and CI. `--timing N` loads it N times and prints the median load time.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ":config",
        abstract: "Validate qik.toml and print a summary."
    )

    @Option(help: ArgumentHelp("Load the configuration N times and print the median time.", visibility: .hidden))
    var timing: Int?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = try ConfigLoader.discover(from: ProcessEnvironment.currentDirectory())
        let root = (file as NSString).deletingLastPathComponent
        let config = try ConfigLoader.load(root: root, file: file, environment: environment)
        let out = ConsoleOutput()
        if let timing, timing > 0 {
            var samples: [Double] = []
            for _ in 0..<timing {
                let start = ContinuousClock.now
                _ = try ConfigLoader.load(root: root, file: file, environment: environment)
                let elapsed = ContinuousClock.now - start
                samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            }
            samples.sort()
            out.line(String(format: "load+validate median %.3f ms over %d loads", samples[samples.count / 2], timing))
        }
        let modules = config.spaces.flatMap(\.modules).count
        let moduleCommands = config.moduleCommands.values.map(\.count).reduce(0, +)
        out.line(
            "\(Glyph.success) \(file): \(config.commands.count + moduleCommands) commands, "
                + "\(Set(config.spaces.map(\.name) + ["default"]).count) spaces, \(modules) modules")
    }
}
