/// Chooses the runnables of a run (§2.1, §7), in 0.2.10's filter order: commands, `-m`, `-s` (or the working
/// space) and dependency expansion → tags → caches → cache status → `--since`.
public struct Selector: Sendable {
    /// Compiles git pathspecs into a matcher of project-relative paths (QikGit's `Pathspec`).
    public typealias PathspecCompiler = @Sendable ([String]) -> (@Sendable (String) -> Bool)

    let factory: RunnableFactory
    let options: RunOptions
    /// The process's working directory relative to the project root (`""` at the root).
    let workingDirectory: String

    public init(factory: RunnableFactory, options: RunOptions, workingDirectory: String) {
        self.factory = factory
        self.options = options
        self.workingDirectory = workingDirectory
    }

    /// The dependency graph of the selected commands, before the tag/cache/since filters.
    public func graph() throws -> RunnableGraph {
        let commands: [(String, CommandConfig)] =
            options.commands.isEmpty
            ? factory.allCommands.filter { !$0.command.hidden }
            : try options.commands.map { try factory.resolve($0) }
        let spaces = options.spaces.isEmpty ? workingSpace().map { [$0] } ?? [] : options.spaces
        var selected: [Runnable] = []
        var names: Set<String> = []
        for (name, command) in commands {
            for runnable in try factory.runnables(name: name, command: command)
            where (options.modules.isEmpty || runnable.module.map(options.modules.contains) == true)
                && (spaces.isEmpty || spaces.contains(runnable.space)) && names.insert(runnable.name).inserted
            {
                selected.append(runnable)
            }
        }
        return try RunnableGraph(selected: selected, factory: factory, isolated: options.isolated)
    }

    /// The space whose `root` holds the working directory (§1.9).
    func workingSpace() -> String? { factory.config.workingSpace(directory: workingDirectory) }

    /// Applies tags, caches, cache status and `--since` to a graph.
    /// - Parameters:
    ///   - isWarm: whether a runnable's cache entry exists for its current key (called only with `--cache-status`).
    ///   - changedPaths: the change set of `--since` (called only with `--since` or an explicit change set), given
    ///     each runnable's `--since` patterns as one group: the answer only has to decide, for every group, whether a
    ///     change matches it (`ChangeProviding.since(_:mode:deciding:)`).
    public func filter(
        _ graph: RunnableGraph, isWarm: (Runnable) throws -> Bool, changedPaths: (_ groups: [[String]]) throws -> Set<String>,
        compile: PathspecCompiler
    ) throws -> RunnableGraph {
        var graph = graph
        if !options.tags.isEmpty {
            let tags = Set(options.tags)
            graph = graph.filtered(graph.nodes.filter { !tags.isDisjoint(with: $0.tags) }.map(\.name), neighbors: false)
        }
        if !options.caches.isEmpty {
            let caches = Set(options.caches.map { $0.lowercased() })
            graph = graph.filtered(graph.nodes.filter { caches.contains($0.cache.lowercased()) }.map(\.name), neighbors: false)
        }
        if let status = options.cacheStatus {
            let kept = try graph.nodes.filter { runnable in
                guard runnable.cache != "none" else { return false }
                return try isWarm(runnable) == (status == .warm)
            }
            graph = graph.filtered(kept.map(\.name), neighbors: false)
        }
        if options.since != nil || options.changedPaths != nil {
            let root = factory.config.root
            var groups: [[String]] = []
            var seen: Set<[String]> = []
            for patterns in graph.nodes.map({ $0.sincePatterns(root: root) }) where !patterns.isEmpty && seen.insert(patterns).inserted {
                groups.append(patterns)
            }
            let changes = try changedPaths(groups)
            PhaseTrace.mark("since: changes known")
            graph = graph.filtered(Self.matching(graph, changes: changes, root: root, compile: compile), neighbors: true)
        }
        return graph
    }

    /// Names of the visible runnables whose `--since` patterns match at least one changed path, before the
    /// neighbour expansion. `qik watch` maps each batch through the same rule.
    public static func matching(_ graph: RunnableGraph, changes: Set<String>, root: String, compile: PathspecCompiler) -> [String] {
        guard !changes.isEmpty else { return [] }
        return graph.nodes.filter { runnable in
            let patterns = runnable.sincePatterns(root: root)
            guard !patterns.isEmpty else { return false }
            let matches = compile(patterns)
            return changes.contains(where: matches)
        }.map(\.name)
    }
}
