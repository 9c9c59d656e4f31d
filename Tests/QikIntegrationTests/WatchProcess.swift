import Foundation
import QikTestSupport

/// A running `qik watch` (or `qik` with a daemon) whose merged output tests read while it runs.
final class WatchProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var buffer = Data()

    init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "1"
        env["NO_COLOR"] = "1"
        env["VIRTUAL_ENV"] = nil
        for (key, value) in environment { env[key] = value }
        process.executableURL = URL(fileURLWithPath: QikBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.buffer.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var output: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }
    var lines: [String] { output.split(separator: "\n").map(String.init) }

    /// Waits until `predicate` holds for the output; false on timeout.
    @discardableResult
    func wait(timeout: Double = 20, until predicate: (String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(output) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return predicate(output)
    }

    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 20) async -> Bool {
        await wait(timeout: timeout) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// The watcher is up and the first run is over.
    @discardableResult
    func waitUntilWatching() async -> Bool { await waitFor("Watching ") }

    func interrupt() { kill(process.processIdentifier, SIGINT) }

    /// The exit code, or nil if it did not exit in time (it is then killed).
    func waitExit(timeout: Double = 20) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        try? await Task.sleep(for: .milliseconds(50))  // let the reader drain the pipe
        return process.terminationStatus
    }

    /// Names of runnables started (`🚧`) or replayed (`⏩`) after the watcher came up.
    func started(replayed: Bool = false) -> [String] {
        let glyph = replayed ? "⏩\u{FE0F} " : "🚧\u{FE0F} "
        guard let start = lines.firstIndex(where: { $0.contains("Watching ") }) else { return [] }
        return lines[(start + 1)...].compactMap { line in
            guard line.hasPrefix(glyph) else { return nil }
            return line.dropFirst(glyph.count).split(separator: " ").first.map(String.init)
        }
    }
}

/// Pids written by test commands (`echo $$ >> "$PIDFILE"`).
struct PidFile {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("qik-pids-\(UUID().uuidString)").path

    var pids: [pid_t] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
    }

    func waitForCount(_ count: Int, timeout: Double = 20) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while pids.count < count, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        return pids.count >= count
    }

    static func isAlive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

    /// Waits briefly for a killed process to be reaped by qik.
    static func isGone(_ pid: pid_t, timeout: Double = 5) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while isAlive(pid), Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        return !isAlive(pid)
    }
}
