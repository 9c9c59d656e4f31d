import Foundation

/// The lines `qik watch` prints between runs.
public enum WatchReport {
    public static func watching(directories: Int) -> String {
        "\(Glyph.watching) Watching \(directories) \(directories == 1 ? "directory" : "directories")"
    }

    /// `👀 Detected changes in a.py, b.py.` for up to five names, else `👀 Detected N changes.`
    public static func detected(_ names: [String]) -> String {
        let sorted = names.sorted()
        if sorted.count <= 5 { return "\(Glyph.watching) Detected changes in \(sorted.joined(separator: ", "))." }
        return "\(Glyph.watching) Detected \(sorted.count) changes."
    }

    /// One line after each run: counts by outcome, and how long it took.
    public static func summary(_ outcomes: [String: RunnableOutcome], seconds: Double, cancelled: Bool) -> String {
        var ran = 0, replayed = 0, failed = 0, skipped = 0
        for outcome in outcomes.values {
            switch outcome {
            case .ran(let code, _): if code == 0 { ran += 1 } else { failed += 1 }
            case .replayed(let code, _): if code == 0 { replayed += 1 } else { failed += 1 }
            case .skipped, .cancelled: skipped += 1
            }
        }
        let time = String(format: "%.2f", seconds)
        if cancelled { return "\(Glyph.watching) Restarting: inputs changed during the run (\(time) s)." }
        var parts = ["\(ran) ran", "\(replayed) replayed", "\(failed) failed"]
        if skipped > 0 { parts.append("\(skipped) skipped") }
        return "\(Glyph.watching) \(parts.joined(separator: ", ")) in \(time) s. Watching for changes…"
    }
}
