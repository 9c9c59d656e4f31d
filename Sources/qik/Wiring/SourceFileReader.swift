import Foundation

/// Whole-file reads for the import scanner: open, one `fstat` for the size, `read` into an array of that size.
/// `FileManager.contents(atPath:)` plus the copy into `[UInt8]` was a visible share of a cold graph build.
enum SourceFileReader {
    /// nil when the file cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        let expected = fstat(fd, &st) == 0 ? max(0, Int(st.st_size)) : 0
        // One byte more than the size, so a file that grew is noticed without an extra read for the common case.
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var done = 0
        while true {
            if done == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, $0.count - done) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            done += got
        }
        bytes.removeLast(bytes.count - done)
        return bytes
    }
}
