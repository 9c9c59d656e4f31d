import Foundation
import QikCore

/// The recovery record of a `WorkTreeGuard`: `<gitDir>/qik/guard/record.json` plus one file per saved work-tree
/// file under `files/`. The record is written (atomically) only after every file it names is saved, and deleted
/// only after every file is restored, so its presence alone means "the work tree may not be the user's".
struct GuardRecord: Codable, Equatable {
    /// What the user's work tree held at one path.
    struct Entry: Codable, Equatable {
        enum Kind: String, Codable { case file, symlink, missing }
        /// Relative to the work-tree root.
        var path: String
        var kind: Kind
        /// Permission bits of a regular file.
        var mode: UInt32 = 0o644
        /// `files/<name>` holding a regular file's bytes.
        var saved: String?
        /// A symlink's target.
        var target: String?
        /// The index id the guard wrote in its place (nil: the guard removed the path, e.g. intent-to-add).
        var indexID: String?
        /// The index entry's git mode (0o100644, 0o100755, 0o120000).
        var indexMode: UInt32 = 0o100644
        /// Directories the guard had to create to write the index version; removed again when empty.
        var createdDirectories: [String] = []
    }

    static let version = 1
    var version = GuardRecord.version
    /// The hook process and its start time (Linux `/proc/<pid>/stat` field 22), so a reused pid is not mistaken
    /// for a live hook.
    var pid: Int32
    var processStart: String?
    /// Seconds since 1970.
    var created: Double
    var hook: String
    var entries: [Entry]

    static func directory(gitDir: String) -> String { gitDir + "/qik/guard" }
    static func file(gitDir: String) -> String { directory(gitDir: gitDir) + "/record.json" }

    static func load(gitDir: String) throws -> GuardRecord? {
        guard let data = FileManager.default.contents(atPath: file(gitDir: gitDir)) else { return nil }
        do {
            return try JSONDecoder().decode(GuardRecord.self, from: data)
        } catch {
            throw HookGuardErrors.unreadableRecord(file(gitDir: gitDir))
        }
    }

    func save(gitDir: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self), to: Self.file(gitDir: gitDir))
    }

    /// Whether the process that wrote the record still runs.
    var ownerIsAlive: Bool {
        if pid == getpid() { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let processStart, let current = Self.startTime(of: pid) else { return true }
        return current == processStart
    }

    /// Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot); nil where there is no procfs.
    static func startTime(of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}

/// Errors of the hook guard; codes `hook…` continue in QikCore's `HookErrors`.
public enum HookGuardErrors {
    /// hook5: a recovery record qik cannot parse; nothing is touched.
    public static func unreadableRecord(_ path: String) -> QikError {
        QikError("hook5", "The hook recovery record \(path) is unreadable; qik left the work tree alone.",
                 hint: "The saved files are in the `files/` directory beside it; copy back what you need, then delete the directory.")
    }

    /// hook6: another hook is running in this work tree right now.
    public static func hookRunning(pid: Int32, record: String) -> QikError {
        QikError("hook6", "Another qik hook (pid \(pid)) has set unstaged changes aside in this work tree.",
                 hint: "Wait for it to finish. If it is gone, run `qik hooks recover` (record: \(record)).")
    }

    /// hook7: restoring a saved file failed; the record stays so nothing is lost.
    public static func restoreFailed(_ path: String, reason: String, record: String) -> QikError {
        QikError("hook7", "Could not restore \(path): \(reason). Your saved copy is untouched.",
                 hint: "Fix the cause, then run `qik hooks recover` (record: \(record)).")
    }
}
