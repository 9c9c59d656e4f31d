import Foundation

/// Scan results keyed by a caller-supplied content id (a git blob id), so that rebuilding the graph after
/// one file changed scans one file. Results are raw (unresolved), so one cache serves every graph option.
///
/// Stored as one tab-separated text file, `imports-v<scannerVersion>.tsv` (JSON decoding alone took longer than
/// rescanning a few files), in a directory the caller chooses
/// (`._qik/pygraph/imports/`). A missing or unreadable file is an empty cache; bumping `scannerVersion`
/// when the scanner's output changes orphans old files instead of trusting them.
public struct ImportCache: Sendable {
    public static let scannerVersion = 1

    public private(set) var entries: [String: ScanResult]
    /// Lookups answered / not answered since creation (for tests and `-v` output).
    public private(set) var hits = 0
    public private(set) var misses = 0
    private var used = Set<String>()

    public init(entries: [String: ScanResult] = [:]) {
        self.entries = entries
    }

    public static func fileURL(in directory: URL) -> URL {
        directory.appendingPathComponent("imports-v\(scannerVersion).tsv")
    }

    public static func load(from directory: URL) -> ImportCache {
        guard let data = try? Data(contentsOf: fileURL(in: directory)) else { return ImportCache() }
        return ImportCache(entries: CacheFileFormat.decode(data) ?? [:])
    }

    /// Writes the entries used since loading (others are dropped), atomically.
    public func save(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kept = entries.filter { used.contains($0.key) }
        try CacheFileFormat.encode(kept).write(to: Self.fileURL(in: directory), options: .atomic)
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
        var stored = result
        for i in stored.problems.indices { stored.problems[i].file = "" }
        entries[contentID] = stored
        used.insert(contentID)
    }
}
