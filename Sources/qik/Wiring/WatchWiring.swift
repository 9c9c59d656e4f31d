import Foundation
import QikCore
import QikGit
import QikWatch

/// Wires QikWatch (inotify), QikGit (ignore rules, blob ids) and QikCore's `WatchLoop` for `qik watch`.
enum WatchWiring {
    static func run(_ selection: SelectionOptions, _ execution: ExecutionOptions, settings: WatchLoop.Settings, debounce: Duration)
        throws -> Int32
    {
        let environment = ProcessInfo.processInfo.environment
        var watchRuntime = try RunOptionsBuilder.runtime(RunArguments(selection, execution), environment: environment)
        watchRuntime.watch = true
        let runtime = watchRuntime
        var watchOptions = try RunOptionsBuilder.options(runtime, RunArguments(selection, execution), environment: environment)
        watchOptions.keyFromRunStart = true
        let options = watchOptions
        let project = try Project.open(environment: environment, runtime: runtime)
        let root = project.config.root
        let out = ConsoleOutput()
        let sources = WatchSources()

        let load: @Sendable () throws -> WatchLoop.Context = {
            let file = try ConfigLoader.discover(from: root)
            let config = try ConfigLoader.load(root: root, file: file, environment: environment)
            let loaded = Project(
                config: config, git: project.git, environment: environment,
                workingDirectory: project.workingDirectory,
                renderer: ConfigTemplateRenderer(config: config, environment: environment, runtime: runtime))
            let session = loaded.session(options: options)
            let stores = loaded.stores()
            let relative = file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
            return WatchLoop.Context(
                session: session, stores: stores, initial: try session.select(stores: stores), graph: try session.watchGraph(),
                configFile: relative)
        }
        var loopEnvironment = WatchLoop.Environment(
            load: load,
            logger: { graph in project.logger(options: options, graph: graph, out: out) },
            setSelfWritten: { paths, prefixes in sources.setSelfWritten(paths, prefixes) },
            watchedDirectories: { sources.watchedDirectories },
            stopWatching: { sources.stop() },
            report: { error in FileHandle.standardError.write(Data((ErrorPresenter.render(error) + "\n").utf8)) },
            out: out)
        loopEnvironment.expand = { _ in [] }  // The import graph plugs in here.
        let loop = try WatchLoop(root: root, settings: settings, environment: loopEnvironment, daemons: DaemonConsole.supervisor(out: out))

        do {
            try sources.start(
                root: root, ignoreRules: try GitRepository(discoveringFrom: root), tracked: loop.trackedPaths,
                trackedDirectories: loop.trackedDirectories, debounce: debounce,
                sitePackages: SitePackages.directory(virtualEnv: environment["VIRTUAL_ENV"]), loop: loop)
        } catch let error as WatchError {
            throw QikError(error.code, error.message, hint: error.hint)
        }
        if let notice = sources.watchLimitError {
            loopEnvironment.report(QikError(notice.code, notice.message, hint: notice.hint))
        }
        let trap = InterruptTrap { _ in loop.interrupt() }
        let code = loop.run()
        withExtendedLifetime(trap) {}
        return code
    }
}

/// The active venv's site-packages: where `pip install` and `uv sync` create and remove `*.dist-info`.
enum SitePackages {
    static func directory(virtualEnv: String?) -> String? {
        guard let virtualEnv, !virtualEnv.isEmpty else { return nil }
        for lib in ["lib", "lib64"] {
            let base = virtualEnv + "/" + lib
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
            for entry in entries.sorted() where entry.hasPrefix("python") {
                let candidate = base + "/" + entry + "/site-packages"
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate
                }
            }
        }
        return nil
    }
}
