import Foundation

/// Exit code and captured output of a child process.
public struct ProcessResult: Sendable, Equatable {
    public let exitCode: Int32
    public let stdout: String
    public let stderr: String

    public init(exitCode: Int32, stdout: String, stderr: String) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}

public enum PythonQikError: Error, CustomStringConvertible {
    case missing(venv: String)
    case failed(arguments: [String], result: ProcessResult)
    case malformed(String)

    public var description: String {
        switch self {
        case let .missing(venv):
            return "Python qik 0.2.10 not found in \(venv) (QIK_REQUIRE_ANCHORS=1 makes this a failure). "
                + "Run `bench/setup --anchors`, or point QIK_PYTHON_VENV at a venv with qik==0.2.10 and grimp."
        case let .failed(arguments, result):
            return "python qik \(arguments.joined(separator: " ")) exited \(result.exitCode): "
                + "\(result.stderr.suffix(800))\(result.stdout.suffix(400))"
        case let .malformed(what):
            return "malformed output: \(what)"
        }
    }
}

/// A cache manifest as written by qik 0.2.10 (§5.1): `{"name","hash","code","log"?,"artifacts"?}`.
public struct PythonCacheManifest: Sendable, Equatable, Decodable {
    public let name: String
    public let hash: String
    public let code: Int
    public let log: String?
    public let artifacts: [String]?

    public static func decode(_ json: String) throws -> PythonCacheManifest {
        try JSONDecoder().decode(PythonCacheManifest.self, from: Data(json.utf8))
    }
}

/// qik 0.2.10's pygraph `graph.json`: modules `[dotted name, is internal]` and index edges.
public struct PythonImportGraph: Sendable, Equatable, Decodable {
    public struct Module: Sendable, Equatable, Decodable {
        public let name: String
        public let isInternal: Bool

        public init(name: String, isInternal: Bool) {
            self.name = name
            self.isInternal = isInternal
        }

        public init(from decoder: Decoder) throws {
            var row = try decoder.unkeyedContainer()
            name = try row.decode(String.self)
            isInternal = row.isAtEnd ? true : try row.decode(Bool.self)
        }
    }

    public let modules: [Module]
    public let edges: [[Int]]

    /// Edges as (importer name, imported name) pairs, convenient for assertions.
    public var namedEdges: [(String, String)] {
        edges.compactMap { pair in
            guard pair.count == 2, modules.indices.contains(pair[0]), modules.indices.contains(pair[1])
            else { return nil }
            return (modules[pair[0]].name, modules[pair[1]].name)
        }
    }

    public static func decode(_ json: String) throws -> PythonImportGraph {
        try JSONDecoder().decode(PythonImportGraph.self, from: Data(json.utf8))
    }
}

/// Minimal Process wrapper: output goes to temp files (no pipe deadlocks on large output).
enum ProcessRunner {
    static func run(
        _ executable: URL,
        _ arguments: [String],
        in directory: URL,
        environment: [String: String]
    ) throws -> ProcessResult {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("pyqik-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment {
            env[key] = value.isEmpty ? nil : value
        }
        // Rich must not decorate output; Python must not write bytecode into fixtures.
        env["NO_COLOR"] = env["NO_COLOR"] ?? "1"
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessResult(
            exitCode: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        )
    }
}
