import ArgumentParser
import Foundation
import QikCore
import QikGit

/// Hidden `qik :git …`: QikGit's answers printed plainly, for benchmarks against `git ls-files -s`,
/// `git status --porcelain` and `git diff --name-only`.
struct GitPlumbingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ":git", abstract: "Print what QikGit sees (plumbing, for benchmarks).", shouldDisplay: false,
        subcommands: [Blobs.self, Since.self, Staged.self, Worktree.self])

    /// Opens the repository holding the current directory, which is taken as the project root.
    static func repository() throws -> GitRepository {
        try GitRepository(discoveringFrom: ProcessEnvironment.currentDirectory())
    }

    /// `:git blobs` and `:git since REF` without argument-parser, whose start-up would otherwise be a third of what
    /// these benchmarks measure; false for anything else (options, help), which goes through argument-parser.
    static func runQuickly(_ arguments: [String]) throws -> Bool {
        guard arguments.first == ":git", !arguments.dropFirst().contains(where: { $0.hasPrefix("-") }) else { return false }
        switch Array(arguments.dropFirst()) {
        case ["blobs"]: try Blobs.print(pathspecs: [])
        case let words where words.count == 2 && words[0] == "since": try Since.print(ref: words[1], mode: .mergeBase)
        default: return false
        }
        return true
    }

    static func printSorted(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        print(paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "\n"))
    }

    struct Blobs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "blobs", abstract: "`<blob id> <path>` for each tracked file.")
        @Argument(help: "Git pathspecs (default: every file).") var pathspecs: [String] = []

        func run() throws {
            try Self.print(pathspecs: pathspecs)
        }

        static func print(pathspecs: [String]) throws {
            let provider = GitFileStateProvider(repository: try GitPlumbingCommand.repository())
            let files = try provider.trackedFiles(matching: pathspecs.isEmpty ? .everything : Pathspec(pathspecs))
            var output: [UInt8] = []
            output.reserveCapacity(files.count * 80)
            for file in files {
                output.append(contentsOf: file.blobID.utf8)
                output.append(UInt8(ascii: " "))
                output.append(contentsOf: file.path.utf8)
                output.append(UInt8(ascii: "\n"))
            }
            FileHandle.standardOutput.write(Data(output))
        }
    }

    struct Since: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "since", abstract: "Paths changed since a ref.")
        @Argument var ref: String
        @Option var mode: String = SinceMode.mergeBase.rawValue

        func validate() throws {
            guard SinceMode(rawValue: mode) != nil else { throw ValidationError("--mode must be merge-base or diff") }
        }

        func run() throws {
            try Self.print(ref: ref, mode: SinceMode(rawValue: mode)!)
        }

        static func print(ref: String, mode: SinceMode) throws {
            let changes = GitChangeProvider(repository: try GitPlumbingCommand.repository())
            GitPlumbingCommand.printSorted(try changes.since(ref, mode: mode))
        }
    }

    struct Staged: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "staged", abstract: "Paths staged for the next commit.")
        func run() throws {
            GitPlumbingCommand.printSorted(try GitChangeProvider(repository: GitPlumbingCommand.repository()).staged())
        }
    }

    struct Worktree: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "worktree", abstract: "Paths changed in the work tree, unstaged.")
        func run() throws {
            GitPlumbingCommand.printSorted(try GitChangeProvider(repository: GitPlumbingCommand.repository()).worktree())
        }
    }
}
