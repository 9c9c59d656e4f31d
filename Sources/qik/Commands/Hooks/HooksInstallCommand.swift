import ArgumentParser
import Foundation
import QikCore
import QikGit

/// `qik hooks install [--pre-commit] [--pre-push]`: writes the hook scripts into the hooks directory git uses.
struct HooksInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install qik's git hooks (both by default).")

    @Flag(help: "Install the pre-commit hook.") var preCommit = false
    @Flag(help: "Install the pre-push hook.") var prePush = false
    @Flag(inversion: .prefixedNo, help: "Keep an existing foreign hook and run it before qik (default), or refuse.")
    var chain = true
    @Flag(help: "With --no-chain: set an existing foreign hook aside instead of refusing (uninstall restores it).")
    var force = false
    @Option(help: "The qik the hooks call (default: this executable's absolute path).") var qikPath: String?

    func run() throws {
        let (_, repository) = try HooksCommand.locate()
        let installer = try HooksCommand.installer(repository)
        let qik = qikPath ?? Self.executablePath()
        let project = String(repository.projectPrefix.dropLast())
        for hook in HooksCommand.hooks(preCommit: preCommit, prePush: prePush) {
            for note in try installer.install(hook, qikPath: qik, projectDirectory: project, chain: chain, force: force) {
                HooksCommand.say(note)
            }
            HooksCommand.say("installed \(installer.path(hook)) (calls \(qik))")
        }
    }

    /// `/proc/self/exe` where it exists, else argv[0] resolved against the working directory and PATH.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        let argument = CommandLine.arguments[0]
        if argument.contains("/") { return URL(fileURLWithPath: argument).standardizedFileURL.resolvingSymlinksInPath().path }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(argument)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path }
        }
        return argument
    }
}
