import Foundation

/// Finds a repository's git directory with a few stats and no libgit2, for the work done before libgit2 opens it
/// (a killed hook's record at start-up, the index prefetch). Not git's full discovery: callers that need the exact
/// answer check it against libgit2's, or only use it to look for a file.
enum DotGit {
    /// The nearest `.git` at or above `directory`: the directory holding it, and the git directory it names (itself,
    /// or what a `.git` file's `gitdir:` line names, relative to the holder). nil when there is none, or when the
    /// nearest `.git` is neither a directory nor such a file.
    static func nearest(from directory: String) -> (holder: String, gitDir: String)? {
        var current = directory
        while true {
            let dotGit = current == "/" ? "/.git" : current + "/.git"
            var st = stat()
            if lstat(dotGit, &st) == 0 {
                if FileStat(st).isDirectory { return (current, dotGit) }
                guard let text = try? String(contentsOfFile: dotGit, encoding: .utf8),
                      let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:") else { return nil }
                var path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
                if !path.hasPrefix("/") { path = current + "/" + path }
                return (current, path)
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }
}
