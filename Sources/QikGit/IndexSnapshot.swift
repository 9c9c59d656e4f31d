internal import CLibgit2
import Foundation
import QikCore

/// The index as read once, plus the blob id of each entry's current content, worked out on first demand.
///
/// Like `git ls-files -c -m -s` followed by `git hash-object` of the modified files: an entry whose stat data
/// still matches the index (and is not racily clean) keeps its index id without reading the file; any other entry
/// is hashed from the work tree with the repository's filters (autocrlf, `.gitattributes` text/eol), a symlink as
/// its target text; a missing file gets forty zeros. Results are cached for the life of the snapshot.
final class IndexSnapshot: @unchecked Sendable {
    /// The index file's entries as read (path relative to the project root), with only the first stage of a conflict
    /// kept: no copy into a type of its own (a copy per entry was a tenth of reading the index).
    typealias Entry = IndexFile.Entry

    /// The stat fields of an index entry.
    struct IndexStat {
        var mtimeSeconds: Int32, mtimeNanoseconds: UInt32, ctimeSeconds: Int32, ctimeNanoseconds: UInt32
        var device: UInt32, inode: UInt32, uid: UInt32, gid: UInt32, size: UInt32
    }

    let repository: GitRepository
    /// Sorted by path bytes (index order), one entry per path.
    let entries: [Entry]
    /// Seconds part of the index file's mtime: entries modified in that second or later are racily clean.
    let indexMtimeSeconds: Int32
    /// Ids, not hex strings: the prefetch stores thousands, and the glob hash writes their hex straight into its input.
    private var blobIDs: [OID?]
    /// Keyed by the patterns' bytes: `String` equality would merge an NFC pattern with its NFD twin.
    private var matchedPositions: [[[UInt8]]: [Int]] = [:]
    private let lock = NSLock()

    init(repository: GitRepository) throws {
        self.repository = repository
        PhaseTrace.mark("snapshot: repository open")
        let read = try repository.indexFile(withCacheTree: false) ?? Self.readThroughLibgit2(repository)
        if read.entries.contains(where: { $0.stage != 0 }) {
            var entries: [Entry] = []
            entries.reserveCapacity(read.entries.count)
            for entry in read.entries {
                if entry.stage != 0, let last = entries.last, PathBytes.equal(last, entry) { continue }  // Later conflict stages.
                entries.append(entry)
            }
            self.entries = entries
        } else {
            entries = read.entries
        }
        indexMtimeSeconds = read.mtimeSeconds
        blobIDs = Array(repeating: nil, count: entries.count)
        PhaseTrace.mark("snapshot: index read")
    }

    /// The general path: whatever index libgit2 reads (split, sparse, v4 …).
    private static func readThroughLibgit2(_ repository: GitRepository) throws -> IndexFile {
        let prefix = Array(repository.projectPrefix.utf8CString.dropLast())
        var indexPath = ""
        let entries = try repository.withHandle { repo in
            let index = try repository.loadIndex(repo)
            if let path = git_index_path(index) { indexPath = String(cString: path) }
            let count = git_index_entrycount(index)
            var entries: [IndexFile.Entry] = []
            entries.reserveCapacity(count)
            // One path table for all entries: its size first.
            var total = 0
            for position in 0..<count { total += git_index_get_byindex(index, position)?.pointee.path.map { strlen($0) } ?? 0 }
            let paths = PathTable(capacity: total)
            for position in 0..<count {
                guard let raw = git_index_get_byindex(index, position)?.pointee, let rawPath = raw.path else { continue }
                guard prefix.isEmpty || strncmp(rawPath, prefix, prefix.count) == 0 else { continue }
                let relative = UnsafeBufferPointer(start: UnsafeRawPointer(rawPath + prefix.count).assumingMemoryBound(to: UInt8.self),
                                                   count: strlen(rawPath + prefix.count))
                entries.append(IndexFile.Entry(
                    paths: paths, pathStart: paths.append(relative), pathLength: Int32(relative.count),
                    id: OID(raw.id), mode: raw.mode,
                    recorded: IndexStat(
                        mtimeSeconds: raw.mtime.seconds, mtimeNanoseconds: raw.mtime.nanoseconds,
                        ctimeSeconds: raw.ctime.seconds, ctimeNanoseconds: raw.ctime.nanoseconds,
                        device: raw.dev, inode: raw.ino, uid: raw.uid, gid: raw.gid, size: raw.file_size),
                    stage: (raw.flags & UInt16(GIT_INDEX_ENTRY_STAGEMASK)) >> UInt16(GIT_INDEX_ENTRY_STAGESHIFT),
                    intentToAdd: raw.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0))
            }
            return entries
        }
        var st = stat()
        return IndexFile(entries: entries, mtimeSeconds: stat(indexPath, &st) == 0 ? FileStat(st).mtimeSeconds : Int32.max)
    }

    /// Every entry matching `pathspec` with the id of its current content, in index order.
    func trackedFiles(matching pathspec: Pathspec) throws -> [TrackedFile] {
        lock.lock()
        defer { lock.unlock() }
        let matching = try resolvedPositions(matching: pathspec)
        return matching.map { TrackedFile(path: entries[$0].path, blobID: blobIDs[$0]!.hex) }
    }

    /// The entries `pathspec` matches, in index order, each with its current id known. Call under `lock`.
    private func resolvedPositions(matching pathspec: Pathspec) throws -> [Int] {
        let matching = positions(matching: pathspec)
        try resolve(matching.filter { blobIDs[$0] == nil }, trustStat: true) { blobIDs[$0] = $1 }
        return matching
    }

    /// `trackedFiles(matching:)` without a `String` per file: `body` gets each path's UTF-8 bytes and the id's 40 hex
    /// digits, in index order. Runs under the snapshot's lock, so `body` must not call back into the snapshot.
    func visitTrackedFiles(matching pathspec: Pathspec,
                           _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        let matching = try resolvedPositions(matching: pathspec)
        let hex = UnsafeMutableRawBufferPointer.allocate(byteCount: 40, alignment: 1)
        defer { hex.deallocate() }
        for position in matching {
            blobIDs[position]!.writeHex(into: hex)
            try entries.withPath(at: position) { try body(UnsafeRawBufferPointer($0), UnsafeRawBufferPointer(hex)) }
        }
    }

    /// The paths of the entries matching `pathspec`, in index order, without looking at the work tree.
    func trackedPaths(matching pathspec: Pathspec) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return positions(matching: pathspec).map { entries[$0].path }
    }

    /// Works out the current id of every entry any of `pathspecs` matches, in one parallel stat batch, so the calls
    /// of `trackedFiles(matching:)` that follow (one per runnable) only look answers up.
    func prefetch(_ pathspecs: [Pathspec]) throws {
        lock.lock()
        defer { lock.unlock() }
        var wanted = [Bool](repeating: false, count: entries.count)
        for pathspec in pathspecs {
            for position in positions(matching: pathspec) { wanted[position] = true }
        }
        PhaseTrace.mark("snapshot: prefetch matched")
        try resolve(entries.indices.filter { wanted[$0] && blobIDs[$0] == nil }, trustStat: true) { blobIDs[$0] = $1 }
    }

    /// Positions of the entries `pathspec` matches, in index order; only the ranges under its directory prefixes
    /// are matched one by one. Remembered per pattern list: the prefetch and each runnable ask the same question.
    func positions(matching pathspec: Pathspec) -> [Int] {
        let key = pathspec.patterns.map { Array($0.utf8) }
        if let known = matchedPositions[key] { return known }
        let found = IndexFile.positions(in: entries, matching: pathspec)
        matchedPositions[key] = found
        return found
    }

    /// The slow path the fast one must agree with: every matching file hashed from the work tree. For tests.
    func fullRehash(matching pathspec: Pathspec) throws -> [TrackedFile] {
        let matching = entries.indices.filter { entries.withPath(at: $0) { pathspec.matches($0) } }
        var ids = [OID?](repeating: nil, count: entries.count)
        try resolve(matching, trustStat: false) { ids[$0] = $1 }
        return matching.map { TrackedFile(path: entries[$0].path, blobID: ids[$0]!.hex) }
    }

    /// Stats the entries at `positions` in one batch, then hashes the ones whose stat data does not vouch for them.
    private func resolve(_ positions: [Int], trustStat: Bool, _ store: (Int, OID) -> Void) throws {
        if positions.isEmpty { return }  // Everything already known (the prefetch answered): no syscalls at all.
        // A submodule's entry names a commit, not a blob, and qik does not descend into it.
        // Entries through the buffer: an array subscript here copied each whole entry (and retained its path table).
        let files = entries.withUnsafeBufferPointer { entries in
            var files: [Int] = []
            files.reserveCapacity(positions.count)
            for position in positions {
                let entry = entries.baseAddress! + position
                if entry.pointee.mode == 0o160000 { store(position, entry.pointee.id) } else { files.append(position) }
            }
            return files
        }
        let outcomes = BatchStat.lstat(root: repository.workTreeRoot + "/" + repository.projectPrefix,
                                       paths: StatPaths(entries: entries, positions: files))
        PhaseTrace.mark("snapshot: \(files.count) stats done")
        var absolute = AbsolutePathBuffer(root: repository.workTreeRoot + "/" + repository.projectPrefix)
        var toHash: [Int] = []
        for (position, outcome) in zip(files, outcomes) {
            if let known = try knownID(at: position, outcome, at: &absolute, trustStat: trustStat) {
                store(position, known)
            } else {
                toHash.append(position)
            }
        }
        if toHash.isEmpty { return }
        let light = entries.filter(\.belongsInLightIndex)
            .map { (path: $0.path, id: $0.id, mode: $0.mode) }
        try repository.withHandle { repo in
            try repository.withLightIndex(repo, light) {
                for position in toHash {
                    let hashed = try BlobHasher.hashWorkTreeFile(repository.workTreeRelative(entries[position].path),
                                                                 repo: repo, workTreeRoot: repository.workTreeRoot)
                    store(position, hashed ?? OID.zero)
                }
            }
        }
    }

    /// The id without reading a regular file's content: nil when it must be hashed with the repository's filters.
    /// By position, reading fields, not a copy of the entry: one copy per file showed in the no-op's profile.
    private func knownID(at position: Int, _ outcome: BatchStat.Outcome, at absolute: inout AbsolutePathBuffer,
                         trustStat: Bool) throws -> OID? {
        let current: FileStat
        switch outcome {
        case .missing: return OID.zero
        case .found(let value): current = value
        case .failed(let error): throw QikError("git4", "Cannot stat \(entries[position].path): \(error).")
        }
        if current.isDirectory { return OID.zero }  // git status calls a file turned directory deleted.
        if trustStat, !entries[position].contentOnly,
           Self.isStatClean(mode: entries[position].mode, recorded: entries[position].recorded, current,
                            indexMtimeSeconds: indexMtimeSeconds) {
            return entries[position].id
        }
        guard current.isSymlink else { return nil }
        let target = entries.withPath(at: position) { absolute.withPath(bytes: $0) { String(cString: $0) } }
        return try BlobHasher.hashSymlink(target) ?? OID.zero
    }

    /// Git's `ie_match_stat`, minus the mode's executable bit (it never changes a blob id), plus the racy-git rule.
    static func isStatClean(mode: UInt32, recorded: IndexStat, _ current: FileStat, indexMtimeSeconds: Int32) -> Bool {
        let sameType = mode == 0o120000 ? current.isSymlink : current.isRegular
        return sameType
            && recorded.mtimeSeconds == current.mtimeSeconds && recorded.mtimeNanoseconds == current.mtimeNanoseconds
            && recorded.ctimeSeconds == current.ctimeSeconds && recorded.ctimeNanoseconds == current.ctimeNanoseconds
            && recorded.size == current.size && recorded.inode == current.inode && recorded.device == current.device
            && recorded.uid == current.uid && recorded.gid == current.gid
            // Racy git: a file written in the same second as the index (or later) may have changed unseen.
            && recorded.mtimeSeconds < indexMtimeSeconds
    }
}

/// A reusable `<root>/<relative path>` C-string buffer, so stat-ing thousands of files allocates nothing per file.
struct AbsolutePathBuffer {
    private var bytes: [CChar]
    private let rootLength: Int

    init(root: String) {
        bytes = Array(root.utf8CString.dropLast())
        rootLength = bytes.count
        bytes.reserveCapacity(rootLength + 256)
    }

    mutating func withPath<T>(_ relative: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        var relative = relative
        return try relative.withUTF8 { try withPath(bytes: $0, body) }
    }

    mutating func withPath<T>(bytes relative: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        bytes.removeSubrange(rootLength...)
        relative.withMemoryRebound(to: CChar.self) { bytes.append(contentsOf: $0) }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
