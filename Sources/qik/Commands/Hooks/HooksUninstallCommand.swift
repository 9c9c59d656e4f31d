import ArgumentParser
import Foundation
import QikCore

/// `qik hooks uninstall`: removes qik's hook scripts and puts back the hooks they replaced.
struct HooksUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", abstract: "Remove qik's git hooks, restoring any hook they chained.")

    @Flag(help: "Remove only the pre-commit hook.") var preCommit = false
    @Flag(help: "Remove only the pre-push hook.") var prePush = false

    func run() throws {
        let (_, repository) = try HooksCommand.locate()
        let installer = try HooksCommand.installer(repository)
        for hook in HooksCommand.hooks(preCommit: preCommit, prePush: prePush) {
            let wasQik = if case .qik = installer.state(hook) { true } else { false }
            for note in try installer.uninstall(hook) { HooksCommand.say(note) }
            if wasQik { HooksCommand.say("removed \(installer.path(hook))") }
        }
    }
}
