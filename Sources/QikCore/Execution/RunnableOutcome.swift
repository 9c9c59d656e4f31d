/// What happened to one runnable in a run.
public enum RunnableOutcome: Sendable, Equatable {
    case ran(code: Int32, output: String)
    case replayed(code: Int32, output: String)
    /// An upstream runnable failed, so this one never started.
    case skipped
    /// The run was interrupted before this one finished.
    case cancelled

    public var code: Int32? {
        switch self {
        case .ran(let code, _), .replayed(let code, _): code
        case .skipped, .cancelled: nil
        }
    }

    public var output: String {
        switch self {
        case .ran(_, let output), .replayed(_, let output): output
        case .skipped, .cancelled: ""
        }
    }

    public var isReplay: Bool {
        if case .replayed = self { return true }
        return false
    }
}
