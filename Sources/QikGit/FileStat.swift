import Foundation

/// The slice of `lstat` that git records in an index entry, with platform differences hidden.
struct FileStat {
    var mtimeSeconds: Int32
    var mtimeNanoseconds: UInt32
    var ctimeSeconds: Int32
    var ctimeNanoseconds: UInt32
    var device: UInt32
    var inode: UInt32
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var size: UInt32

    var isRegular: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    var isSymlink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
    var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }

    /// Git truncates every field to 32 bits on disk, so compare the same way.
    init(_ st: stat) {
        #if canImport(Darwin)
        let mtime = st.st_mtimespec, ctime = st.st_ctimespec
        #else
        let mtime = st.st_mtim, ctime = st.st_ctim
        #endif
        mtimeSeconds = Int32(truncatingIfNeeded: mtime.tv_sec)
        mtimeNanoseconds = UInt32(truncatingIfNeeded: mtime.tv_nsec)
        ctimeSeconds = Int32(truncatingIfNeeded: ctime.tv_sec)
        ctimeNanoseconds = UInt32(truncatingIfNeeded: ctime.tv_nsec)
        device = UInt32(truncatingIfNeeded: st.st_dev)
        inode = UInt32(truncatingIfNeeded: st.st_ino)
        mode = UInt32(truncatingIfNeeded: st.st_mode)
        uid = UInt32(truncatingIfNeeded: st.st_uid)
        gid = UInt32(truncatingIfNeeded: st.st_gid)
        size = UInt32(truncatingIfNeeded: st.st_size)
    }

    /// `lstat(path)`: nil when nothing is there (or a path component is not a directory).
    static func lstat(_ path: UnsafePointer<CChar>) -> Result<FileStat, Errno>? {
        lstat(at: AT_FDCWD, path)
    }

    /// `lstat` of `path` resolved from the directory `directory` (`AT_FDCWD`: the current one).
    static func lstat(at directory: Int32, _ path: UnsafePointer<CChar>) -> Result<FileStat, Errno>? {
        var st = stat()
        if fstatat(directory, path, &st, AT_SYMLINK_NOFOLLOW) == 0 { return .success(FileStat(st)) }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        return .failure(Errno(errno))
    }
}

/// An `errno` value as an error.
struct Errno: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}
