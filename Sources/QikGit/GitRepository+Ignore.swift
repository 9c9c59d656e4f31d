internal import CLibgit2

extension GitRepository {
    /// Whether git's ignore rules (`.gitignore` files at every level, `.git/info/exclude`, `core.excludesFile`)
    /// ignore `relativePath`, given relative to the project root. A path inside an ignored directory is ignored.
    ///
    /// `isDirectory` appends the `/` that directory-only rules (`build/`) need to match. Answers from the work
    /// tree's rules only: whether the path is tracked is not considered (git itself keeps tracking an ignored
    /// file once added). Errors read as "not ignored", so a failure never hides a change.
    public func isIgnored(_ relativePath: String, isDirectory: Bool = false) -> Bool {
        guard !relativePath.isEmpty else { return false }
        let path = projectPrefix + relativePath + (isDirectory && !relativePath.hasSuffix("/") ? "/" : "")
        return withHandle { handle in
            var ignored: Int32 = 0
            guard git_ignore_path_is_ignored(&ignored, handle, path) == 0 else { return false }
            return ignored == 1
        }
    }
}
