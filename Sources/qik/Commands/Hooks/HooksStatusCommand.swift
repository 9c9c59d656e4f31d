import ArgumentParser
import Foundation
import QikCore
import QikGit

/// `qik hooks status`: where git looks for hooks, what is installed there, and what each hook would run.
struct HooksStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show qik's git hooks.")

    func run() throws {
        let (root, repository) = try HooksCommand.locate()
        let installer = try HooksCommand.installer(repository)
        let config = try? ConfigLoader.load(root: root, file: ConfigLoader.discover(from: root))
        print("hooks directory: \(installer.directory)\((try? repository.hooksPath) ?? nil != nil ? " (core.hooksPath)" : "")")
        for hook in HookKind.allCases {
            var line = "\(hook.rawValue): "
            switch installer.state(hook) {
            case .absent: line += "not installed"
            case .foreign: line += "a foreign hook (not qik's)"
            case .qik(let qik, let chained):
                line += "installed, calls \(qik)"
                if !FileManager.default.isExecutableFile(atPath: qik) { line += " (missing: falls back to PATH)" }
                if let chained { line += "; runs \((chained as NSString).lastPathComponent) first" }
            }
            if let config {
                let settings = hook.configuration(config)
                var parts = [settings.commands.isEmpty ? "all commands" : "commands \(settings.commands.joined(separator: ","))"]
                if !settings.tags.isEmpty { parts.append("tags \(settings.tags.joined(separator: ","))") }
                if !settings.spaces.isEmpty { parts.append("spaces \(settings.spaces.joined(separator: ","))") }
                if hook == .preCommit { parts.append("restage \(settings.restage)") }
                if !settings.skip.isEmpty { parts.append("skip \(settings.skip.joined(separator: ","))") }
                line += " [\(parts.joined(separator: "; "))]"
            }
            print(line)
        }
        if FileManager.default.fileExists(atPath: repository.gitDir + "/qik/guard/record.json") {
            print("set-aside work pending: \(repository.gitDir)/qik/guard (run `qik hooks recover` if no hook is running)")
        }
    }
}
