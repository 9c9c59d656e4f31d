import Foundation
import QikCore

/// A direct reader for the common index formats (v2/v3, no split or sparse index), the hot path of `IndexSnapshot`.
///
/// `git_index_read` verifies the SHA-1 trailer over the whole file and builds a hash map of every entry: on a
/// 20k-entry index that is ~110 million instructions, most of qik's clean-tree cost, while git itself skips the
/// trailer check when reading. This reader does what `git ls-files -s` does: one `read`, then a walk over the
/// fixed-size entry headers. Anything it does not fully understand makes it return nil, and the caller falls back
/// to libgit2: version 4 (prefix-compressed paths), any required extension (lowercase signature: `link` for a
/// split index, `sdir` for a sparse one), or a layout that does not add up (libgit2 then reports the corruption).
struct IndexFile {
    struct Entry {
        /// Where the path's bytes are (project relative): loops read them in place (`withPath`); `path` builds a
        /// `String` for the rest.
        let paths: PathTable
        let pathStart: Int32
        let pathLength: Int32
        var id: OID
        var mode: UInt32
        var recorded: IndexSnapshot.IndexStat
        /// 0 for a merged entry, 1…3 for the sides of a conflict.
        var stage: UInt16
        var intentToAdd: Bool

        init(paths: PathTable, pathStart: Int32, pathLength: Int32, id: OID, mode: UInt32, recorded: IndexSnapshot.IndexStat,
             stage: UInt16, intentToAdd: Bool) {
            self.paths = paths
            self.pathStart = pathStart
            self.pathLength = pathLength
            self.id = id
            self.mode = mode
            self.recorded = recorded
            self.stage = stage
            self.intentToAdd = intentToAdd
        }

        /// An entry with a path table of its own (tests; the readers share one table per index read).
        init(path: String, id: OID, mode: UInt32, recorded: IndexSnapshot.IndexStat, stage: UInt16, intentToAdd: Bool) {
            let (table, start, length) = PathTable.single(path)
            self.init(paths: table, pathStart: start, pathLength: length, id: id, mode: mode, recorded: recorded,
                      stage: stage, intentToAdd: intentToAdd)
        }

        /// The path as a string, built on each call: loops over many entries use `withPath`.
        var path: String { withPath { String(decoding: $0, as: UTF8.self) } }

        /// The path's bytes, in place.
        func withPath<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            try withExtendedLifetime(paths) { try body(paths.bytes(pathStart, pathLength)) }
        }

        var pathBytes: [UInt8] { withPath { Array($0) } }

        /// `GitRepository.belongsInLightIndex`, from the bytes: asked of every entry when an in-memory index is built.
        var belongsInLightIndex: Bool {
            mode == 0o160000 || withPath { GitRepository.isAttributesOrModulesFile($0) }
        }

        /// Intent-to-add and conflicted entries have no trustworthy id: their content is always read from the work tree.
        var contentOnly: Bool { intentToAdd || stage != 0 }
    }

    /// In file order, which is git's order (path bytes, then stage).
    var entries: [Entry]
    /// The `TREE` extension (cache tree), work-tree relative; empty when absent or not read.
    var cacheTree = CacheTree()
    /// Seconds part of the index file's mtime, from the same open file the entries were read from.
    var mtimeSeconds: Int32
    /// Which version of the file was read: git replaces the index by rename, so a new index is a new identity.
    var identity = Identity()

    /// Device, inode, size and times of an index file.
    struct Identity: Equatable {
        var device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = -1
        var mtime = timespec(), ctime = timespec()

        init() {}

        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int64(st.st_size)
            mtime = st.st_mtim
            ctime = st.st_ctim
        }

        /// The identity of the file at `path` now; nil when it cannot be stat-ed.
        static func current(_ path: String) -> Identity? {
            var st = stat()
            return stat(path, &st) == 0 ? Identity(st) : nil
        }

        static func == (lhs: Identity, rhs: Identity) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.mtime.tv_sec == rhs.mtime.tv_sec && lhs.mtime.tv_nsec == rhs.mtime.tv_nsec
                && lhs.ctime.tv_sec == rhs.ctime.tv_sec && lhs.ctime.tv_nsec == rhs.ctime.tv_nsec
        }
    }

    /// nil when the file is missing (no index yet) or not in a form this reader handles. `withCacheTree: false`
    /// skips the `TREE` extension, which only `since` needs: on django it costs more than the entries themselves.
    static func read(_ path: String, projectPrefix: String, withCacheTree: Bool = true,
                     concurrentTreeSize: Int = concurrentTreeSize) -> IndexFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 12 + 20, st.st_size < Int(Int32.max) else { return nil }
        let size = Int(st.st_size)
        // Mapped, not read: a read into fresh heap memory first zero-fills and faults in every page (about half a
        // millisecond for django's 900 KB index). Git replaces the index by rename, never rewrites it in place, so the
        // mapping stays the file that was opened.
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        let bytes = UnsafeRawBufferPointer(start: mapped, count: size)
        let prefix = Array(projectPrefix.utf8)
        var cacheTree = CacheTree()
        let parsed: [Entry]?
        if withCacheTree, size >= concurrentTreeSize, let start = extensionsStart(bytes) {
            // The cache tree and the entries are independent parts of the file: on django each takes about half of
            // the read, which sits on `--since`'s critical path while the configuration is parsed.
            let tree = ConcurrentCacheTree(bytes: bytes, extensionsStart: start)
            parsed = parse(bytes, prefix: prefix, cacheTree: nil)
            cacheTree = tree.wait()
        } else {
            parsed = withCacheTree ? parse(bytes, prefix: prefix, cacheTree: &cacheTree) : parse(bytes, prefix: prefix, cacheTree: nil)
        }
        guard let entries = parsed else { return nil }
        return IndexFile(entries: entries, cacheTree: cacheTree, mtimeSeconds: FileStat(st).mtimeSeconds, identity: Identity(st))
    }

    /// From this size up (bytes), `read` parses the cache tree on a thread of its own; a thread start costs about as
    /// much as parsing a few hundred entries. Only with more than two cores: on two, the main thread and the stat
    /// helper already fill them, and the extra thread made `--since` 0.1 ms slower.
    static let concurrentTreeSize = ProcessEnvironment.processorCount > 2 ? 128 * 1024 : Int.max

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    private static func u16(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))
    }

    /// The version (2 or 3) and entry count of a plain index; nil for anything else.
    private static func header(_ bytes: UnsafeRawBufferPointer) -> (version: UInt32, count: Int)? {
        guard bytes.count >= 12 + 20, u32(bytes, 0) == 0x4449_5243 /* DIRC */ else { return nil }
        let version = u32(bytes, 4)
        guard version == 2 || version == 3 else { return nil }
        return (version, Int(u32(bytes, 8)))
    }

    /// Where the entry at `offset` keeps its path, and where the next one starts; nil when it does not add up.
    private static func extent(_ bytes: UnsafeRawBufferPointer, at offset: Int, version: UInt32)
        -> (pathStart: Int, pathLength: Int, next: Int)?
    {
        let end = bytes.count - 20  // The SHA-1 trailer.
        guard offset + 62 <= end else { return nil }
        let flags = u16(bytes, offset + 60)
        let extended = flags & 0x4000 != 0
        guard !extended || version >= 3 else { return nil }
        let pathStart = offset + (extended ? 64 : 62)
        guard pathStart <= end else { return nil }
        // The name length field saturates at 0xFFF; the NUL terminator is authoritative.
        var pathLength = Int(flags & 0x0FFF)
        if pathLength == 0x0FFF || pathStart + pathLength >= end || bytes[pathStart + pathLength] != 0 {
            guard let nul = (pathStart..<end).first(where: { bytes[$0] == 0 }) else { return nil }
            pathLength = nul - pathStart
        }
        let next = offset + ((pathStart - offset + pathLength + 8) & ~7)
        guard next <= end else { return nil }
        return (pathStart, pathLength, next)
    }

    /// Where the extensions start, found by walking the entries' lengths only.
    static func extensionsStart(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let (version, count) = header(bytes) else { return nil }
        var offset = 12
        for _ in 0..<count {
            guard let (_, _, next) = extent(bytes, at: offset, version: version) else { return nil }
            offset = next
        }
        return offset
    }

    /// Entries under `prefix` (stripped), or nil when the layout is not plain v2/v3 or does not add up.
    static func parse(_ bytes: UnsafeRawBufferPointer, prefix: [UInt8], cacheTree: UnsafeMutablePointer<CacheTree>?)
        -> [Entry]?
    {
        guard let (version, count) = header(bytes) else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        let paths = PathTable(capacity: bytes.count)
        var offset = 12
        for _ in 0..<count {
            guard let (pathStart, pathLength, next) = extent(bytes, at: offset, version: version) else { return nil }
            let path = UnsafeRawBufferPointer(rebasing: bytes[pathStart..<(pathStart + pathLength)])
            if prefix.isEmpty || path.starts(with: prefix) {
                let flags = u16(bytes, offset + 60)
                let extendedFlags = flags & 0x4000 != 0 ? u16(bytes, offset + 62) : 0
                let relative = UnsafeRawBufferPointer(rebasing: path[prefix.count...]).bindMemory(to: UInt8.self)
                entries.append(Entry(
                    paths: paths, pathStart: paths.append(relative), pathLength: Int32(relative.count),
                    id: OID(bytes: UnsafeRawBufferPointer(rebasing: bytes[(offset + 40)..<(offset + 60)])),
                    mode: u32(bytes, offset + 24),
                    recorded: IndexSnapshot.IndexStat(
                        mtimeSeconds: Int32(bitPattern: u32(bytes, offset + 8)), mtimeNanoseconds: u32(bytes, offset + 12),
                        ctimeSeconds: Int32(bitPattern: u32(bytes, offset)), ctimeNanoseconds: u32(bytes, offset + 4),
                        device: u32(bytes, offset + 16), inode: u32(bytes, offset + 20), uid: u32(bytes, offset + 28),
                        gid: u32(bytes, offset + 32), size: u32(bytes, offset + 36)),
                    stage: (flags & 0x3000) >> 12,
                    intentToAdd: extendedFlags & 0x2000 != 0))
            }
            offset = next
        }
        return extensions(bytes, from: offset, cacheTree: cacheTree) ? entries : nil
    }

    /// Walks the extensions from `offset`, parsing the `TREE` one into `cacheTree` if given. Optional extensions
    /// start with an uppercase letter and may be ignored; false for a required one, or a layout that does not add up.
    static func extensions(_ bytes: UnsafeRawBufferPointer, from start: Int, cacheTree: UnsafeMutablePointer<CacheTree>?) -> Bool {
        let end = bytes.count - 20
        var offset = start
        while offset < end {
            guard offset + 8 <= end else { return false }
            let first = bytes[offset]
            guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
            let length = Int(u32(bytes, offset + 4))
            guard length <= end - offset - 8 else { return false }
            if u32(bytes, offset) == 0x5452_4545 /* TREE */, let cacheTree {
                // A malformed cache tree only costs the shortcut, never the answer.
                cacheTree.pointee = CacheTree(parsing: bytes, from: offset + 8, to: offset + 8 + length)
            }
            offset += 8 + length
        }
        return true
    }

    /// Positions of the entries `pathspec` matches, in order; with `entries` sorted by path (index order), only the
    /// ranges under the pathspec's directory prefixes are matched one by one.
    static func positions(in entries: [Entry], matching pathspec: Pathspec) -> [Int] {
        if pathspec.matchesEverything { return Array(entries.indices) }
        guard let prefixes = pathspec.directoryPrefixes else {
            var found: [Int] = []
            for position in entries.indices where entries.withPath(at: position, { pathspec.matches($0) }) { found.append(position) }
            return found
        }
        var merged: [Range<Int>] = []
        for range in prefixes.map({ range(in: entries, under: $0) }).sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var found: [Int] = []
        for range in merged {
            for position in range where entries.withPath(at: position, { pathspec.matches($0) }) { found.append(position) }
        }
        return found
    }

    /// The entries whose path starts with `prefix`: a contiguous range, since entries are sorted by path bytes.
    private static func range(in entries: [Entry], under prefix: String) -> Range<Int> {
        let prefix = Array(prefix.utf8)
        func firstPosition(where isPast: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries.withPath(at: middle, isPast) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        // In path order: paths before the prefix, then the ones under it, then the ones after.
        let start = firstPosition { PathBytes.compare(prefix, $0) <= 0 }
        return start..<firstPosition { PathBytes.compare(prefix, $0) < 0 && !PathBytes.hasPrefix($0, prefix) }
    }

    /// Positions of the entries (every stage) whose path is one of `paths`, in order.
    static func positions(in entries: [Entry], of paths: some Sequence<[UInt8]>) -> [Int] {
        var found: [Int] = []
        for path in paths {
            var low = 0, high = entries.count  // The first entry not below the path.
            while low < high {
                let middle = (low + high) / 2
                if entries.withPath(at: middle, { PathBytes.compare(path, $0) }) > 0 { low = middle + 1 } else { high = middle }
            }
            while low < entries.count, entries.withPath(at: low, { PathBytes.compare(path, $0) }) == 0 {
                found.append(low)
                low += 1
            }
        }
        return found.sorted()
    }
}

/// The cache tree of a mapped index, parsed on a thread of its own (`IndexFile.read`). `wait` must return before
/// the mapping goes away.
private final class ConcurrentCacheTree: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    private let start: Int
    private let done = DispatchSemaphore(value: 0)
    /// Written by the thread before `done` is signalled, read after.
    private var tree = CacheTree()

    init(bytes: UnsafeRawBufferPointer, extensionsStart: Int) {
        self.bytes = bytes
        start = extensionsStart
        DetachedThread.run { [self] in
            var parsed = CacheTree()
            _ = IndexFile.extensions(self.bytes, from: self.start, cacheTree: &parsed)
            tree = parsed
            done.signal()
        }
    }

    func wait() -> CacheTree {
        done.wait()
        return tree
    }
}
