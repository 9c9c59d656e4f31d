import Foundation

/// Resolves a runnable's cache name to its store: `local`, `repo` and `none` are built in and win over custom
/// caches of the same name; an unknown name is `conf9`.
public final class CacheStores: @unchecked Sendable {
    let local: FileCacheStore
    let repo: FileCacheStore
    let custom: Set<String>

    public init(config: ProjectConfig, repository: (any RepositoryWriting)?) {
        local = FileCacheStore(kind: .local, root: config.root, repository: repository)
        repo = FileCacheStore(kind: .repo, root: config.root, repository: repository)
        custom = Set(config.caches.map(\.name))
    }

    public func store(named name: String) throws -> any CacheStore {
        switch name {
        case "local": return local
        case "repo": return repo
        case "none": return NoCacheStore()
        // Custom (S3) caches keep their hot copy in the local cache, as 0.2.10 does; the remote copy is not
        // implemented yet, so they behave as `local` (documented in docs/compat.md).
        case _ where custom.contains(name): return local
        default:
            throw QikError("conf9", "Unconfigured cache - \"\(name)\"", hint: "Use local, repo, none or a [caches] entry.")
        }
    }
}
