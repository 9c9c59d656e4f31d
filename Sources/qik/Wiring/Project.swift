import Foundation
import QikCore
import QikGit

/// A loaded project: its configuration and its git repository, wired into the services QikCore asks for.
struct Project {
    let config: ProjectConfig
    let git: LazyRepository
    let environment: [String: String]
    /// The process's working directory relative to the project root.
    let workingDirectory: String
    let renderer: ConfigTemplateRenderer

    /// With a `warmUp` (`LazyRepository.warmUp`), the caller must call `git.finishWarmUp()` before the process can exit.
    static func open(environment: [String: String], runtime: QikRuntimeContext,
                     warmUp: LazyRepository.WarmUp? = nil) throws -> Project {
        let cwd = ProcessEnvironment.currentDirectory()
        let file = try ConfigLoader.discover(from: cwd)
        let root = (file as NSString).deletingLastPathComponent
        let git = LazyRepository(root: root, environment: environment)
        // Commands run in the project root (§3.4); qik's own paths are absolute from here on. Entered before the
        // repository opens: a relative GIT_INDEX_FILE is resolved from the project root.
        guard chdir(root) == 0 else { throw QikError("io2", "Cannot enter the project root \(root).") }
        if let warmUp { git.warmUp(warmUp) }
        let config: ProjectConfig
        do {
            config = try ConfigLoader.load(root: root, file: file, environment: environment)
        } catch {
            git.finishWarmUp()
            throw error
        }
        let relative = cwd == root ? "" : cwd.hasPrefix(root + "/") ? String(cwd.dropFirst(root.count + 1)) : ""
        let renderer = ConfigTemplateRenderer(config: config, environment: environment, runtime: runtime)
        return Project(config: config, git: git, environment: environment, workingDirectory: relative, renderer: renderer)
    }

    /// The git repository holding the project, opened now (commands that always need git use this).
    var repository: GitRepository { get throws { try git.get() } }

    /// `files` replaces the work-tree file state (a pre-commit hook passes the index's content).
    func session(options: RunOptions, files: (any FileStateProviding)? = nil) -> RunSession {
        let git = self.git
        var services = RunSession.Services(
            files: files ?? LazyFileStates(repository: git),
            changes: LazyChanges(repository: git),
            repository: LazyWriter(repository: git),
            compile: { patterns in
                let pathspec = try? Pathspec(patterns)
                return { path in pathspec?.matches(path) ?? false }
            },
            renderer: renderer)
        services.importGraph = NativeImportGraph()
        services.quotePath = { git.quotePath }
        return RunSession(config: config, options: options, services: services, environment: environment, workingDirectory: workingDirectory)
    }

    func stores() -> CacheStores { CacheStores(config: config, repository: LazyWriter(repository: git)) }

    /// `-l` if given; else the stdout logger for one runnable or one worker, the progress logger otherwise (§2.4).
    func logger(options: RunOptions, graph: RunnableGraph, out: ConsoleOutput) -> any RunLogger {
        let terminal = Terminal(environment: environment)
        let kind = options.logger ?? (graph.count == 1 || options.workers == 1 ? .stdout : .progress)
        switch kind {
        case .stdout: return StdoutLogger(terminal: terminal, out: out)
        case .progress:
            let outPath = workingDirectory.isEmpty ? "._qik/out"
                : String(repeating: "../", count: workingDirectory.split(separator: "/").count) + "._qik/out"
            return ProgressLogger(terminal: terminal, out: out, ci: environment["CI"] != nil, verbosity: options.verbosity, outPath: outPath)
        }
    }
}
