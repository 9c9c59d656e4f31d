internal import CLibgit2
import QikCore

/// Change sets as git computes them, relative to the project root; renames are a delete plus an add (rename
/// detection stays off), deletions count, untracked files never do.
///
/// Only deltas are built (no patches, no binary sniffing) and every diff is limited to the project directory.
public struct GitChangeProvider: ChangeProviding {
    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// `.mergeBase`: `git diff --name-only $(git merge-base REF HEAD)` — committed on the branch, staged, unstaged.
    /// `.diff`: `git diff --name-only REF`.
    public func since(_ ref: String, mode: SinceMode) throws -> Set<String> {
        try since(ref, mode: mode, filter: nil)
    }

    /// Only paths `pathspecs` match are checked and reported: the work-tree files nothing selects are not stat-ed.
    /// No patterns check no file, but the ref is still resolved (an unknown ref or a shallow history is an error).
    public func since(_ ref: String, mode: SinceMode, within pathspecs: [String]) throws -> Set<String> {
        try since(ref, mode: mode, filter: Pathspec(pathspecs))
    }

    /// Enough of `since` to tell, for each group of pathspecs, whether a changed path matches it: see
    /// `ChangeProviding.since(_:mode:deciding:)`.
    public func since(_ ref: String, mode: SinceMode, deciding groups: [[String]]) throws -> Set<String> {
        let pathspecs = try groups.filter { !$0.isEmpty }.map(Pathspec.init)
        let union = try Pathspec(Array(Set(groups.joined())).sorted())
        return try withSinceTree(ref, mode: mode) { tree, repo in
            let changed = try SinceFastPath(repository: repository, diffs: self).decidingPaths(tree: tree.handle, repo, groups: pathspecs)
                ?? sinceThroughLibgit2(tree, ref: ref, repo)
            return changed.filter(union.matches)
        }
    }

    private func since(_ ref: String, mode: SinceMode, filter: Pathspec?) throws -> Set<String> {
        try withSinceTree(ref, mode: mode) { tree, repo in
            let fast = SinceFastPath(repository: repository, diffs: self)
            let changed = try fast.changedPaths(tree: tree.handle, repo, within: filter) ?? sinceThroughLibgit2(tree, ref: ref, repo)
            guard let filter else { return changed }
            return changed.filter(filter.matches)
        }
    }

    /// Resolves `ref` (and the merge base, in that mode) to the tree `since` compares with.
    private func withSinceTree<T>(_ ref: String, mode: SinceMode, _ body: (TreeHandle, OpaquePointer) throws -> T) throws -> T {
        try repository.withHandle { repo in
            PhaseTrace.mark("since: repository open")
            let target = try resolveCommit(ref, repo)
            var base = target
            if mode == .mergeBase {
                guard let head = try headCommit(repo) else { throw GitErrors.unbornHead(ref) }
                base = try mergeBase(target, head, ref: ref, repo)
            }
            let tree = try TreeHandle(commit: base, repo)
            PhaseTrace.mark("since: ref resolved")
            return try body(tree, repo)
        }
    }

    /// The general path, and the answer the fast one must equal: libgit2's `git diff <tree>`.
    func sinceThroughLibgit2(_ tree: TreeHandle, ref: String, _ repo: OpaquePointer) throws -> Set<String> {
        var options = diffOptions()
        return try withPathspec(&options) { options in
            var diff: OpaquePointer?
            try check(git_diff_tree_to_workdir_with_index(&diff, repo, tree.handle, options),
                      "diff \(ref) against the work tree")
            defer { git_diff_free(diff) }
            return try paths(ofTreeToWorkTree: diff, repo)
        }
    }

    /// The paths of a merged tree → index → work-tree diff (libgit2's `tree_to_workdir_with_index`, or
    /// `git_diff_merge` of the two halves), as `git diff REF` lists them. libgit2 calls a file modified when the
    /// index differs from the tree even if the work tree went back to the tree's content; git compares the two ends
    /// and lists nothing. So a regular file modified at both steps is compared end to end: the work-tree side's id
    /// when libgit2 computed it (1.5 leaves its VALID_ID flag off in merged deltas; an id it did not compute is all
    /// zeros), else hashed here with the repository's filters. Call inside `withHandle`.
    func paths(ofTreeToWorkTree diff: OpaquePointer?, _ repo: OpaquePointer) throws -> Set<String> {
        let validID = UInt32(GIT_DIFF_FLAG_VALID_ID.rawValue)
        return try paths(of: diff, droppingUnchanged: { delta in
            guard delta.status == GIT_DELTA_MODIFIED, delta.old_file.flags & validID != 0,
                  delta.old_file.mode == delta.new_file.mode, delta.old_file.mode & 0o170000 == 0o100000,
                  let raw = delta.new_file.path else { return false }
            var current = OID(delta.new_file.id)
            if current.isZero {
                current = try BlobHasher.hashWorkTreeFile(String(cString: raw), repo: repo, workTreeRoot: repository.workTreeRoot)
                    ?? OID.zero
            }
            return current == OID(delta.old_file.id)
        })
    }

    /// `since` forced through the general path. For tests.
    func sinceThroughLibgit2(_ ref: String, mode: SinceMode) throws -> Set<String> {
        try repository.withHandle { repo in
            var base = try resolveCommit(ref, repo)
            if mode == .mergeBase, let head = try headCommit(repo) { base = try mergeBase(base, head, ref: ref, repo) }
            return try sinceThroughLibgit2(try TreeHandle(commit: base, repo), ref: ref, repo)
        }
    }

    /// `git diff --cached --name-only`: the index against HEAD (an empty tree before the first commit); conflicted
    /// paths of an unfinished merge are included, intent-to-add entries are not (nothing of theirs is staged).
    public func staged() throws -> Set<String> {
        try repository.withHandle { repo in
            let tree = try headCommit(repo).map { try TreeHandle(commit: $0, repo) }
            if let tree, let fast = try SinceFastPath(repository: repository, diffs: self).stagedPaths(tree: tree.handle, repo) {
                return fast
            }
            return try stagedThroughLibgit2(tree, repo)
        }
    }

    /// `staged` forced through the general path. For tests.
    func stagedThroughLibgit2() throws -> Set<String> {
        try repository.withHandle { repo in
            try stagedThroughLibgit2(try headCommit(repo).map { try TreeHandle(commit: $0, repo) }, repo)
        }
    }

    /// The general path, and the answer the fast one must equal: libgit2's `git diff --cached`.
    func stagedThroughLibgit2(_ tree: TreeHandle?, _ repo: OpaquePointer) throws -> Set<String> {
        let index = try repository.loadIndex(repo)
        var options = diffOptions()
        let changed = try withPathspec(&options) { options in
            var diff: OpaquePointer?
            try check(git_diff_tree_to_index(&diff, repo, tree?.handle, index, options), "diff HEAD against the index")
            defer { git_diff_free(diff) }
            return paths(of: diff)
        }
        return changed.subtracting(intentToAddPaths(index))
    }

    /// `git diff --name-only`: the work tree against the index, without untracked files; intent-to-add entries
    /// always count (git shows them as new files, even when empty).
    public func worktree() throws -> Set<String> {
        try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            var options = diffOptions()
            let changed = try withPathspec(&options) { options in
                var diff: OpaquePointer?
                try check(git_diff_index_to_workdir(&diff, repo, index, options), "diff the index against the work tree")
                defer { git_diff_free(diff) }
                return paths(of: diff)
            }
            return changed.union(intentToAddPaths(index))
        }
    }

    public func pushed(_ lines: [String], remote: String) throws -> Set<String> {
        try PushRanges(repository: repository, remote: remote).changedPaths(lines)
    }

    // MARK: Diff plumbing shared with PushRanges

    func diffOptions() -> git_diff_options {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags = GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        return options
    }

    /// Limits the diff to the project directory, when it is below the work-tree root.
    func withPathspec<T>(_ options: inout git_diff_options, _ body: (UnsafePointer<git_diff_options>) throws -> T) throws -> T {
        let prefix = repository.projectPrefix
        if prefix.isEmpty { return try body(&options) }
        return try withStrarray([String(prefix.dropLast())]) { array in
            options.pathspec = array.pointee
            return try body(&options)
        }
    }

    /// Both sides of every delta, relative to the project root.
    func paths(of diff: OpaquePointer?) -> Set<String> {
        paths(of: diff, droppingUnchanged: { _ in false })
    }

    /// Both sides of every delta for which `unchanged` is false, relative to the project root.
    private func paths(of diff: OpaquePointer?, droppingUnchanged unchanged: (git_diff_delta) throws -> Bool) rethrows -> Set<String> {
        var result = Set<String>()
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee, try !unchanged(delta) else { continue }
            for raw in [delta.old_file.path, delta.new_file.path] {
                if let raw, let path = repository.projectRelative(String(cString: raw)) { result.insert(path) }
            }
        }
        return result
    }

    private func intentToAddPaths(_ index: OpaquePointer) -> Set<String> {
        var result = Set<String>()
        let flag = UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue)
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position), entry.pointee.flags_extended & flag != 0,
                  let path = repository.projectRelative(String(cString: entry.pointee.path)) else { continue }
            result.insert(path)
        }
        return result
    }

    // MARK: Commits

    func resolveCommit(_ ref: String, _ repo: OpaquePointer) throws -> OID {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, repo, ref)
        defer { git_object_free(object) }
        guard code == 0 else {
            if [GIT_ENOTFOUND, GIT_EAMBIGUOUS, GIT_EINVALIDSPEC].map(\.rawValue).contains(code) {
                throw GitErrors.unknownRef(ref, shallow: git_repository_is_shallow(repo) == 1)
            }
            throw GitErrors.libgit2("resolve \"\(ref)\"", code: code)
        }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else {
            throw GitErrors.unknownRef(ref)  // A tree or blob: not something history can be compared with.
        }
        defer { git_object_free(commit) }
        return OID(git_object_id(commit).pointee)
    }

    /// nil before the first commit.
    func headCommit(_ repo: OpaquePointer) throws -> OID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, repo, "HEAD")
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check(code, "resolve HEAD")
        return OID(oid)
    }

    func mergeBase(_ one: OID, _ two: OID, ref: String, _ repo: OpaquePointer) throws -> OID {
        var out = git_oid()
        var left = one.raw, right = two.raw
        let code = git_merge_base(&out, repo, &left, &right)
        if code == 0 { return OID(out) }
        let shallow = git_repository_is_shallow(repo) == 1
        // In a shallow clone, history ends at the graft points: a missing base (or a walk that fell off the end)
        // means "unknown", never "everything" or "nothing".
        if shallow { throw GitErrors.shallowWithoutMergeBase(ref) }
        if code == GIT_ENOTFOUND.rawValue { throw GitErrors.noMergeBase(ref) }
        throw GitErrors.libgit2("find the merge base of \"\(ref)\" and HEAD", code: code)
    }
}

/// A commit's tree, freed when the handle goes away.
final class TreeHandle {
    let handle: OpaquePointer

    init(commit: OID, _ repo: OpaquePointer) throws {
        var commitObject: OpaquePointer?
        var raw = commit.raw
        try check(git_commit_lookup(&commitObject, repo, &raw), "read commit \(commit.hex)")
        defer { git_commit_free(commitObject) }
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commitObject), "read the tree of \(commit.hex)")
        handle = tree!
    }

    deinit { git_tree_free(handle) }
}
