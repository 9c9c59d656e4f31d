import Foundation

/// A throwaway git repository built with the real git CLI — the only place tests spawn `git`.
///
/// Git runs with no global or system config (so a developer's settings cannot change the answers), a fixed
/// identity, and `main` as the initial branch. The directory is deleted when the fixture goes away.
public final class GitFixture: @unchecked Sendable {
    /// Absolute path of the work tree (symlinks resolved).
    public let root: String
    private let ownsDirectory: String

    /// `git init` in a fresh temporary directory.
    public convenience init() throws {
        try self.init(directory: Self.makeTemporaryDirectory())
        try git("init", "-q", "-b", "main")
    }

    /// A fixture over `directory`, which it deletes on deinit.
    public init(directory: String) throws {
        root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        ownsDirectory = root
    }

    /// `git clone <args> file://<source> <new dir>`, e.g. `clone(of: repo, "--depth", "1")` for a shallow clone.
    public static func clone(of source: GitFixture, _ arguments: String...) throws -> GitFixture {
        let directory = try makeTemporaryDirectory()
        try run(["clone", "-q"] + arguments + ["file://" + source.root, directory + "/clone"], in: directory)
        return try GitFixture(cloneIn: directory)
    }

    private init(cloneIn directory: String) throws {
        root = URL(fileURLWithPath: directory + "/clone").resolvingSymlinksInPath().path
        ownsDirectory = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    }

    deinit { try? FileManager.default.removeItem(atPath: ownsDirectory) }

    /// Runs git in the work tree (or `directory` below it) and returns its standard output.
    @discardableResult
    public func git(_ arguments: String..., in directory: String? = nil) throws -> String {
        try git(arguments, in: directory)
    }

    @discardableResult
    public func git(_ arguments: [String], in directory: String? = nil, input: String? = nil) throws -> String {
        try Self.run(arguments, in: directory.map { root + "/" + $0 } ?? root, input: input)
    }

    /// NUL-separated git output (`-z`) split into paths.
    public func gitPaths(_ arguments: String...) throws -> Set<String> {
        Set(try git(arguments).split(separator: "\0").map(String.init))
    }

    public func path(_ relative: String) -> String { root + "/" + relative }

    public func write(_ relative: String, _ content: String) throws {
        try write(relative, Data(content.utf8))
    }

    public func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    public func fileExists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }

    public func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }

    public func setExecutable(_ relative: String, _ executable: Bool) throws {
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path(relative))
    }

    /// `git add -A && git commit -m <message>`; returns the new commit's sha.
    @discardableResult
    public func commitAll(_ message: String = "commit") throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `<path> → <id>` from `git ls-files -s` (stage 0 and conflict stages collapse to the last one).
    public func indexIDs() throws -> [String: String] {
        var ids: [String: String] = [:]
        for record in try git("ls-files", "-s", "-z").split(separator: "\0") {
            let parts = record.split(separator: "\t", maxSplits: 1)
            ids[String(parts[1])] = String(parts[0].split(separator: " ")[1])
        }
        return ids
    }

    /// `git hash-object <path>` with the repository's filters.
    public func hashObject(_ relative: String) throws -> String {
        try git("hash-object", "--", relative).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func makeTemporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "qik-git-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// Runs git (hooks included) and returns its exit code and output instead of throwing when it fails: for
    /// `git commit` / `git push` whose hooks may block them. `environment` adds to the fixed git environment.
    public func gitOutcome(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> QikBinary.Result {
        var env = Self.environment
        for (key, value) in environment { env[key] = value }
        return try BinaryProcess.run("/usr/bin/env", ["git", "-c", "protocol.file.allow=always"] + arguments, in: root,
                                     environment: env, stdin: input)
    }

    /// Starts git without waiting (output discarded), for tests that kill its hook mid-way.
    public func startGit(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = Self.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The process environment without `GIT_*`, no global or system config, a fixed identity.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Qik Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@qik.invalid"
        environment["GIT_COMMITTER_NAME"] = "Qik Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@qik.invalid"
        return environment
    }

    /// Runs git with a clean, fixed environment; throws with stderr when it fails.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String, input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "protocol.file.allow=always"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            // Small inputs only (paths lists): written before reading, so keep them under the pipe buffer.
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFixtureError(arguments: arguments, status: process.terminationStatus,
                                  stderr: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }
}

public struct GitFixtureError: Error, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public let stderr: String
    public var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
}
