import Foundation

/// Scan results keyed by a caller-supplied content id (a git blob id), so that rebuilding the graph after
/// one file changed scans one file. Results are raw (unresolved), so one cache serves every graph option.
///
/// Stored as one binary file, `imports-v<scannerVersion>.bin` (`CacheFileFormat`; JSON, then tab-separated text,
/// took longer to decode than the rest of a rebuild), in a directory the caller chooses (`._qik/pygraph/imports/`).
/// A missing, unreadable or corrupted file is an empty cache; bumping `scannerVersion` when the scanner's output
/// changes orphans old files instead of trusting them.
public struct ImportCache: Sendable {
    public static let scannerVersion = 1

    public private(set) var entries: [String: ScanResult]
    /// Lookups answered / not answered since creation (for tests and `-v` output).
    public private(set) var hits = 0
    public private(set) var misses = 0
    private var used = Set<String>()
    private var stored = false

    /// Whether `save` would write something new: a result was stored, or a loaded entry went unused (and would be
    /// dropped). Lookups alone never make the cache dirty, however often the same content id is asked for.
    public var needsSaving: Bool { stored || used.count != entries.count }

    public init(entries: [String: ScanResult] = [:]) {
        self.entries = entries
    }

    public static func fileURL(in directory: URL) -> URL {
        directory.appendingPathComponent("imports-v\(scannerVersion).bin")
    }

    public static func load(from directory: URL) -> ImportCache {
        guard let data = try? Data(contentsOf: fileURL(in: directory)) else { return ImportCache() }
        return ImportCache(entries: data.withUnsafeBytes { CacheFileFormat.decode($0) } ?? [:])
    }

    /// Writes the entries used since loading (others are dropped), atomically.
    public func save(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kept = entries.filter { used.contains($0.key) }
        try Data(CacheFileFormat.encode(kept)).write(to: Self.fileURL(in: directory), options: .atomic)
    }

    public mutating func result(for contentID: String) -> ScanResult? {
        guard let found = entries[contentID] else {
            misses += 1
            return nil
        }
        hits += 1
        used.insert(contentID)
        return found
    }

    public mutating func store(_ result: ScanResult, for contentID: String) {
        var entry = result
        for i in entry.problems.indices { entry.problems[i].file = "" }
        entries[contentID] = entry
        used.insert(contentID)
        self.stored = true
    }
}
