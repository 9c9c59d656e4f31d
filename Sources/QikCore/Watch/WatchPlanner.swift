/// Maps one batch of changes to the runnables to run, with the same rule as `--since` (§3.3, §6.2): runnables
/// whose glob deps match a changed path, or whose `pydist` deps name a changed distribution, then their
/// dependencies and strict dependents.
///
/// Daemons are the one addition: a daemon restarts when anything upstream of it is affected, strict or not, since
/// a dev server serving stale output is worse than a restart.
public struct WatchPlanner: Sendable {
    /// Maps changed paths to further affected paths. The seam for the Python import graph: given `a.py`, it
    /// returns the modules that import it. The default adds nothing.
    public typealias AffectedPathsExpanding = @Sendable (Set<String>) -> Set<String>

    public struct Plan: Sendable, Equatable {
        /// Runnables to run, expanded with their neighbours.
        public var names: Set<String>
        /// Daemons whose own inputs (or upstream) changed: restart them even if running.
        public var restartDaemons: Set<String>
        public var isEmpty: Bool { names.isEmpty }
    }

    let compile: Selector.PathspecCompiler
    let expand: AffectedPathsExpanding
    /// The project root, against which `load` deps' files are read for their patterns.
    let root: String

    public init(
        root: String, compile: @escaping Selector.PathspecCompiler, expand: @escaping AffectedPathsExpanding = { _ in [] }
    ) {
        self.root = root
        self.compile = compile
        self.expand = expand
    }

    public func plan(_ graph: RunnableGraph, paths: Set<String>, distributions: Set<String>) -> Plan {
        let allPaths = paths.isEmpty ? paths : paths.union(expand(paths))
        var direct = Set(Selector.matching(graph, changes: allPaths, root: root, compile: compile))
        if !distributions.isEmpty {
            for runnable in graph.nodes {
                for case .pydist(let name) in runnable.deps where distributions.contains(DistributionName.normalize(name)) {
                    direct.insert(runnable.name)
                }
            }
        }
        var restart: Set<String> = []
        for runnable in graph.nodes where runnable.daemon {
            if direct.contains(runnable.name) || !graph.upstream(of: runnable.name).isDisjoint(with: direct) {
                restart.insert(runnable.name)
            }
        }
        direct.formUnion(restart)
        guard !direct.isEmpty else { return Plan(names: [], restartDaemons: []) }
        let expanded = Set(graph.filtered(direct, neighbors: true).nodes.map(\.name))
        return Plan(names: expanded, restartDaemons: restart)
    }
}
