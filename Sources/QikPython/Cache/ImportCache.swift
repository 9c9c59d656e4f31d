import Foundation

/// Scan results keyed by a caller-supplied content id (a git blob id), so that rebuilding the graph after
/// one file changed scans one file. Results are raw (unresolved), so one cache serves every graph option.
///
/// Stored as one binary file, `imports-v<scannerVersion>.bin` (`CacheFileFormat`; JSON, then tab-separated text,
/// took longer to decode than the rest of a rebuild), in a directory the caller chooses (`._qik/pygraph/imports/`),
/// and kept packed in memory (`PackedScans`). A missing, unreadable or corrupted file is an empty cache; bumping
/// `scannerVersion` when the scanner's output changes orphans old files instead of trusting them.
public struct ImportCache: Sendable {
    public static let scannerVersion = 1

    /// The loaded file's bytes, then the bodies of results stored since.
    private(set) var scans: PackedScans
    private var bodies: [String: Range<Int>]
    /// Lookups answered / not answered since creation (for tests and `-v` output).
    public private(set) var hits = 0
    public private(set) var misses = 0
    private var used = Set<String>()
    private var stored = false

    public init(entries: [String: ScanResult] = [:]) {
        scans = PackedScans()
        bodies = [:]
        for (id, result) in entries { bodies[id] = scans.append(result) }
    }

    private init(file: [UInt8], bodies: [String: Range<Int>]) {
        scans = PackedScans(storage: file)
        self.bodies = bodies
    }

    /// Every entry, decoded (tests and diagnostics; builds read the packed bodies).
    public var entries: [String: ScanResult] { bodies.mapValues { scans.decode($0) } }

    /// Whether `save` would write something new: a result was stored, or a loaded entry went unused (and would be
    /// dropped). Lookups alone never make the cache dirty, however often the same content id is asked for.
    public var needsSaving: Bool { stored || used.count != bodies.count }

    public static func fileURL(in directory: URL) -> URL {
        directory.appendingPathComponent("imports-v\(scannerVersion).bin")
    }

    public static func load(from directory: URL) -> ImportCache {
        guard let data = try? Data(contentsOf: fileURL(in: directory)) else { return ImportCache() }
        let file = [UInt8](data)
        guard let index = file.withUnsafeBufferPointer(CacheFileFormat.index) else { return ImportCache() }
        return ImportCache(file: file, bodies: Dictionary(index, uniquingKeysWith: { _, last in last }))
    }

    /// Writes the entries used since loading (others are dropped), atomically.
    public func save(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kept = bodies.filter { used.contains($0.key) }.map { (id: $0.key, body: $0.value) }
        try Data(CacheFileFormat.encode(kept, storage: scans.storage)).write(to: Self.fileURL(in: directory), options: .atomic)
    }

    public mutating func result(for contentID: String) -> ScanResult? {
        body(for: contentID).map { scans.decode($0) }
    }

    public mutating func store(_ result: ScanResult, for contentID: String) {
        _ = storeBody(result, for: contentID)
    }

    /// The packed body of `contentID`'s result in `scans`, counted as a hit or a miss.
    mutating func body(for contentID: String) -> Range<Int>? {
        guard let found = bodies[contentID] else {
            misses += 1
            return nil
        }
        hits += 1
        used.insert(contentID)
        return found
    }

    /// Stores `result` (problems without their file name: bodies have none) and returns its body in `scans`.
    mutating func storeBody(_ result: ScanResult, for contentID: String) -> Range<Int> {
        let range = scans.append(result)
        bodies[contentID] = range
        used.insert(contentID)
        stored = true
        return range
    }
}
