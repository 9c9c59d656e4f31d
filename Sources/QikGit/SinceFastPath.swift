internal import CLibgit2
import Foundation
import QikCore

/// `git diff --name-only <tree>` with libgit2 doing only the paths the work tree may have changed.
///
/// libgit2's `git_diff_tree_to_workdir_with_index` reads its own index (a SHA-1 over the whole file), diffs every
/// tree against it and walks every work-tree directory: ~2.3× `git diff` on 20k files. Here two cheap passes
/// split the paths instead:
/// - tree against index: walking the tree beside `IndexFile`'s entries (skipping subtrees the cache tree vouches
///   for) gives the paths whose tree and index entries differ (either side missing, id, mode, conflict);
/// - index against work tree: an entry that is stat-clean (`IndexSnapshot.isStatClean`: git's `ie_match_stat` and
///   the racy-git rule), keeps its executable bit and has only real directories above it provably still matches
///   the work tree. Every other entry (modified, racy, missing, conflicted, intent-to-add, submodule) is "dirty".
/// A path the work tree still matches differs from the tree exactly when the index does, so the first pass
/// answers for it. Dirty paths (usually a handful) go through exactly what `git_diff_tree_to_workdir_with_index`
/// does, tree→index, index→workdir, `git_diff_merge`, on an in-memory index holding only their entries (stat
/// data zeroed, so libgit2 compares content) with the diff limited to exactly those paths.
struct SinceFastPath {
    let repository: GitRepository
    let diffs: GitChangeProvider

    /// Above this share of dirty entries, the full libgit2 diff costs about the same; nil tells the caller to use it.
    static let maximumCandidateShare = 4

    /// Paths changed between `tree` (a whole commit tree) and the work tree; nil when the fast path does not apply
    /// (an index format `IndexFile` leaves to libgit2, or too many candidates). Call inside `withHandle`.
    /// With `within`, only the work-tree files it matches are checked (the others may still be reported).
    func changedPaths(tree: OpaquePointer, _ repo: OpaquePointer, within: Pathspec? = nil) throws -> Set<String>? {
        PhaseTrace.mark("since: start")
        guard let index = repository.indexFile(withCacheTree: true) else { return nil }
        PhaseTrace.mark("since: index read")
        // Paths are kept as bytes: String equality would merge NFC and NFD spellings, which git keeps apart.
        let checked = within.map { filter in index.entries.indices.filter { index.entries.withPath(at: $0) { filter.matches($0) } } }
            ?? Array(index.entries.indices)
        // The work tree is stat-ed on other threads while this one walks the trees: the two sides are independent.
        let workTree = WorkTreeCheck(entries: index.entries, positions: checked,
                                     root: repository.workTreeRoot + "/" + repository.projectPrefix)
        let treeSide = Result { try treeCandidates(tree, index, repo) }
        PhaseTrace.mark("since: trees walked")
        let workTreeDirty = workTree.candidates(indexMtimeSeconds: index.mtimeSeconds)  // Waits for the stats, error or not.
        PhaseTrace.mark("since: stats done")
        let settled = try treeSide.get().subtracting(workTreeDirty)
        if workTreeDirty.count > max(64, checked.count / Self.maximumCandidateShare) { return nil }
        var changed = Set(settled.map { String(decoding: $0, as: UTF8.self) })
        if !workTreeDirty.isEmpty { changed.formUnion(try exactDiff(tree: tree, index: index, dirty: workTreeDirty, repo)) }
        return changed
    }

    /// For selection: enough changed paths to tell, for each group of pathspecs (one runnable's `--since` patterns),
    /// whether any changed path matches it. Every path returned that some group matches really changed, and a group
    /// that some change matches gets at least one. The trees come first; the work tree is then checked only under the
    /// groups they left open, so a `**.py` command hit by one committed file needs none of its files stat-ed. nil when
    /// the fast path does not apply.
    func decidingPaths(tree: OpaquePointer, _ repo: OpaquePointer, groups: [Pathspec]) throws -> Set<String>? {
        guard let index = repository.indexFile(withCacheTree: true) else { return nil }
        let root = repository.workTreeRoot + "/" + repository.projectPrefix
        let treeSide = try treeCandidates(tree, index, repo)
        PhaseTrace.mark("since: trees walked")
        // Tree candidates still in the index may have been changed back in the work tree: confirm them first. The
        // others left the index, which is their change.
        let confirmed = IndexFile.positions(in: index.entries, of: treeSide)
        let firstDirty = WorkTreeCheck(entries: index.entries, positions: confirmed, root: root, background: false)
            .candidates(indexMtimeSeconds: index.mtimeSeconds)
        var changed = Set(treeSide.subtracting(firstDirty).map { String(decoding: $0, as: UTF8.self) })
        if !firstDirty.isEmpty { changed.formUnion(try exactDiff(tree: tree, index: index, dirty: firstDirty, repo)) }
        let open = groups.filter { group in !changed.contains(where: group.matches) }
        if open.isEmpty { return changed }
        // Under the open groups, tree and index agree on every other entry: only the work tree can differ.
        var wanted = [Bool](repeating: false, count: index.entries.count)
        for group in open {
            for position in IndexFile.positions(in: index.entries, matching: group) { wanted[position] = true }
        }
        for position in confirmed { wanted[position] = false }
        let rest = index.entries.indices.filter { wanted[$0] }
        let dirty = WorkTreeCheck(entries: index.entries, positions: rest, root: root, background: false)
            .candidates(indexMtimeSeconds: index.mtimeSeconds)
        PhaseTrace.mark("since: \(confirmed.count) + \(rest.count) entries checked")
        if dirty.count > max(64, rest.count / Self.maximumCandidateShare) { return nil }
        if !dirty.isEmpty { changed.formUnion(try exactDiff(tree: tree, index: index, dirty: dirty, repo)) }
        return changed
    }

    /// `git diff --cached --name-only`: HEAD's tree against the index, from the index file and its cache tree
    /// alone (git's own shortcut): no libgit2 index load, no per-file work for directories the cache tree vouches
    /// for. Intent-to-add entries are not staged content. nil when `IndexFile` leaves the index to libgit2.
    func stagedPaths(tree: OpaquePointer, _ repo: OpaquePointer) throws -> Set<String>? {
        guard let index = repository.indexFile(withCacheTree: true) else { return nil }
        let intentToAdd = Set(index.entries.lazy.filter(\.intentToAdd).map(\.path))
        let changed = try treeCandidates(tree, index, repo).map { String(decoding: $0, as: UTF8.self) }
        return Set(changed).subtracting(intentToAdd)
    }

    // MARK: Tree against index

    /// Project paths where the tree and the index differ (either side missing, id or mode, any conflict stage).
    private func treeCandidates(_ commitTree: OpaquePointer, _ index: IndexFile, _ repo: OpaquePointer) throws -> Set<[UInt8]> {
        var join = TreeIndexJoin(entries: index.entries, cacheTree: index.cacheTree)
        if let projectTree = try subtree(commitTree, at: repository.projectPrefix, repo) {
            defer { if projectTree != commitTree { git_tree_free(projectTree) } }
            let node = index.cacheTree.node(at: repository.projectPrefix)
            if !join.skipIfCached(directory: [], id: OID(git_tree_id(projectTree).pointee), node: node) {
                try join.walk(projectTree, repo, node: node)
            }
        }
        join.finish()
        return join.result
    }

    /// The tree subtree at `prefix` (`dir/`), the commit tree itself for an empty prefix; nil when there is none.
    private func subtree(_ tree: OpaquePointer, at prefix: String, _ repo: OpaquePointer) throws -> OpaquePointer? {
        if prefix.isEmpty { return tree }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, String(prefix.dropLast())) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        var sub: OpaquePointer?
        try check(git_tree_lookup(&sub, repo, git_tree_entry_id(entry)), "read the tree of \(prefix)")
        return sub
    }

    /// Walks a tree and the index side by side, both in git's path order (a flattened tree is in full-path byte
    /// order, the index's order). A subtree whose id equals the index's cache-tree id for that directory holds
    /// exactly the index's entries there, so it is skipped unread, as git does. Should the orders ever disagree,
    /// the join only reports more candidates, never fewer.
    private struct TreeIndexJoin {
        let entries: [IndexFile.Entry]
        let cacheTree: CacheTree
        var cursor = 0
        var path: [UInt8] = []
        var result = Set<[UInt8]>()

        /// Whether any entry is conflicted or intent-to-add.
        let hasContentOnlyEntries: Bool

        init(entries: [IndexFile.Entry], cacheTree: CacheTree) {
            self.entries = entries
            self.cacheTree = cacheTree
            hasContentOnlyEntries = entries.contains(where: \.contentOnly)
            path.reserveCapacity(256)
        }

        /// `node`: the cache-tree node of the directory `tree` was read for, nil when the cache tree has none.
        mutating func walk(_ tree: OpaquePointer, _ repo: OpaquePointer, node: Int?) throws {
            for position in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, position), let name = git_tree_entry_name(entry) else { continue }
                let depth = path.count
                let nameBytes = UnsafeRawBufferPointer(start: name, count: strlen(name))
                path.append(contentsOf: nameBytes)
                defer { path.removeSubrange(depth...) }
                let id = OID(git_tree_entry_id(entry).pointee)
                if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                    path.append(UInt8(ascii: "/"))
                    indexOnly(before: path)
                    let child = node.flatMap { cacheTree.child(of: $0, named: nameBytes) }
                    if skipIfCached(directory: path, id: id, node: child) { continue }
                    var sub: OpaquePointer?
                    try check(git_tree_lookup(&sub, repo, git_tree_entry_id(entry)), "read a tree")
                    defer { git_tree_free(sub) }
                    try walk(sub!, repo, node: child)
                } else {
                    indexOnly(before: path)
                    let mode = git_tree_entry_filemode(entry).rawValue
                    guard cursor < entries.count, entries.withPath(at: cursor, { PathBytes.compare(path, $0) }) == 0 else {
                        result.insert(path)  // Only in the tree.
                        continue
                    }
                    let indexed = entries[cursor]
                    if indexed.stage != 0 || indexed.id != id || indexed.mode != mode { result.insert(indexed.pathBytes) }
                    cursor += 1
                    while cursor < entries.count, entries.withPath(at: cursor, { PathBytes.compare(path, $0) }) == 0 {
                        result.insert(indexed.pathBytes)  // Further conflict stages.
                        cursor += 1
                    }
                }
            }
        }

        /// Index entries sorting before `bound` have no tree counterpart.
        mutating func indexOnly(before bound: [UInt8]) {
            while cursor < entries.count, entries.withPath(at: cursor, { PathBytes.compare(bound, $0) }) > 0 {
                result.insert(entries[cursor].pathBytes)
                cursor += 1
            }
        }

        /// Skips the index entries under `directory` (project relative, `/`-terminated; empty for the project root)
        /// when the cache tree vouches that they are exactly the tree `id`. Conflicted and intent-to-add entries
        /// still count, whatever the cache tree says.
        mutating func skipIfCached(directory: [UInt8], id: OID, node: Int?) -> Bool {
            guard let node, let cached = cacheTree.nodes[node].id, cached == id else { return false }
            // git's entry count says how many entries to pass over, so they need not be visited one by one. It is
            // trusted only without conflicted or intent-to-add entries anywhere (those must still count) and when the
            // entries around the jump agree: the last one inside the directory, the next one not.
            let count = cacheTree.nodes[node].entryCount
            if !hasContentOnlyEntries, count > 0, cursor + count <= entries.count,
               entries.withPath(at: cursor, { PathBytes.hasPrefix($0, directory) }),
               entries.withPath(at: cursor + count - 1, { PathBytes.hasPrefix($0, directory) }),
               cursor + count == entries.count || !entries.withPath(at: cursor + count, { PathBytes.hasPrefix($0, directory) }) {
                cursor += count
                return true
            }
            while cursor < entries.count, entries.withPath(at: cursor, { PathBytes.hasPrefix($0, directory) }) {
                if entries[cursor].stage != 0 || entries[cursor].intentToAdd { result.insert(entries[cursor].pathBytes) }
                cursor += 1
            }
            return true
        }

        mutating func finish() {
            while cursor < entries.count {
                result.insert(entries[cursor].pathBytes)
                cursor += 1
            }
        }
    }


    // MARK: libgit2 on the candidates

    private func exactDiff(tree: OpaquePointer, index: IndexFile, dirty: Set<[UInt8]>,
                           _ repo: OpaquePointer) throws -> Set<String> {
        var small: OpaquePointer?
        try check(git_index_new(&small), "create an index")
        defer { git_index_free(small) }
        // Bytes to libgit2 throughout: a path that is not UTF-8 must reach it as git stores it.
        let prefix = Array(repository.projectPrefix.utf8)
        let sorted = dirty.sorted { $0.lexicographicallyPrecedes($1) }
        for position in IndexFile.positions(in: index.entries, of: sorted) {
            try add(index.entries[position], prefix: prefix, to: small)
        }
        var options = diffs.diffOptions()
        options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        let light = index.entries.filter { $0.stage == 0 && $0.belongsInLightIndex }
            .map { (path: $0.path, id: $0.id, mode: $0.mode) }
        return try withStrarray(bytes: sorted.map { prefix + $0 }) { pathspec in
            options.pathspec = pathspec.pointee
            var staged: OpaquePointer?, unstaged: OpaquePointer?
            defer { git_diff_free(staged); git_diff_free(unstaged) }
            try check(git_diff_tree_to_index(&staged, repo, tree, small, &options), "diff the tree against the index")
            try repository.withLightIndex(repo, light) {
                try check(git_diff_index_to_workdir(&unstaged, repo, small, &options), "diff the index against the work tree")
            }
            try check(git_diff_merge(staged, unstaged), "merge two diffs")
            return try diffs.paths(ofTreeToWorkTree: staged, repo)
        }
    }

    /// Stat data stays zero, so libgit2 hashes the work-tree file instead of trusting it (libgit2 never calls an
    /// in-memory index racy, so only zeroed stat data is safe here).
    private func add(_ entry: IndexFile.Entry, prefix: [UInt8], to index: OpaquePointer?) throws {
        var raw = git_index_entry()
        raw.mode = entry.mode
        raw.id = entry.id.raw
        raw.flags = entry.stage << UInt16(GIT_INDEX_ENTRY_STAGESHIFT)
        if entry.intentToAdd { raw.flags_extended = UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) }
        let path = (prefix + entry.pathBytes + [0]).map { CChar(bitPattern: $0) }
        try path.withUnsafeBufferPointer { path in
            raw.path = path.baseAddress
            try check(git_index_add(index, &raw), "stage \(entry.path) in memory")
        }
    }
}
