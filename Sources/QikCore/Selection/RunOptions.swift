/// Everything that selects and shapes a run: the CLI flags of §2.1, after `QIK__…` environment overrides.
public struct RunOptions: Sendable, Equatable {
    public enum CacheStatus: String, Sendable, CaseIterable { case warm, cold }
    public enum LoggerKind: String, Sendable, CaseIterable { case progress, stdout }

    public var commands: [String] = []
    public var modules: [String] = []
    public var spaces: [String] = []
    public var tags: [String] = []
    public var caches: [String] = []
    public var cacheStatus: CacheStatus?
    public var since: String?
    public var sinceMode: SinceMode = .mergeBase
    /// An explicit change set (the staged files of a pre-commit hook, the pushed ranges of pre-push): selects
    /// like `--since`, with these paths instead of a diff against a ref.
    public var changedPaths: Set<String>?
    public var force = false
    public var workers: Int
    public var isolated = false
    public var ls = false
    public var json = false
    public var fail = false
    public var logger: LoggerKind?
    public var verbosity = 1

    public init(workers: Int) { self.workers = workers }
}
