import ArgumentParser
import Foundation
import QikCore

@main
struct Qik: ParsableCommand {
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "qik",
        abstract: "Run the commands of qik.toml, replaying whatever is cached and selecting what changed.",
        version: version,
        subcommands: [RunCommand.self, HooksCommand.self, GitPlumbingCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        let arguments = VerbosityArgument.normalize(Array(CommandLine.arguments.dropFirst()))
        StartupRecovery.run(environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as QikError {
            ErrorPresenter.exit(with: error)
        } catch {
            exit(withError: error)
        }
    }
}
