internal import CLibgit2
import QikCore

/// The files a `git push` sends, from the pre-push hook's standard input
/// (`<local ref> <local sha> <remote ref> <remote sha>` per line; the union over all lines).
///
/// - Deleted remote ref (local sha all zeros): nothing.
/// - Existing remote ref whose commit we have: `git diff --name-only $(git merge-base old new) new`, which also
///   covers force pushes (what the remote loses since the fork point counts too).
/// - New remote ref, or an old sha we never fetched: every commit reachable from the new sha and from no
///   `refs/remotes/<remote>/*` ref, each diffed against its first parent (a root commit against the empty tree).
///   Per-commit diffs are used rather than one diff from a single base because the hidden set can have several
///   fork points; for a merge commit, its first-parent diff also counts what the merged branch brought in,
///   which errs on the side of running more, never less.
struct PushRanges {
    let repository: GitRepository
    let remote: String

    func changedPaths(_ lines: [String]) throws -> Set<String> {
        let diffs = GitChangeProvider(repository: repository)
        var result = Set<String>()
        for line in lines {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty { continue }
            guard fields.count == 4, let local = OID(hex: fields[1]), let remoteTip = OID(hex: fields[3]) else {
                throw GitErrors.malformedPushLine(line)
            }
            if local.isZero { continue }
            try repository.withHandle { repo in
                if !remoteTip.isZero, let base = try? diffs.mergeBase(remoteTip, local, ref: fields[3], repo) {
                    result.formUnion(try treeDiff(from: base, to: local, diffs, repo))
                } else {
                    result.formUnion(try newCommits(local, diffs, repo))
                }
            }
        }
        return result
    }

    private func newCommits(_ tip: OID, _ diffs: GitChangeProvider, _ repo: OpaquePointer) throws -> Set<String> {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, repo), "start a history walk")
        defer { git_revwalk_free(walk) }
        var raw = tip.raw
        try check(git_revwalk_push(walk, &raw), "walk from \(tip.hex)")
        let hidden = git_revwalk_hide_glob(walk, "refs/remotes/\(remote)/*")
        if hidden < 0, hidden != GIT_ENOTFOUND.rawValue { try check(hidden, "hide refs/remotes/\(remote)") }
        var result = Set<String>()
        var next = git_oid()
        while true {
            let code = git_revwalk_next(&next, walk)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "walk the pushed commits")
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, repo, &next), "read a pushed commit")
            defer { git_commit_free(commit) }
            let parent = git_commit_parentcount(commit) > 0 ? git_commit_parent_id(commit, 0).map { OID($0.pointee) } : nil
            result.formUnion(try treeDiff(from: parent, to: OID(next), diffs, repo))
        }
        return result
    }

    private func treeDiff(from old: OID?, to new: OID, _ diffs: GitChangeProvider, _ repo: OpaquePointer) throws -> Set<String> {
        let oldTree = try old.map { try TreeHandle(commit: $0, repo) }
        let newTree = try TreeHandle(commit: new, repo)
        var options = diffs.diffOptions()
        return try diffs.withPathspec(&options) { options in
            var diff: OpaquePointer?
            try check(git_diff_tree_to_tree(&diff, repo, oldTree?.handle, newTree.handle, options), "diff pushed commits")
            defer { git_diff_free(diff) }
            return diffs.paths(of: diff)
        }
    }
}
