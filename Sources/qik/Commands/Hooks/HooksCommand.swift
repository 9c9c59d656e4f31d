import ArgumentParser
import Foundation
import QikCore
import QikGit

/// `qik hooks …`: install, remove and inspect qik's git hooks, and the entry point the hook scripts call.
struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks", abstract: "Manage qik's git hooks (pre-commit, pre-push).",
        subcommands: [HooksInstallCommand.self, HooksUninstallCommand.self, HooksStatusCommand.self,
                      HooksRunCommand.self, HooksRecoverCommand.self])

    /// The project (from the current directory) and its repository, without loading more than discovery needs.
    static func locate() throws -> (root: String, repository: GitRepository) {
        let file = try ConfigLoader.discover(from: ProcessEnvironment.currentDirectory())
        let root = (file as NSString).deletingLastPathComponent
        return (root, try GitRepository(discoveringFrom: root))
    }

    static func installer(_ repository: GitRepository) throws -> HookInstaller {
        HookInstaller(directory: try repository.hooksDirectory)
    }

    static func hooks(preCommit: Bool, prePush: Bool) -> [HookKind] {
        preCommit || prePush ? HookKind.allCases.filter { $0 == .preCommit ? preCommit : prePush } : HookKind.allCases
    }

    static func say(_ text: String) { FileHandle.standardError.write(Data(("qik: " + text + "\n").utf8)) }
}
