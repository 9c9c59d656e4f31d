/// Receives the events of a run. Calls come from worker threads; implementations serialise their own output.
public protocol RunLogger: AnyObject, Sendable {
    func runStarted(_ graph: RunnableGraph)
    func started(_ runnable: Runnable, cached: Bool)
    func line(_ runnable: Runnable, _ text: String)
    func finished(_ runnable: Runnable, code: Int32, cached: Bool)
    func skipped(_ runnable: Runnable)
    func runFinished(_ outcomes: [String: RunnableOutcome], graph: RunnableGraph)
}

/// The glyphs of 0.2.10's output (rich emits them with U+FE0F).
public enum Glyph {
    public static let running = "🚧\u{FE0F}"
    public static let replayed = "⏩\u{FE0F}"
    public static let success = "✅\u{FE0F}"
    public static let failure = "💔\u{FE0F}"
    public static let skipped = "➖\u{FE0F}"
    public static let watching = "👀\u{FE0F}"
}
