import Foundation
import Testing

@testable import QikCore

/// A throwaway project directory under the system temp dir, removed when the value is released.
final class TempProject {
    let root: String

    init(files: [String: String] = [:], gitDir: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qik-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if gitDir { try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true) }
        for (path, content) in files { try write(path, content) }
    }

    func write(_ path: String, _ content: String) throws {
        try write(path, Data(content.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    func mkdir(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}

/// Loads `toml` as the root `qik.toml` of a fresh project (plus `files`).
func loadConfig(_ toml: String, files: [String: String] = [:]) throws -> ProjectConfig {
    var all = files
    all["qik.toml"] = toml
    let project = try TempProject(files: all)
    return try ConfigLoader.load(root: project.root, file: project.root + "/qik.toml", environment: [:])
}

func loadConfig(bytes: [UInt8]) throws -> ProjectConfig {
    let project = try TempProject()
    try project.write("qik.toml", Data(bytes))
    return try ConfigLoader.load(root: project.root, file: project.root + "/qik.toml", environment: [:])
}

/// The `QikError` thrown by `body`, or a recorded issue when it throws nothing or something else.
func qikError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> QikError? {
    do {
        try body()
        Issue.record("expected a QikError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as QikError {
        return error
    } catch {
        Issue.record("expected a QikError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The error of loading `toml`.
func loadError(_ toml: String, files: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> QikError? {
    qikError({ _ = try loadConfig(toml, files: files) }, sourceLocation: sourceLocation)
}
