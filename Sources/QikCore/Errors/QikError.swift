/// A user-facing failure with a stable code (`conf1`, `ctx2`, `git3`, …).
///
/// Lower layers throw these and never print; the `qik` executable renders one line and maps it to an exit code.
/// Codes of qik 0.2.10 keep their meaning (see docs/errors.md); new codes follow the same style.
public struct QikError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whose mistake it is: a user error prints one line; a bug asks the user to report it.
    public enum Fault: Sendable, Equatable { case user, bug }

    public let code: String
    public let message: String
    /// `file:line:column` or just `file`, when the failure has a place.
    public let location: String?
    /// What to do about it, when there is something specific to say.
    public let hint: String?
    public let fault: Fault

    public init(_ code: String, _ message: String, location: String? = nil, hint: String? = nil, fault: Fault = .user) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
        self.fault = fault
    }

    /// One line: `conf1: qik.toml:3:1: Error parsing qik.toml: … (hint)`.
    public var description: String {
        var text = "\(code): "
        if let location { text += "\(location): " }
        text += message
        if let hint { text += " \(hint)" }
        return text
    }

    /// The documentation anchor qik 0.2.10 printed after each error.
    public var docsURL: String { "https://qik.build/en/stable/errors/#\(code)" }
}
