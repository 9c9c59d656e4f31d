import ArgumentParser
import Foundation
import QikCore
import QikGit

/// `qik hooks recover`: puts back work a pre-commit hook set aside, even when its process still seems alive.
struct HooksRecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "Restore unstaged work set aside by an interrupted pre-commit hook.")

    func run() throws {
        let repository = try GitRepository(discoveringFrom: ProcessEnvironment.currentDirectory())
        guard let report = try GuardRecovery.recoverStale(repository: repository, force: true) else {
            HooksCommand.say("nothing to recover.")
            return
        }
        StartupRecovery.announce(report)
    }
}
