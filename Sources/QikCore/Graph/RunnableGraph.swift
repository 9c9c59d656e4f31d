/// The runnables selected for a run and the edges between them (§3.2–3.3).
///
/// *Up* edges point from a runnable to what it depends on; *down* edges point from a strict dependency back to its
/// dependent, so a change to the dependency also selects the dependent.
public struct RunnableGraph: Sendable {
    /// Every node, by name, including dependencies pulled in.
    public private(set) var allNodes: [String: Runnable] = [:]
    /// Insertion order of nodes, for a stable execution order.
    public private(set) var order: [String] = []
    var up: [String: Set<String>] = [:]
    var down: [String: Set<String>] = [:]
    /// Dependency runnables of each node with module affinity applied, whether or not they are in the graph:
    /// their artifacts are part of the node's cache key.
    public private(set) var dependencyRunnables: [String: [Runnable]] = [:]
    /// The visible subset after filtering; nil = everything.
    public private(set) var view: Set<String>?

    private var upstreamClosure: [String: Set<String>] = [:]
    private var downstreamClosure: [String: Set<String>] = [:]

    /// Builds the graph from the runnables of `selected` commands.
    /// - Parameter isolated: the `--isolated` flag; a dep's own `isolated` overrides it.
    public init(selected: [Runnable], factory: RunnableFactory, isolated: Bool) throws {
        var commandRunnables: [String: [Runnable]] = [:]
        func runnables(of uri: String, args: [RunnableArg]) throws -> [Runnable] {
            let (name, command) = try factory.resolve(uri)
            let key = ([name] + args.map { "\($0.key)=\($0.value)" }).joined(separator: "\u{0}")
            if let cached = commandRunnables[key] { return cached }
            if args.isEmpty, command.factory.hasPrefix(UVRunnables.factoryPrefix) { throw UVRunnables.missingSpace(command) }
            let made = try factory.runnables(name: name, command: command, args: args)
            commandRunnables[key] = made
            return made
        }

        let initial = Set(selected.map(\.name))
        for runnable in selected { add(runnable) }

        var visiting: [String] = []
        var done: Set<String> = []
        func visit(_ runnable: Runnable) throws {
            if done.contains(runnable.name) { return }
            if let start = visiting.firstIndex(of: runnable.name) {
                let chain = (visiting[start...] + [runnable.name]).joined(separator: " → ")
                throw QikError("conf7", "Cycle detected in DAG: \(chain).", hint: "Remove one of these command deps.")
            }
            visiting.append(runnable.name)
            var deps: [Runnable] = []
            for dep in runnable.commandDeps {
                for target in try runnables(of: dep.name, args: dep.args) {
                    // Module affinity: a module runnable depends only on the same module's runnable.
                    if let module = runnable.module, let targetModule = target.module, module != targetModule { continue }
                    deps.append(target)
                    if !(dep.isolated ?? isolated) || initial.contains(target.name) {
                        add(target)
                        up[runnable.name, default: []].insert(target.name)
                        if dep.strict { down[target.name, default: []].insert(runnable.name) }
                        try visit(target)
                    }
                }
            }
            dependencyRunnables[runnable.name] = deps
            visiting.removeLast()
            done.insert(runnable.name)
        }
        for runnable in selected { try visit(runnable) }
        upstreamClosure = Self.closures(of: up, nodes: order)
        downstreamClosure = Self.closures(of: down, nodes: order)
    }

    private mutating func add(_ runnable: Runnable) {
        if allNodes[runnable.name] == nil {
            allNodes[runnable.name] = runnable
            order.append(runnable.name)
        }
    }

    private static func closures(of edges: [String: Set<String>], nodes: [String]) -> [String: Set<String>] {
        var memo: [String: Set<String>] = [:]
        func closure(_ node: String) -> Set<String> {
            if let known = memo[node] { return known }
            memo[node] = []  // the graph is acyclic here; this only guards against revisits
            var result: Set<String> = []
            for next in edges[node] ?? [] {
                result.insert(next)
                result.formUnion(closure(next))
            }
            memo[node] = result
            return result
        }
        for node in nodes { _ = closure(node) }
        return memo
    }

    /// Visible runnables in a stable order (insertion order).
    public var nodes: [Runnable] {
        order.compactMap { name in (view?.contains(name) ?? true) ? allNodes[name] : nil }
    }

    public var count: Int { view?.count ?? allNodes.count }

    /// Transitive upstream of a runnable, limited to the view.
    public func upstream(of name: String) -> Set<String> {
        let all = upstreamClosure[name] ?? []
        return view.map { all.intersection($0) } ?? all
    }

    /// Keeps `names`; with `neighbors`, adds their upstream, then the strict downstream of that expanded set (§3.3).
    public func filtered(_ names: some Sequence<String>, neighbors: Bool) -> RunnableGraph {
        var clone = self
        let visible = view ?? Set(order)
        var kept = Set(names).intersection(visible)
        if neighbors {
            for name in kept { kept.formUnion(upstreamClosure[name] ?? []) }
            for name in kept { kept.formUnion(downstreamClosure[name] ?? []) }
        }
        clone.view = kept
        return clone
    }
}
