/// The stdout logger (§2.4): per runnable, a rule titled `🚧 name description` (or `⏩` for a replay), its output
/// lines stripped, then `✅`/`💔`; a skipped runnable gets a yellow `➖` rule.
public final class StdoutLogger: RunLogger, @unchecked Sendable {
    let terminal: Terminal
    let out: ConsoleOutput

    public init(terminal: Terminal, out: ConsoleOutput) {
        self.terminal = terminal
        self.out = out
    }

    public func runStarted(_ graph: RunnableGraph) {}

    public func started(_ runnable: Runnable, cached: Bool) {
        out.line(terminal.rule(title(cached ? Glyph.replayed : Glyph.running, runnable), style: nil))
    }

    public func line(_ runnable: Runnable, _ text: String) {
        let stripped = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !stripped.isEmpty { out.line(stripped) }
    }

    public func finished(_ runnable: Runnable, code: Int32, cached: Bool) {
        out.line(title(code == 0 ? Glyph.success : Glyph.failure, runnable, nameStyle: code == 0 ? .green : .red))
    }

    public func skipped(_ runnable: Runnable) {
        out.line(terminal.rule("\(Glyph.skipped) \(runnable.name) \(runnable.description)", style: .yellow))
    }

    public func runFinished(_ outcomes: [String: RunnableOutcome], graph: RunnableGraph) {}

    private func title(_ glyph: String, _ runnable: Runnable, nameStyle: Terminal.Style = .cyan) -> String {
        "\(glyph) \(terminal.paint(runnable.name, nameStyle)) \(terminal.paint(runnable.description, .dim))"
    }
}

import Foundation
