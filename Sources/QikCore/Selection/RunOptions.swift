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
    /// Store a result under the key of the inputs the command started with, not the key recomputed after it ran
    /// (0.2.10). `qik watch` sets it: a file saved during a run must not be attributed to that run, or the next
    /// batch would replay a result computed from the old content.
    public var keyFromRunStart = false

    public init(workers: Int) { self.workers = workers }
}
