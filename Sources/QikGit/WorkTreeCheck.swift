/// Which index entries the work tree may have changed (git's `git diff-files` question), from one batch of
/// `lstat`s started at init: the entries' files plus every leading directory, so a directory turned symlink or file
/// is seen (`d/f.txt` where `d` is now a link: lstat would look through it, git calls the entry deleted).
///
/// An entry counts when it is not stat-clean (`IndexSnapshot.isStatClean`: git's `ie_match_stat` and the racy-git
/// rule), its executable bit flipped, it is missing, conflicted, intent-to-add, a submodule (libgit2 looks inside
/// them) or behind a leading path that is no longer a directory.
struct WorkTreeCheck {
    private let entries: [IndexFile.Entry]
    private let positions: [Int]
    /// Entries counted without looking (conflicted, intent-to-add, submodules).
    private let always: [Int]
    /// Entries whose stat is compared, then the directories, in the order of `pending`'s outcomes.
    private let statted: [Int]
    /// As bytes: a directory name that is not UTF-8 must be stat-ed, and compared, as git stores it.
    private let directories: [[UInt8]]
    private let pending: BatchStat.Pending

    /// `background`: stat on other threads while the caller goes on (it calls `candidates` later); else now.
    init(entries: [IndexFile.Entry], positions: [Int], root: String, background: Bool = true) {
        var always: [Int] = []
        var statted: [Int] = []
        statted.reserveCapacity(positions.count)
        for position in positions {
            let entry = entries[position]
            if entry.stage != 0 || entry.intentToAdd || entry.mode == 0o160000 { always.append(position) } else { statted.append(position) }
        }
        self.entries = entries
        self.positions = positions
        self.always = always
        self.statted = statted
        directories = Self.leadingDirectories(entries, at: positions)
        let paths = StatPaths(entries: entries, positions: statted, then: directories)
        pending = background ? BatchStat.start(root: root, paths: paths) : BatchStat.now(root: root, paths: paths)
    }

    /// Waits for the stats, then lists the candidates (path bytes: String equality would merge NFC and NFD).
    func candidates(indexMtimeSeconds: Int32) -> Set<[UInt8]> {
        let outcomes = pending.wait()
        var result = Set(always.map { entries[$0].pathBytes })
        for (position, outcome) in zip(statted, outcomes) {
            let entry = entries[position]
            if case .found(let current) = outcome,
               IndexSnapshot.isStatClean(mode: entry.mode, recorded: entry.recorded, current, indexMtimeSeconds: indexMtimeSeconds),
               !current.isRegular || (entry.mode & 0o100 != 0) == (current.mode & 0o100 != 0) { continue }
            result.insert(entry.pathBytes)
        }
        var broken: [[UInt8]] = []
        for (directory, outcome) in zip(directories, outcomes.dropFirst(statted.count)) {
            if case .found(let stat) = outcome, stat.isDirectory { continue }
            broken.append(directory + [UInt8(ascii: "/")])
        }
        if !broken.isEmpty {
            for position in positions {
                let path = entries[position].pathBytes
                if broken.contains(where: { path.starts(with: $0) }) { result.insert(path) }
            }
        }
        return result
    }

    /// Every directory above the entries, once. Like git's `lstat_cache`, an entry's directory is compared with
    /// the previous one: in index order, only the components past their common prefix are new. No set, no hashing.
    private static func leadingDirectories(_ entries: [IndexFile.Entry], at positions: [Int]) -> [[UInt8]] {
        let separator = UInt8(ascii: "/")
        var directories: [[UInt8]] = []
        var previous: [UInt8] = []
        previous.reserveCapacity(256)
        for position in positions {
            entries.withPath(at: position) { utf8 in
                var slash = utf8.count - 1
                while slash >= 0, utf8[slash] != separator { slash -= 1 }
                guard slash > 0 else {
                    previous.removeAll(keepingCapacity: true)
                    return
                }
                let directory = UnsafeBufferPointer(rebasing: utf8[..<slash])
                var same = 0
                previous.withUnsafeBufferPointer { old in
                    let limit = min(directory.count, old.count)
                    while same < limit, directory[same] == old[same] { same += 1 }
                }
                if same == directory.count, same == previous.count { return }  // The same directory again.
                // The common prefix in whole components; ancestors of `directory` up to it were listed already.
                var common = same
                if same == directory.count, previous[same] == separator {
                    return  // An ancestor of the previous directory: nothing new, and `previous` stays the deeper one.
                } else if !(same == previous.count && directory[same] == separator) {
                    if common == directory.count { common -= 1 }
                    while common > 0, directory[common] != separator { common -= 1 }
                }
                var end = common + 1
                while end <= directory.count {
                    if end == directory.count || directory[end] == separator {
                        directories.append(Array(UnsafeBufferPointer(rebasing: directory[..<end])))
                    }
                    end += 1
                }
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: directory)
            }
        }
        return directories
    }
}
