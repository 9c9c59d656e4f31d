import Foundation
import QikCore

/// Reads the index on a thread of its own while libgit2 starts and opens the repository, from where the index most
/// likely is: the `.git` directory above the project root, or the `gitdir:` a `.git` file names (a worktree, a
/// submodule). Only a guess, found without libgit2: handed to the repository (`GitRepository.expectIndexFile(from:)`),
/// the read is used only when libgit2 opened exactly that index file for exactly that project prefix, so git's own
/// discovery (`core.worktree`, …) always decides. With any of git's discovery variables set there is no guess. No
/// libgit2 call is made on its thread. Call `wait` before the process can exit.
public final class IndexPrefetch: @unchecked Sendable {
    private let indexPath: String
    private let projectPrefix: String
    private let withCacheTree: Bool
    private let done = DispatchGroup()
    private var read: IndexFile?

    /// Variables that change how git finds the repository or its index.
    private static let discoveryVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
                                             "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"]

    /// Starts reading; nil when there is nothing safe to guess.
    public static func start(projectRoot: String, withCacheTree: Bool,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> IndexPrefetch? {
        guard !discoveryVariables.contains(where: { environment[$0] != nil }),
              let (indexPath, prefix) = guess(projectRoot: GitRepository.resolve(projectRoot)) else { return nil }
        let prefetch = IndexPrefetch(indexPath: indexPath, projectPrefix: prefix, withCacheTree: withCacheTree)
        prefetch.done.enter()
        DetachedThread.run {
            prefetch.read = IndexFile.read(indexPath, projectPrefix: prefix, withCacheTree: withCacheTree)
            prefetch.done.leave()
        }
        return prefetch
    }

    private init(indexPath: String, projectPrefix: String, withCacheTree: Bool) {
        self.indexPath = indexPath
        self.projectPrefix = projectPrefix
        self.withCacheTree = withCacheTree
    }

    /// Waits for the read; it is `repository`'s only if libgit2 opened the same index for the same prefix.
    func result(for repository: GitRepository) -> (IndexFile, withCacheTree: Bool)? {
        done.wait()
        guard let read, GitRepository.resolve(repository.indexPath) == indexPath, repository.projectPrefix == projectPrefix
        else { return nil }
        return (read, withCacheTree)
    }

    /// Waits for the read without using it.
    public func wait() { done.wait() }

    /// The index path and project prefix (`sub/dir/` or "") of the nearest `.git` at or above `projectRoot`.
    static func guess(projectRoot: String) -> (indexPath: String, prefix: String)? {
        guard let (holder, gitDir) = DotGit.nearest(from: projectRoot) else { return nil }
        let prefix = holder == projectRoot ? "" : String(projectRoot.dropFirst(holder == "/" ? 1 : holder.count + 1)) + "/"
        return (GitRepository.resolve(gitDir) + "/index", prefix)
    }
}
