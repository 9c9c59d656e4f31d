import ArgumentParser
import Foundation
import QikCore

/// `qik watch [commands…] [options]`: run the selection once, then rerun what each save affects (docs/watch.md).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run the selection, then rerun the commands each change affects until Ctrl-C."
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var execution: ExecutionOptions

    @Option(help: "Settle window in milliseconds: a batch runs once no file event arrived for this long.")
    var debounce = 50

    @Flag(name: .customLong("no-restart"), help: "Let a running command finish and queue the next run, instead of restarting it.")
    var noRestart = false

    /// Test switch (STYLE 8): exit 0 after N batches, once their runs finished.
    @Option(name: .customLong("exit-after"), help: .hidden)
    var exitAfter: Int?

    /// Test switch: print `batch`, `changed` and `selected` lines for every batch.
    @Flag(name: .customLong("print-batches"), help: .hidden)
    var printBatches = false

    /// `qik --watch`: the run command's flags, with watch's defaults.
    init(selection: SelectionOptions, execution: ExecutionOptions) throws {
        self = try Self.parse([])
        self.selection = selection
        self.execution = execution
        try validate()
    }

    init() {}

    func validate() throws {
        guard (0...10_000).contains(debounce) else { throw ValidationError("--debounce must be between 0 and 10000 ms.") }
        if execution.ls || execution.fail || execution.json { throw ValidationError("--ls, --json and --fail do not combine with watch.") }
        if let exitAfter, exitAfter < 1 { throw ValidationError("--exit-after must be at least 1.") }
    }

    func run() throws {
        var settings = WatchLoop.Settings()
        settings.restart = !noRestart
        settings.exitAfter = exitAfter
        settings.printBatches = printBatches
        let code = try WatchWiring.run(selection, execution, settings: settings, debounce: .milliseconds(debounce))
        throw ExitCode(code)
    }
}
