import Foundation
import QikCore

/// The guard's file operations: every write is a temp file in the destination directory plus `rename(2)`, so a
/// kill at any instant leaves the old file or the new one, never a torn one.
enum WorkTreeFiles {
    static func write(_ path: String, bytes: [UInt8], mode: UInt32) throws {
        let temp = tempName(for: path)
        try createParent(of: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw failure("create", temp) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 { if errno == EINTR { continue }; return false }
                written += count
            }
            return true
        }
        // The umask must not decide the user's permission bits.
        fchmod(fd, mode_t(mode))
        close(fd)
        guard ok else { unlink(temp); throw failure("write", temp) }
        try rename(temp, over: path)
    }

    static func writeSymlink(_ path: String, target: String) throws {
        let temp = tempName(for: path)
        try createParent(of: path)
        guard symlink(target, temp) == 0 else { throw failure("create the symlink", temp) }
        try rename(temp, over: path)
    }

    /// Removes a file or symlink; a missing path is fine, a directory is left alone.
    static func remove(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0, !FileStat(st).isDirectory else { return }
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("remove", path) }
    }

    static func copy(_ source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw failure("read", source) }
        try write(destination, bytes: [UInt8](data), mode: 0o600)
    }

    static func readLink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { throw failure("read the symlink", path) }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The ancestors of `relative` that do not exist yet (outermost first), or nil when one of them exists but is
    /// not a directory.
    static func missingDirectories(for relative: String, root: String) -> [String]? {
        var missing: [String] = []
        var prefix = ""
        for component in relative.split(separator: "/").dropLast() {
            prefix += (prefix.isEmpty ? "" : "/") + component
            var st = stat()
            if lstat(root + "/" + prefix, &st) != 0 { missing.append(prefix); continue }
            if !missing.isEmpty || !FileStat(st).isDirectory { return nil }
        }
        return missing
    }

    /// `.<name>.qik-<pid>.tmp` beside `path`: predictable, so a recovery can remove what a killed process left.
    static func tempName(for path: String, pid: Int32 = getpid()) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return "\(directory)/.\((path as NSString).lastPathComponent).qik-\(pid).tmp"
    }

    private static func createParent(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    private static func rename(_ temp: String, over path: String) throws {
        guard Foundation.rename(temp, path) == 0 else {
            let error = failure("replace", path)
            unlink(temp)
            throw error
        }
    }

    static func failure(_ action: String, _ path: String) -> QikError {
        QikError("io0", "Could not \(action) \(path): \(String(cString: strerror(errno))).")
    }
}
