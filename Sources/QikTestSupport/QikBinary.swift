import Foundation

/// Runs the real `qik` binary built next to the test bundle, as end-to-end tests need.
public enum QikBinary {
    public struct Result: Sendable {
        public let code: Int32
        public let stdout: String
        public let stderr: String
        public var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// `<build dir>/qik`: the test runner's executable lives in the same build directory.
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["QIK_BINARY"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("qik").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        // swift test's default layout
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/qik").path
    }

    /// Runs qik with `arguments` in `directory`. `environment` adds to (or, with nil values, removes from) the
    /// current environment; `CI` and `NO_COLOR` are set so output is plain.
    public static func run(
        _ arguments: [String], in directory: String, environment: [String: String?] = [:], stdin: String? = nil,
        executable: String = QikBinary.path
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "1"
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try BinaryProcess.run(executable, arguments, in: directory, environment: env, stdin: stdin)
    }
}

/// Foundation `Process` with captured output, for tests only.
public enum BinaryProcess {
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String, environment: [String: String], stdin: String? = nil
    ) throws -> QikBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return QikBinary.Result(
            code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
