import Foundation

/// The progress logger (§2.4). On a terminal: a live block with one row per command (glyph, bar, spinner),
/// redrawn in place. Without a terminal, or when `CI` is set: one plain line per finished runnable. Either way the
/// run ends with the output of failed runnables (of every runnable with `-v 2`) and `Output in ._qik/out`.
public final class ProgressLogger: RunLogger, @unchecked Sendable {
    let terminal: Terminal
    let out: ConsoleOutput
    let live: Bool
    let verbosity: Int
    let outPath: String

    private let lock = NSLock()
    private var commands: [String] = []
    private var totals: [String: Int] = [:]
    private var done: [String: Int] = [:]
    private var running: [String: Int] = [:]
    private var failedCommands: Set<String> = []
    private var skippedCommands: Set<String> = []
    private var drawnLines = 0
    private var tick = 0
    private var ticker: DispatchSourceTimer?
    private static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public init(terminal: Terminal, out: ConsoleOutput, ci: Bool, verbosity: Int, outPath: String) {
        self.terminal = terminal
        self.out = out
        self.live = terminal.isTTY && !ci
        self.verbosity = verbosity
        self.outPath = outPath
    }

    public func runStarted(_ graph: RunnableGraph) {
        lock.withLock {
            for runnable in graph.nodes { totals[runnable.command, default: 0] += 1 }
            commands = totals.keys.sorted()
        }
        guard live else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now(), repeating: .milliseconds(80))
        timer.setEventHandler { [weak self] in self?.redraw() }
        timer.resume()
        ticker = timer
    }

    public func started(_ runnable: Runnable, cached: Bool) {
        lock.withLock { running[runnable.command, default: 0] += 1 }
    }

    public func line(_ runnable: Runnable, _ text: String) {}

    public func finished(_ runnable: Runnable, code: Int32, cached: Bool) {
        lock.withLock {
            running[runnable.command, default: 1] -= 1
            done[runnable.command, default: 0] += 1
            if code != 0 { failedCommands.insert(runnable.command) }
        }
        if !live {
            let glyph = code != 0 ? Glyph.failure : (cached ? Glyph.replayed : Glyph.success)
            out.line("\(glyph) \(terminal.paint(runnable.name, code == 0 ? .green : .red))")
        }
    }

    public func skipped(_ runnable: Runnable) {
        lock.withLock {
            done[runnable.command, default: 0] += 1
            skippedCommands.insert(runnable.command)
        }
        if !live { out.line("\(Glyph.skipped) \(terminal.paint(runnable.name, .yellow))") }
    }

    public func runFinished(_ outcomes: [String: RunnableOutcome], graph: RunnableGraph) {
        ticker?.cancel()
        ticker = nil
        if live { redraw() }
        var failed = false
        for runnable in graph.nodes.sorted(by: { $0.name < $1.name }) {
            let outcome = outcomes[runnable.name] ?? .cancelled
            let isFailure = (outcome.code ?? 0) != 0
            failed = failed || isFailure
            guard verbosity >= 2 || (verbosity >= 1 && isFailure) else { continue }
            let glyph: String
            switch outcome {
            case .replayed(let code, _): glyph = code == 0 ? Glyph.replayed : Glyph.failure
            case .ran(let code, _): glyph = code == 0 ? Glyph.success : Glyph.failure
            case .skipped, .cancelled: glyph = Glyph.skipped
            }
            out.line(terminal.rule("\(glyph) \(runnable.name)"))
            switch outcome {
            case .skipped, .cancelled: out.line("Skipped")
            default:
                let text = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
                out.line(text.isEmpty ? "No output" : text)
            }
        }
        let glyph = failed ? Glyph.failure : Glyph.success
        out.line(terminal.paint("\(glyph) Output in \(outPath)", failed ? .red : .green))
    }

    private func redraw() {
        let rows: [String] = lock.withLock {
            tick += 1
            let width = commands.map(\.count).max() ?? 0
            return commands.map { name in
                let command = name
                let label = name.padding(toLength: width, withPad: " ", startingAt: 0)
                let total = totals[command] ?? 0
                let finished = done[command] ?? 0
                let active = (running[command] ?? 0) > 0
                let barWidth = 20
                let filled = total == 0 ? 0 : finished * barWidth / total
                let bar = String(repeating: "━", count: filled) + String(repeating: "╺", count: barWidth - filled)
                if failedCommands.contains(command) {
                    return "\(Glyph.failure) \(terminal.paint(label, .red)) \(bar) \(finished)/\(total)"
                }
                if finished == total {
                    let glyph = skippedCommands.contains(command) ? Glyph.skipped : Glyph.success
                    return "\(glyph) \(terminal.paint(label, skippedCommands.contains(command) ? .yellow : .green)) \(bar) \(finished)/\(total)"
                }
                if active {
                    let spin = Self.spinner[tick % Self.spinner.count]
                    return "\(Glyph.running) \(terminal.paint(label, .boldBlue)) \(terminal.paint(bar, .blue)) \(finished)/\(total) \(spin)"
                }
                return "\(Glyph.skipped) \(terminal.paint(label, .dim)) \(bar) \(finished)/\(total)"
            }
        }
        var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)F" : ""
        for row in rows { text += "\u{1B}[2K" + row + "\n" }
        drawnLines = rows.count
        out.write(text)
    }
}
