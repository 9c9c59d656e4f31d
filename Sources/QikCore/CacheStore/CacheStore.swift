/// Where results of runnables are kept (§5). A lookup is a hit only when the manifest's hash equals the current key,
/// its log exists and its artifacts restore.
public protocol CacheStore: Sendable {
    /// `local`, `repo`, `none`, or a custom cache's name.
    var name: String { get }
    /// True for `none` only: nothing is read or written, so a runnable's key need not be computed. A requirement
    /// rather than `store is NoCacheStore`: on Linux that cast's first use looks Foundation's bridging up (~0.07 ms).
    var storesNothing: Bool { get }
    func get(_ runnable: Runnable, hash: String, restoreArtifacts: Bool) throws -> CacheEntry?
    func set(_ runnable: Runnable, result: RunResult) throws
}

extension CacheStore {
    public var storesNothing: Bool { false }
}

/// `cache = "none"`: never read or written.
public struct NoCacheStore: CacheStore {
    public init() {}
    public var name: String { "none" }
    public var storesNothing: Bool { true }
    public func get(_ runnable: Runnable, hash: String, restoreArtifacts: Bool) throws -> CacheEntry? { nil }
    public func set(_ runnable: Runnable, result: RunResult) throws {}
}
