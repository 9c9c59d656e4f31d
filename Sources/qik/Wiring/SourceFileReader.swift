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
        // Uninitialised: zero-filling every source first was a visible memset in profiles. One byte more than the
        // size, so a file that grew since the fstat is noticed and read on.
        var failed = false
        var requested = expected + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: requested) { buffer, count in
            count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buffer[..<requested]), failed: &failed)
        }
        var filled = bytes.count == requested
        while !failed, filled {
            requested = max(4096, bytes.count)
            let more = [UInt8](unsafeUninitializedCapacity: requested) { buffer, count in
                count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buffer[..<requested]), failed: &failed)
            }
            filled = more.count == requested
            bytes += more
        }
        return failed ? nil : bytes
    }

    /// Reads until `buffer` is full or the file ends; returns the byte count.
    private static func readAll(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, failed: inout Bool) -> Int {
        var done = 0
        while done < buffer.count {
            let got = Foundation.read(fd, buffer.baseAddress! + done, buffer.count - done)
            if got < 0, errno == EINTR { continue }
            if got < 0 { failed = true }
            if got <= 0 { break }
            done += got
        }
        return done
    }
}
