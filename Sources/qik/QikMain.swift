import ArgumentParser
import QikCore

@main
struct Qik: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qik", version: "0.3.0-dev")
    func run() throws {}
}
