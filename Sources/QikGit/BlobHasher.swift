internal import CLibgit2
import Foundation

/// Blob ids of work-tree content, computed the way git would store it, without writing objects.
enum BlobHasher {
    /// `git hash-object <path>` inside the work tree: the repository's clean filters apply (core.autocrlf,
    /// `.gitattributes` text/eol/ident). nil when the file vanished in the meantime.
    static func hashWorkTreeFile(_ workTreePath: String, in repository: GitRepository) throws -> OID? {
        try repository.withHandle { try hashWorkTreeFile(workTreePath, repo: $0, workTreeRoot: repository.workTreeRoot) }
    }

    /// The same, inside `withHandle`.
    static func hashWorkTreeFile(_ workTreePath: String, repo: OpaquePointer, workTreeRoot: String) throws -> OID? {
        var oid = git_oid()
        let code = git_repository_hashfile(&oid, repo, workTreePath, GIT_OBJECT_BLOB, workTreePath)
        if code == 0 { return OID(oid) }
        if code == GIT_ENOTFOUND.rawValue || !fileExists(workTreeRoot + "/" + workTreePath) { return nil }
        throw GitErrors.libgit2("hash \(workTreePath)", code: code)
    }

    /// A symlink is stored as the text of its target (git never follows it). nil when it vanished.
    static func hashSymlink(_ absolutePath: String) throws -> OID? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(absolutePath, &buffer, buffer.count)
        if length < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw GitErrors.libgit2("read the symlink \(absolutePath) (\(Errno(errno)))", code: -1)
        }
        return try hashBytes(buffer, count: length)
    }

    /// Plain `git hash-object <path>`: no filters, symlinks followed. nil when there is no file.
    static func hashFile(_ absolutePath: String) throws -> OID? {
        ensureLibgit2()
        var st = stat()
        guard stat(absolutePath, &st) == 0, FileStat(st).isRegular else { return nil }
        var oid = git_oid()
        try check(git_odb_hashfile(&oid, absolutePath, GIT_OBJECT_BLOB), "hash \(absolutePath)")
        return OID(oid)
    }

    static func hashBytes(_ bytes: [CChar], count: Int) throws -> OID {
        ensureLibgit2()
        var oid = git_oid()
        try check(git_odb_hash(&oid, bytes, count, GIT_OBJECT_BLOB), "hash a buffer")
        return OID(oid)
    }

    private static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
