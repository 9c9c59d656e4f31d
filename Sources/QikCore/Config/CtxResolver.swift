import Foundation

/// Values of `{ctx.…}` template fields (behaviour reference §1.8).
///
/// Project vars: environment variable with the upper-cased name (no prefix) → `default` → `ctx2`. Like 0.2.10, the
/// first reference resolves *every* declared project var ("whole-namespace evaluation"), so a missing required var
/// fails any command that uses ctx at all; the result (value or error) is then reused.
/// Thread-safe: runnables may be rendered concurrently.
public final class CtxResolver: @unchecked Sendable {
    public let vars: [CtxVar]
    public let qik: QikRuntimeContext
    private let environment: [String: String]
    private let lock = NSLock()
    private var resolved: Result<[String: CtxValue], QikError>?

    public init(vars: [CtxVar], environment: [String: String], qik: QikRuntimeContext) {
        self.vars = vars
        self.environment = environment
        self.qik = qik
    }

    /// All project vars, resolved once.
    /// - Throws: `ctx1` (cast failure) or `ctx2` (required var without value) for the first var in declaration order.
    public func projectValues() throws -> [String: CtxValue] {
        lock.lock()
        defer { lock.unlock() }
        if resolved == nil {
            resolved = Result { () throws(QikError) in try resolveAll() }
        }
        return try resolved!.get()
    }

    /// The value of a template reference: `foo`, `project.foo` or `qik.<field>`.
    /// - Throws: `ctx3` for an undeclared name (`qik.` prefix kept for qik fields), plus `projectValues()` errors.
    public func value(_ reference: String) throws -> CtxValue {
        if reference.hasPrefix("qik.") {
            let field = String(reference.dropFirst(4))
            guard let value = qik.value(of: field) else { throw QikError.unconfiguredCtx(reference) }
            return value
        }
        let name = reference.hasPrefix("project.") ? String(reference.dropFirst(8)) : reference
        let values = try projectValues()
        guard let value = values[name] else { throw QikError.unconfiguredCtx(name) }
        return value
    }

    private func resolveAll() throws(QikError) -> [String: CtxValue] {
        var values: [String: CtxValue] = [:]
        for ctxVar in vars {
            let key = ctxVar.name.uppercased()
            if let raw = environment[key] {
                switch ctxVar.type {
                case .str: values[ctxVar.name] = .string(raw)
                case .int: values[ctxVar.name] = .int(try Self.castInt(raw, variable: key))
                case .bool: values[ctxVar.name] = .bool(try Self.castBool(raw, variable: key))
                }
            } else if let value = ctxVar.defaultValue {
                values[ctxVar.name] = value
            } else if !ctxVar.required {
                values[ctxVar.name] = CtxValue.none
            } else {
                throw QikError.ctxValueNotFound(ctxVar.name)
            }
        }
        return values
    }

    /// Python `int()`: surrounding whitespace, a sign and `_` between digits are accepted.
    static func castInt(_ raw: String, variable: String) throws(QikError) -> Int {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.replacingOccurrences(of: "_", with: "")
        guard !trimmed.hasPrefix("_"), !trimmed.hasSuffix("_"), !trimmed.contains("__"), let value = Int(digits) else {
            throw QikError.envCast(variable: variable, value: raw, type: "int")
        }
        return value
    }

    static func castBool(_ raw: String, variable: String) throws(QikError) -> Bool {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default: throw QikError.envCast(variable: variable, value: raw, type: "bool")
        }
    }

    /// Comma-split list (qik namespace). Unlike Python's `"".split(",")` (`[""]`), an empty value is an empty list.
    static func splitList(_ raw: String) -> [String] {
        raw.isEmpty ? [] : raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}
