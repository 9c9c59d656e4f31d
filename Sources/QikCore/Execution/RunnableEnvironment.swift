import Foundation

/// The environment of a runnable's process (§2.6, §8.2): qik's own environment with the space's uv venv (if any)
/// activated, then the space's dotenv files in order, then the runnable's own extra variables (uv's), then
/// `QIK__CMD`, `QIK__RUNNABLE`, `QIK__WORKER`. Dotenv values apply to their own space only (0.2.10 leaked them
/// into other spaces).
public struct RunnableEnvironment: Sendable {
    let base: [String: String]
    let config: ProjectConfig

    public init(base: [String: String], config: ProjectConfig) {
        self.base = base
        self.config = config
    }

    func variables(for runnable: Runnable, worker: Int) throws -> [String: String] {
        var env = try spaceVariables(runnable.space)
        for variable in runnable.environ { env[variable.key] = variable.value }
        env["QIK__CMD"] = runnable.command
        env["QIK__RUNNABLE"] = runnable.name
        env["QIK__WORKER"] = String(worker)
        return env
    }

    /// qik's environment with the space's venv and dotenv files applied in order (also what `qikx` runs with).
    /// The uv plugin's own runnables, which hash with the active venv, run in this environment too (0.2.10).
    public func spaceVariables(_ space: String) throws -> [String: String] {
        var env = base
        if let venv = try config.uvVenvName(space: space) {
            let directory = config.root + "/" + UVVenv.directory(of: venv)
            env["VIRTUAL_ENV"] = directory
            env["PATH"] = directory + "/bin" + (base["PATH"].map { ":" + $0 } ?? "")
        }
        let dotenvs = config.spaces.first { $0.name == space }?.dotenv ?? config.defaults.dotenv
        for file in dotenvs { env.merge(try Self.readDotenv(file, root: config.root)) { $1 } }
        return env
    }

    /// `KEY=value` per line, trimmed; blank and `#` lines skipped; values verbatim (quotes kept, as 0.2.10 does).
    static func readDotenv(_ path: String, root: String) throws -> [String: String] {
        let absolute = path.hasPrefix("/") ? path : "\(root)/\(path)"
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw QikError("space2", "Dotenv file \"\(path)\" not found.")
        }
        var values: [String: String] = [:]
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }
}
