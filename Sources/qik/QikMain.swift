import ArgumentParser
import CMallocTuning
import Foundation
import QikCore

@main
struct Qik: ParsableCommand {
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "qik",
        abstract: "Run the commands of qik.toml, replaying whatever is cached and selecting what changed.",
        version: version,
        subcommands: [RunCommand.self, WatchCommand.self, HooksCommand.self, ConfigCommand.self, GraphCommand.self, GitPlumbingCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        PhaseTrace.start()
        // Grow malloc's heaps 4 MB at a time. A thread's arena otherwise grows a page per `mprotect` as it fills:
        // about 150 calls in a `--since` on django when measured (152 → 11), each a system call that also
        // interrupts the other threads' CPUs (0.3–0.4 ms then). Address space only: pages are still touched, and
        // counted, as they are used.
        qik_malloc_grow_heaps_by(4 << 20)
        let arguments = VerbosityArgument.normalize(Array(CommandLine.arguments.dropFirst()))
        // Read once: every read builds a new dictionary of the whole environment.
        let environment = ProcessEnvironment.current()
        StartupRecovery.run(environment: environment)
        // `qik --help` documents the default (run) command's flags, then the other subcommands.
        if arguments == ["--help"] || arguments == ["-h"] {
            let runHelp = RunCommand.helpMessage(includeHidden: false, columns: nil)
                .replacingOccurrences(of: "USAGE: run ", with: "USAGE: qik ")
                .replacingOccurrences(of: RunCommand.configuration.abstract, with: configuration.abstract)
                .replacingOccurrences(of: "  -h, --help ", with: "  --version               Show the version.\n  -h, --help ")
            print(runHelp)
            print("SUBCOMMANDS:")
            for sub in configuration.subcommands where sub != RunCommand.self && sub.configuration.shouldDisplay {
                let name = sub.configuration.commandName ?? ""
                print("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + " " + sub.configuration.abstract)
            }
            print("\n  See 'qik <subcommand> --help' for detailed help.")
            return
        }
        do {
            if let quick = QuickRunParser.parse(arguments),
               let runtime = try RunCommand.runtimeUnlessWatching(quick, environment: environment) {
                return try RunCommand.run(quick, runtime: runtime, environment: environment)
            }
            if try GitPlumbingCommand.runQuickly(arguments) { return }
            if arguments.count >= 3, arguments[0] == "hooks", arguments[1] == "run", !arguments[2].hasPrefix("-") {
                return try HooksRunCommand.run(hook: arguments[2], arguments: Array(arguments[3...]), environment: environment)
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let code as ExitCode {
            // Directly: argument-parser's `exit(withError:)` first builds its whole command tree to word a message,
            // which a plain exit code does not need (a third of a `qik --ls`).
            PhaseTrace.mark("exit")
            Foundation.exit(code.rawValue)
        } catch let error as QikError {
            ErrorPresenter.exit(with: error)
        } catch {
            exit(withError: error)
        }
    }
}
