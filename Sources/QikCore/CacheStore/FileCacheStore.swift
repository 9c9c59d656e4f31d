import Foundation

/// The file-based caches of §5: `local` (`._qik/cache`, artifacts copied in) and `repo` (`.qik/cache`, committed,
/// artifacts expected in git, files marked intent-to-add).
public final class FileCacheStore: CacheStore, @unchecked Sendable {
    public enum Kind: Sendable { case local, repo }

    public let name: String
    let kind: Kind
    let root: String
    let repository: (any RepositoryWriting)?
    /// Guards the once-per-process `.gitattributes` and merge-driver setup.
    private let setupLock = NSLock()
    private var repoSetupDone = false

    public init(kind: Kind, root: String, repository: (any RepositoryWriting)?) {
        self.kind = kind
        self.name = kind == .local ? "local" : "repo"
        self.root = root
        self.repository = repository
    }

    func directory(_ runnable: Runnable) -> String {
        "\(root)/\(kind == .local ? "._qik" : ".qik")/cache/\(runnable.command)"
    }

    func lockPath(_ runnable: Runnable) -> String {
        "\(root)/._qik/locks/\(name)/\(runnable.slug).lock"
    }

    public func get(_ runnable: Runnable, hash: String, restoreArtifacts: Bool) throws -> CacheEntry? {
        let base = directory(runnable)
        guard let manifest = CacheManifest.read("\(base)/\(runnable.slug).json"), manifest.hash == hash else { return nil }
        var log = ""
        if let logName = manifest.log {
            guard let data = FileBytes.read("\(base)/\(logName)") else { return nil }
            log = String(decoding: data, as: UTF8.self)
        }
        if restoreArtifacts, kind == .local {
            for artifact in Set(manifest.artifacts) {
                let destination = try ArtifactPath.destination(of: artifact, root: root)
                let source = "\(base)/\(ArtifactPath.storedName(artifact))"
                guard FileManager.default.fileExists(atPath: source) else { return nil }
                try AtomicFile.copy(from: source, to: destination)
            }
        }
        return CacheEntry(manifest: manifest, log: log)
    }

    public func set(_ runnable: Runnable, result: RunResult) throws {
        let base = directory(runnable)
        let manifestPath = "\(base)/\(runnable.slug).json"
        let logName = "\(runnable.slug).out"
        let artifacts = ArtifactPath.expand(runnable.artifacts, root: root)
        let manifest = CacheManifest(
            name: runnable.name, hash: result.hash, code: result.code,
            log: result.log.isEmpty ? nil : logName,
            artifacts: kind == .local ? artifacts : [])
        try FileLock.withLock(lockPath(runnable)) {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            if kind == .local { try PrivateDirectory.ensure(root: root) }
            // Invalidate first: a kill between the renames below must not pair the old manifest with a new log.
            unlink(manifestPath)
            if !result.log.isEmpty { try AtomicFile.write(result.log, to: "\(base)/\(logName)") }
            if kind == .local {
                for artifact in artifacts {
                    try AtomicFile.copy(from: "\(root)/\(artifact)", to: "\(base)/\(ArtifactPath.storedName(artifact))")
                }
            }
            try AtomicFile.write(manifest.json, to: manifestPath)
        }
        if kind == .repo, let repository {
            var paths = [relative(manifestPath)]
            if manifest.log != nil { paths.append(relative("\(base)/\(logName)")) }
            paths += artifacts
            try repository.intentToAdd(paths)
            try setUpRepository(repository)
        }
    }

    private func relative(_ path: String) -> String {
        String(path.dropFirst(root.count + 1))
    }

    /// Once per process: the `.gitattributes` line and the `merge=qik` driver (§5.3).
    private func setUpRepository(_ repository: any RepositoryWriting) throws {
        setupLock.lock()
        defer { setupLock.unlock() }
        if repoSetupDone { return }
        repoSetupDone = true
        try RepoCacheSetup.ensureGitAttributes(projectRoot: root, workTreeRoot: repository.workTreeRoot, repository: repository)
        try repository.setConfig("merge.qik.driver", RepoCacheSetup.mergeDriverCommand())
    }
}
