import Foundation

/// `lstat` of many work-tree paths, fast: paths are resolved relative to open directory handles (the index is
/// sorted, so consecutive entries share directories and the kernel walks one component per file instead of the
/// whole absolute path), and large batches are split across cores, like git's `core.preloadIndex`.
enum BatchStat {
    enum Outcome {
        /// Nothing there (or a leading directory is missing). A symlinked leading directory is followed, as
        /// `git ls-files -m` does (while `git diff` calls such a file deleted); the blob id is the content's.
        case missing
        case found(FileStat)
        case failed(Errno)
    }

    /// Below this many files one thread is faster than waking others (measured: 20k files take ~40 ms serially).
    static let parallelThreshold = 2_000

    /// `outcome[i]` is the lstat of `root/paths[i]`; `paths` are `/`-separated and relative to `root`.
    static func lstat(root: String, paths: [String]) -> [Outcome] {
        var outcomes = [Outcome](repeating: .missing, count: paths.count)
        let workers = paths.count < parallelThreshold ? 1 : min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let chunk = (paths.count + workers - 1) / max(workers, 1)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let results = UncheckedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<min(paths.count, (worker + 1) * chunk)
                guard !range.isEmpty else { return }
                var cursor = DirectoryCursor(root: root)
                defer { cursor.close() }
                for position in range { results.buffer[position] = cursor.lstat(paths[position]) }
            }
        }
        return outcomes
    }

    /// Each worker writes a disjoint range of the buffer, so sharing it is safe.
    private struct UncheckedBuffer: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Outcome>
        init(_ buffer: UnsafeMutableBufferPointer<Outcome>) { self.buffer = buffer }
    }
}

/// A stack of open directory handles along the current path.
private struct DirectoryCursor {
    private var names: [ArraySlice<UInt8>] = []
    /// `fds[0]` is the root; `fds[i]` is the directory `names[0..<i]`; -1 marks a directory that is not there.
    private var fds: [Int32]
    private var nameBuffer = [CChar](repeating: 0, count: 256)

    #if os(Linux)
    /// `O_PATH` (Linux `<fcntl.h>`, 010000000 on x86-64 and arm64) is hidden behind `_GNU_SOURCE` in Swift's Glibc.
    private static let directoryFlags: Int32 = 0o10000000 | O_DIRECTORY | O_CLOEXEC
    #else
    private static let directoryFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
    #endif

    init(root: String) {
        fds = [open(root, Self.directoryFlags)]
    }

    mutating func lstat(_ path: String) -> BatchStat.Outcome {
        let bytes = Array(path.utf8)
        var start = 0
        var depth = 0
        // Walk the directory components, reusing the open prefix.
        while let slash = bytes[start...].firstIndex(of: UInt8(ascii: "/")) {
            let name = bytes[start..<slash]
            if depth < names.count, names[depth] == name {
                depth += 1
            } else {
                truncate(to: depth)
                let parent = fds[depth]
                let fd = parent < 0 ? -1 : openName(name) { Foundation.openat(parent, $0, Self.directoryFlags) }
                names.append(name)
                fds.append(fd)
                depth += 1
            }
            start = slash + 1
        }
        let directory = fds[depth]
        if directory < 0 { return .missing }
        var st = stat()
        let code = openName(bytes[start...]) { fstatat(directory, $0, &st, AT_SYMLINK_NOFOLLOW) }
        if code == 0 { return .found(FileStat(st)) }
        if errno == ENOENT || errno == ENOTDIR { return .missing }
        return .failed(Errno(errno))
    }

    mutating func close() {
        truncate(to: 0)
        if fds[0] >= 0 { Foundation.close(fds[0]) }
    }

    private mutating func truncate(to depth: Int) {
        while names.count > depth {
            names.removeLast()
            let fd = fds.removeLast()
            if fd >= 0 { Foundation.close(fd) }
        }
    }

    /// Calls `body` with `name` as a NUL-terminated C string, without allocating for ordinary lengths.
    private mutating func openName(_ name: ArraySlice<UInt8>, _ body: (UnsafePointer<CChar>) -> Int32) -> Int32 {
        if nameBuffer.count <= name.count { nameBuffer = [CChar](repeating: 0, count: name.count + 1) }
        return nameBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = name.withUnsafeBytes { raw in
                raw.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
            }
            buffer[name.count] = 0
            return body(buffer.baseAddress!)
        }
    }
}
