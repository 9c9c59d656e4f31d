/// The uv plugin as configured (§1.10, §10): its name (the command namespace), the cache of its lock runnables
/// and the environment `uv pip compile` gets.
public struct UVPluginSettings: Sendable {
    public let name: String
    public let config: UVPluginConfig
    /// The lock runnables' cache, ctx-formatted: `cache` → `defaults.cache` → `repo` (uv's own default).
    public let cache: String
    /// Extra environment of `uv.lock` runnables, in 0.2.10's insertion order (part of the spec JSON).
    public let lockEnvironment: [RunnableArg]

    /// The first plugin whose pyimport is `qik.uv` (0.2.10 looks it up by pyimport); nil without one.
    init?(project: ProjectConfig, render: (String) throws -> String) throws {
        guard let (name, config) = project.plugins.lazy.compactMap({ plugin -> (String, UVPluginConfig)? in
            if case .uv(let config) = plugin.kind { return (plugin.name, config) }
            return nil
        }).first else { return nil }
        self.name = name
        self.config = config
        cache = try render(config.cache ?? project.defaults.cache ?? "repo")
        var environment = [RunnableArg("UV_CACHE_DIR", "._qik/.uv")]
        // An index URL that is or formats to the empty string is unset, as in 0.2.10.
        for (key, url) in [("UV_INDEX_URL", config.indexURL), ("UV_EXTRA_INDEX_URL", config.extraIndexURL)] {
            if let url, !url.isEmpty, case let value = try render(url), !value.isEmpty { environment.append(RunnableArg(key, value)) }
        }
        lockEnvironment = environment
    }

    public var lockCommand: String { name + ".lock" }
    public var installCommand: String { name + ".install" }

    /// Where a space's lock file goes when its venv names none: `.qik` when the lock cache is `repo`, else `._qik`.
    func defaultLock(space: String) -> String {
        "\(cache == "repo" ? ".qik" : "._qik")/artifacts/\(lockCommand)/requirements-\(space)-lock.txt"
    }
}
