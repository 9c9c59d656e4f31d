import Foundation

/// Writes that are all-or-nothing: a temp file in the destination's directory, then `rename(2)`.
/// Killing qik at any instant leaves either the old file or the new one, never a mix.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temp = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Plain open/write/close: `FileManager.createFile` writes its own temp file and fsyncs it (a few ms each,
        // three or four times per run), which a kill-safe rename does not need.
        guard writeFile(temp, data) else {
            unlink(temp)
            throw QikError("io0", "Could not write \(temp).", hint: "Check the directory's permissions and free space.")
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw QikError("io0", "Could not replace \(path): \(reason).")
        }
    }

    private static func writeFile(_ path: String, _ data: Data) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Copies a file atomically, keeping its permission bits.
    public static func copy(from source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw QikError("io1", "Could not read \(source).")
        }
        try write(data, to: destination)
        var info = stat()
        if stat(source, &info) == 0 { chmod(destination, info.st_mode & 0o7777) }
    }
}

/// An exclusive `flock(2)` held for the life of a closure: serialises two qik processes writing the same entry.
public enum FileLock {
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
