#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes, read with `open`/`fstat`/`read`.
///
/// Not `FileManager.contents(atPath:)`: each call goes through Foundation's path and `Data` machinery (a few
/// microseconds more per file, and its first use sets up `FileManager` itself), and a cached no-op reads two small
/// files per runnable plus `qik.toml`.
public enum FileBytes {
    /// nil when the file cannot be opened or read (missing, a directory, no permission).
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { return nil }
        // The size is a hint: a file that grows or shrinks while read is read to its end. One byte more than the
        // size is asked for, so a regular file's short read is its end and needs no second, empty `read` (not for
        // files that report no size, as procfs's do, which may come a piece per read).
        let regular = st.st_mode & S_IFMT == S_IFREG && st.st_size > 0
        var bytes = [UInt8](repeating: 0, count: max(Int(st.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let wanted = bytes.count - filled
            let count = bytes.withUnsafeMutableBytes { buffer in readSome(fd, buffer.baseAddress! + filled, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            filled += count
            if count == 0 || (regular && count < wanted) { break }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}

/// The C library's `read` (inside `FileBytes`, the name means `FileBytes.read`).
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
