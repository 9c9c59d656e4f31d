import Foundation

/// Computes a runnable's cache key exactly as qik 0.2.10 does (§4.1):
/// `HS(spec, HS(consts, vals, globs, pydists))`, every digest XXH3-128.
///
/// Each part is also returned as a `CacheKeyNode`, so `qik -v` can show which input changed; recording the parts
/// never changes the bytes that are hashed.
public struct CacheKeyBuilder: Sendable {
    /// msgspec's encoding of 0.2.10's active venv, a const dep of every runnable.
    public static let activeVenvJSON = #"{"name":".active","conf":{"type":"active"}}"#

    let config: ProjectConfig
    let files: any FileStateProviding
    let globs: GlobHasher
    let pydists: PydistVersions

    /// - Parameters:
    ///   - quotePath: the repository's `core.quotePath`, which decides how paths enter the glob hash.
    ///   - distributions: installed distributions and lock files (QikPython); nil knows only `[pydist]`.
    public init(config: ProjectConfig, files: any FileStateProviding, environment: [String: String],
                quotePath: @escaping @Sendable () -> Bool = { true }, distributions: (any DistributionProviding)? = nil) {
        self.config = config
        self.files = files
        self.globs = GlobHasher(root: config.root, files: files, quotePath: quotePath)
        self.pydists = PydistVersions(config: config, environment: environment, provider: distributions)
    }

    public func key(for runnable: Runnable, dependencies: [Runnable]) throws -> CacheKeyNode {
        let inputs = inputs(of: runnable, dependencies: dependencies)
        return try node(runnable.name, spec: runnable.specJSON.encoded, consts: inputs.consts, vals: inputs.vals,
                        patterns: inputs.patterns, dists: inputs.dists, venv: runnable.venv)
    }

    /// Works out the files of every runnable's glob deps at once, before the runnables ask one by one.
    public func prefetch(_ runnables: [(runnable: Runnable, dependencies: [Runnable])]) throws {
        let pathspecs = runnables.map { entry in
            inputs(of: entry.runnable, dependencies: entry.dependencies).patterns
                .filter { !$0.hasPrefix(GlobHasher.artifactsPrefix) }
        }
        try files.prefetch(matching: pathspecs.filter { !$0.isEmpty }.map(Array.init))
    }

    /// Lists the active venv's distributions now, before any runnable runs (one could be a `pip install`), if
    /// any of `runnables` will ask for them: a `pydist` dep outside a uv venv, or a built-in (`pygraph.*`).
    public func readDistributions(askedBy runnables: [Runnable]) {
        let asked = runnables.contains { runnable in
            runnable.venv == nil
                && (runnable.builtin != nil || !inputs(of: runnable, dependencies: []).dists.isEmpty
                    || runnable.deps.contains { if case .pygraph = $0 { true } else { false } })
        }
        if asked { _ = pydists.catalog }
    }

    /// The dependency values a key hashes, before hashing.
    private func inputs(of runnable: Runnable, dependencies: [Runnable])
        -> (consts: Set<String>, patterns: Set<String>, dists: Set<String>, vals: Set<String>)
    {
        var consts: Set<String> = [runnable.venv?.constJSON ?? Self.activeVenvJSON]
        // A venv's glob dep is its lock file (0.2.10: the lock if set, else the reqs; a uv venv always has a lock).
        var patterns: Set<String> = runnable.venv.map { [$0.lock] } ?? []
        var dists: Set<String> = []
        var vals: Set<String> = []
        for dep in runnable.deps {
            switch dep {
            case .glob(let pattern): patterns.insert(pattern)
            case .const(let val): consts.insert(val)
            case .pydist(let name): dists.insert(name)
            case .load(let path, let defaults):
                let loaded = LoadedDeps.read(path, root: config.root)
                patterns.formUnion(loaded?.globs ?? defaults)
                dists.formUnion(loaded?.pydists ?? [])
            case .pygraph(_, _, _, let lockPath): patterns.insert(lockPath)
            case .pluginConfig(let values, _): vals.formUnion(values)
            case .command: break
            }
        }
        for dependency in dependencies { patterns.formUnion(dependency.artifacts) }
        // A space-less runnable (`pygraph.build`) has no space, so no dotenv files (0.2.10).
        if runnable.builtin?.spaceless != true { patterns.formUnion(dotenvFiles(space: runnable.space)) }
        return (consts, patterns, dists, vals)
    }

    /// The `hash` a `{globs, pydists}` file embeds (0.2.10's `Runnable.store_deps`): the deps hash of exactly these
    /// globs and distributions plus what the runnable's space adds (venv const and lock file, dotenv files).
    public func depsHash(globs: [String], pydists: [String], of runnable: Runnable) throws -> String {
        let patterns = Set(globs).union(dotenvFiles(space: runnable.space)).union(runnable.venv.map { [$0.lock] } ?? [])
        return try node("", spec: nil, consts: [runnable.venv?.constJSON ?? Self.activeVenvJSON], vals: [], patterns: patterns,
                        dists: Set(pydists), venv: runnable.venv).digest
    }

    /// Installed and locked distributions of the active venv.
    public var distributionCatalog: DistributionCatalog { pydists.catalog }

    /// Installed and locked distributions of a runnable's venv (for `pygraph.lock` and `pygraph.check`).
    public func distributionCatalog(of runnable: Runnable) -> DistributionCatalog { pydists.catalog(for: runnable.venv) }

    /// Versions as hashed in `runnable`'s venv (`[pydist]` versions, ignore-missing and ignore applied).
    public func version(ofDistribution name: String, in runnable: Runnable) throws -> String {
        try pydists.version(of: name, venv: runnable.venv)
    }

    private func node(_ name: String, spec specText: String?, consts: Set<String>, vals: Set<String>, patterns: Set<String>,
                      dists: Set<String>, venv: UVVenv?) throws -> CacheKeyNode {
        let constsNode = CacheKeyNode("consts", QikHash.hashSorted(Array(consts)))
        let valsNode = CacheKeyNode("vals", QikHash.hashSorted(Array(vals)), detail: vals.sorted())
        let globsNode = CacheKeyNode("globs", try globs.hash(patterns), detail: patterns.sorted())
        let sortedDists = dists.sorted(by: QikHash.precedes)
        // Appended, not `joined()`: that generic's first call looks conformances up at run time (~0.1 ms).
        var pydistText = ""
        for dist in sortedDists { pydistText += dist + (try pydists.version(of: dist, venv: venv)) }
        let pydistsNode = CacheKeyNode("pydists", QikHash.hash(pydistText), detail: sortedDists)
        let depsNode = CacheKeyNode(
            "deps", QikHash.hashSorted([constsNode.digest, valsNode.digest, globsNode.digest, pydistsNode.digest]),
            children: [constsNode, valsNode, globsNode, pydistsNode])
        guard let specText else { return depsNode }
        let spec = QikHash.hash(specText)
        let specNode = CacheKeyNode("spec", spec, detail: [specText])
        return CacheKeyNode(name, QikHash.hashSorted([spec, depsNode.digest]), children: [specNode, depsNode])
    }

    /// Forgets cached file states: the key stored after a run is computed from the files as the run left them.
    public func refresh() { files.invalidate() }

    /// Dotenv files of a space are glob deps of its runnables.
    func dotenvFiles(space: String) -> [String] {
        config.spaces.first { $0.name == space }?.dotenv ?? config.defaults.dotenv
    }
}

/// One input of a cache key and how it was derived.
public struct CacheKeyNode: Sendable, Equatable {
    public let label: String
    public let digest: String
    public let detail: [String]
    public let children: [CacheKeyNode]

    public init(_ label: String, _ digest: String, detail: [String] = [], children: [CacheKeyNode] = []) {
        self.label = label
        self.digest = digest
        self.detail = detail
        self.children = children
    }
}

/// The `{globs, pydists, hash}` JSON that `load` deps read (pygraph lock files use the same format).
struct LoadedDeps: Decodable {
    var globs: [String]?
    var pydists: [String]?

    /// Relative paths resolve against the project root (0.2.10 used the process's cwd).
    static func read(_ path: String, root: String) -> LoadedDeps? {
        let absolute = path.hasPrefix("/") ? path : root + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute) else { return nil }
        return try? JSONDecoder().decode(LoadedDeps.self, from: data)
    }
}
