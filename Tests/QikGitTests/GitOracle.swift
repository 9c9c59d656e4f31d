import Foundation
import QikTestSupport

/// Git's own answers (through the CLI), which QikGit must reproduce. `directory` is the project root below the
/// work tree ("" for the work-tree root); every path is relative to it.
struct GitOracle {
    let fixture: GitFixture
    var directory: String = ""

    private var cwd: String? { directory.isEmpty ? nil : directory }

    /// `git ls-files -s` ids, with the files `git ls-files -m` lists re-hashed like `git hash-object` would
    /// (symlinks as their target text, missing files as forty zeros, submodules keep their commit).
    func blobIDs() throws -> [String: String] {
        var ids: [String: String] = [:]
        var modes: [String: String] = [:]
        for record in try fixture.git(["ls-files", "-s", "-z"], in: cwd).split(separator: "\0") {
            let parts = record.split(separator: "\t", maxSplits: 1)
            let fields = parts[0].split(separator: " ")
            ids[String(parts[1])] = String(fields[1])
            modes[String(parts[1])] = String(fields[0])
        }
        let modified = try fixture.git(["ls-files", "-m", "-z"], in: cwd).split(separator: "\0").map(String.init)
        // What git calls deleted includes files behind a symlinked leading directory (has_symlink_leading_path).
        let deleted = Set(try fixture.git(["ls-files", "-d", "-z"], in: cwd).split(separator: "\0").map(String.init))
        var regular: [String] = []
        for path in Set(modified) where modes[path] != "160000" {
            if deleted.contains(path) {
                ids[path] = String(repeating: "0", count: 40)
                continue
            }
            let absolute = fixture.root + "/" + (directory.isEmpty ? "" : directory + "/") + path
            var st = stat()
            if lstat(absolute, &st) != 0 || (st.st_mode & S_IFMT) == S_IFDIR {
                ids[path] = String(repeating: "0", count: 40)
            } else if (st.st_mode & S_IFMT) == S_IFLNK {
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: absolute)
                ids[path] = try fixture.git(["hash-object", "--stdin"], in: cwd, input: target).trimmed
            } else {
                regular.append(path)
            }
        }
        if !regular.isEmpty {
            // --stdin-paths reads one path per line: names with newlines are hashed one by one.
            let (plain, odd) = (regular.filter { !$0.contains("\n") }, regular.filter { $0.contains("\n") })
            if !plain.isEmpty {
                // git resolves --stdin-paths against the work-tree root, not the current directory.
                let prefix = directory.isEmpty ? "" : directory + "/"
                let hashes = try fixture.git(["hash-object", "--stdin-paths"],
                                             input: plain.map { prefix + $0 }.joined(separator: "\n") + "\n")
                    .split(separator: "\n")
                for (path, hash) in zip(plain, hashes) { ids[path] = String(hash) }
            }
            for path in odd { ids[path] = try fixture.git(["hash-object", "--", path], in: cwd).trimmed }
        }
        return ids
    }

    func since(_ ref: String, mergeBase: Bool = true) throws -> Set<String> {
        var base = ref
        if mergeBase { base = try fixture.git(["merge-base", ref, "HEAD"]).trimmed }
        return try names(["diff", "--name-only", "--no-renames", "-z", "--relative", base])
    }

    func staged() throws -> Set<String> { try names(["diff", "--cached", "--name-only", "--no-renames", "-z", "--relative"]) }

    func worktree() throws -> Set<String> { try names(["diff", "--name-only", "--no-renames", "-z", "--relative"]) }

    func names(_ arguments: [String]) throws -> Set<String> {
        Set(try fixture.git(arguments, in: cwd).split(separator: "\0").map(String.init))
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
