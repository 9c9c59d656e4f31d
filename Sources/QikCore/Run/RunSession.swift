import Foundation

/// The run path of `qik` end to end: select, then list (`--ls`, `--fail`) or execute, write `._qik/out`, and
/// return the exit code (§2.2). Git and templating arrive as protocols so this file knows neither libgit2 nor TOML.
public struct RunSession: Sendable {
    public struct Services: Sendable {
        public let files: any FileStateProviding
        public let changes: any ChangeProviding
        public let repository: (any RepositoryWriting)?
        public let compile: Selector.PathspecCompiler
        public let renderer: any TemplateRendering
        /// The repository's `core.quotePath`, asked only when a key is computed.
        public var quotePath: @Sendable () -> Bool = { true }
        /// Builds import graphs and reads distributions (QikPython); nil runs no pygraph runnable.
        public var importGraph: (any ImportGraphBuilding & DistributionProviding)?

        public init(
            files: any FileStateProviding, changes: any ChangeProviding, repository: (any RepositoryWriting)?,
            compile: @escaping Selector.PathspecCompiler, renderer: any TemplateRendering
        ) {
            self.files = files
            self.changes = changes
            self.repository = repository
            self.compile = compile
            self.renderer = renderer
        }
    }

    let config: ProjectConfig
    let options: RunOptions
    let services: Services
    let environment: [String: String]
    let workingDirectory: String

    public init(config: ProjectConfig, options: RunOptions, services: Services, environment: [String: String], workingDirectory: String) {
        self.config = config
        self.options = options
        self.services = services
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    var keys: CacheKeyBuilder {
        CacheKeyBuilder(config: config, files: services.files, environment: environment, quotePath: services.quotePath,
                        distributions: services.importGraph)
    }

    /// The selected graph after every filter.
    public func select(stores: CacheStores) throws -> RunnableGraph {
        let factory = RunnableFactory(config: config, renderer: services.renderer)
        let selector = Selector(factory: factory, options: options, workingDirectory: workingDirectory)
        let graph = try selector.graph()
        // Built on the first cache-status question only: it scans the virtualenv's distributions, which a plain
        // run does once more in `execute` and `--ls` never needs.
        var keys: CacheKeyBuilder?
        return try selector.filter(
            graph,
            isWarm: { runnable in
                if options.force { return false }
                let store = try stores.store(named: runnable.cache)
                if keys == nil { keys = self.keys }
                let key = try keys!.key(for: runnable, dependencies: graph.dependencyRunnables[runnable.name] ?? [])
                guard let entry = try store.get(runnable, hash: key.digest, restoreArtifacts: false) else { return false }
                return runnable.cacheWhen.accepts(exitCode: entry.manifest.code)
            },
            changedPaths: { groups in
                try options.changedPaths ?? services.changes.since(options.since ?? "HEAD", mode: options.sinceMode, deciding: groups)
            },
            compile: services.compile)
    }

    /// `--ls` lines: sorted names, or with `--json` one object per runnable for CI job matrices.
    public func listing(_ graph: RunnableGraph, stores: CacheStores) throws -> [String] {
        let nodes = graph.nodes.sorted { $0.name < $1.name }
        guard options.json else { return nodes.map(\.name) }
        let keys = self.keys
        return try nodes.map { runnable in
            var status: CompactJSON = .null
            if runnable.cache != "none" {
                let store = try stores.store(named: runnable.cache)
                let key = try keys.key(for: runnable, dependencies: graph.dependencyRunnables[runnable.name] ?? [])
                let entry = options.force ? nil : try store.get(runnable, hash: key.digest, restoreArtifacts: false)
                let warm = entry.map { runnable.cacheWhen.accepts(exitCode: $0.manifest.code) } ?? false
                status = .string(warm ? "warm" : "cold")
            }
            return CompactJSON.object([
                ("name", .string(runnable.name)), ("command", .string(runnable.command)), ("exec", .string(runnable.exec)),
                ("space", .string(runnable.space)), ("module", .optional(runnable.module)),
                ("cache", .string(runnable.cache)), ("cache_status", status), ("tags", .strings(runnable.tags)),
            ]).encoded
        }
    }

    /// Executes the graph. Returns the maximum exit code, or nil when interrupted.
    public func execute(
        _ graph: RunnableGraph, stores: CacheStores, logger: any RunLogger, processes: ProcessGroupRegistry,
        daemons: DaemonSupervisor? = nil
    ) throws -> Int32? {
        guard graph.count > 0 else { return 0 }
        let out = OutDirectory(root: config.root)
        try out.writeManifest(graph: graph, outcomes: [:])
        PhaseTrace.mark("pending manifest written")
        let work = RunnableWork(
            config: config, graph: graph, keys: keys, stores: stores,
            environment: RunnableEnvironment(base: environment, config: config), force: options.force)
        if let builder = services.importGraph {
            work.builtins = PygraphCommands(config: config, keys: work.keys, files: services.files, builder: builder)
        }
        work.daemons = daemons
        work.keyFromRunStart = options.keyFromRunStart
        if !options.force || options.keyFromRunStart {
            // One parallel stat of every file the start keys hash, instead of one small batch per runnable. A failure
            // here is not fatal: the runnable that needs the file reports it.
            let keyed = graph.nodes.filter { $0.cache != "none" && !$0.daemon }
            PhaseTrace.mark("prefetch start")
            try? work.keys.prefetch(keyed.map { ($0, graph.dependencyRunnables[$0.name] ?? []) })
            PhaseTrace.mark("prefetch done")
        }
        work.keys.readDistributions(askedBy: graph.nodes)
        logger.runStarted(graph)
        let executor = Executor(graph: graph, work: work, logger: logger, workers: options.workers, processes: processes)
        let outcomes = executor.run()
        PhaseTrace.mark("executor done")
        logger.runFinished(outcomes, graph: graph)
        for runnable in graph.nodes { try? out.writeLog(runnable, output: outcomes[runnable.name]?.output ?? "") }
        try out.writeManifest(graph: graph, outcomes: outcomes)
        PhaseTrace.mark("out written")
        if processes.isStopping { return nil }
        if let error = work.runError { throw error }
        return outcomes.values.compactMap(\.code).max() ?? 0
    }
}
