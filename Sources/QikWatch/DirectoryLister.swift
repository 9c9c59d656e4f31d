import Glibc

/// Reads one directory's entries with `readdir`, sorting out real subdirectories from everything else.
///
/// Symlinks to directories count as files: the watcher never follows them (git records a symlink, not its
/// target), which also keeps a link cycle from looping the walk.
enum DirectoryLister {
    struct Listing {
        var directories: [String] = []
        var files: [String] = []
    }

    /// `nil` when the directory vanished or cannot be read; a scan racing a deletion is normal.
    static func list(_ absolutePath: String) -> Listing? {
        guard let stream = opendir(absolutePath) else { return nil }
        defer { closedir(stream) }
        var listing = Listing()
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): listing.directories.append(name)
            case Int32(DT_UNKNOWN):
                // Some file systems (older XFS, some FUSE) leave d_type unset.
                if isDirectory(absolutePath + "/" + name) {
                    listing.directories.append(name)
                } else {
                    listing.files.append(name)
                }
            default: listing.files.append(name)
            }
        }
        return listing
    }

    /// A real directory, not a symlink to one.
    static func isDirectory(_ absolutePath: String) -> Bool {
        var info = stat()
        return lstat(absolutePath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
