import Foundation

/// Writes that are all-or-nothing: a temp file in the destination's directory, then `rename(2)`.
/// Killing qik at any instant leaves either the old file or the new one, never a mix.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write(bytes: $0, to: path) }
    }

    public static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: path) }
    }

    /// (Bytes, not `Data`: building a `Data` from a string's UTF-8 view makes the runtime look protocol
    /// conformances up on every call.)
    public static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temp = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Plain POSIX calls: this runs for every log and manifest, and Foundation's createFile costs far more.
        var fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw QikError("io0", "Could not write \(temp): \(String(cString: strerror(errno))).",
                           hint: "Check the directory's permissions and free space.")
        }
        var offset = 0
        var complete = true
        while offset < bytes.count {
            let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                complete = false
                break
            }
            offset += written
        }
        close(fd)
        guard complete, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw QikError("io0", "Could not replace \(path): \(reason).")
        }
    }

    /// `write`, skipped when the file already holds exactly these bytes: a cached run rewrites the same logs, and
    /// reading a small file costs far less than a temp file plus a journaled rename.
    public static func writeIfChanged(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { expected in
            if let existing = FileBytes.read(path), existing.elementsEqual(expected) { return }
            try write(bytes: UnsafeRawBufferPointer(expected), to: path)
        }
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
