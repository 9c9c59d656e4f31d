import ArgumentParser
import Foundation
import QikCore

/// `qik [commands…] [options]`: select, then list or run (§2.1).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run commands (the default when no subcommand is given)."
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var execution: ExecutionOptions

    @Flag(help: "Run once, then rerun affected commands on every save (the same as `qik watch`).")
    var watch = false

    func run() throws {
        let arguments = RunArguments(selection, execution)
        let environment = ProcessInfo.processInfo.environment
        guard !watch, let runtime = try Self.runtimeUnlessWatching(arguments, environment: environment) else {
            return try WatchCommand(selection: selection, execution: execution).run()
        }
        try Self.run(arguments, runtime: runtime, environment: environment)
    }

    /// The run's settings, or nil when `QIK__WATCH` turns it into `qik watch` (unless it only lists or checks).
    static func runtimeUnlessWatching(_ arguments: RunArguments, environment: [String: String]) throws -> QikRuntimeContext? {
        let runtime = try RunOptionsBuilder.runtime(arguments, environment: environment)
        return runtime.watch && !arguments.ls && !arguments.fail ? nil : runtime
    }

    /// What the run will ask git, prepared while the configuration is parsed: the index snapshot for cache keys,
    /// the index with its cache tree for `--since`, the repository alone for a run that may hash later, nothing
    /// for a plain listing.
    private static func warmUp(for options: RunOptions) -> LazyRepository.WarmUp? {
        let hashes = !options.ls && !options.fail && !options.force || options.cacheStatus != nil || options.ls && options.json
        let since = options.since != nil && options.changedPaths == nil
        guard hashes || since || !options.ls && !options.fail else { return nil }
        return LazyRepository.WarmUp(snapshot: hashes, sinceIndex: since)
    }

    /// Everything but watch mode; `Qik.main` calls it directly for arguments `QuickRunParser` understood.
    static func run(_ arguments: RunArguments, runtime: QikRuntimeContext, environment: [String: String]) throws {
        let options = try RunOptionsBuilder.options(runtime, arguments, environment: environment)
        PhaseTrace.mark("options")
        let project = try Project.open(environment: environment, runtime: runtime, warmUp: warmUp(for: options))
        defer { project.git.finishWarmUp() }
        // A run ends the process: freeing the repository and its index read on the way out costs time (about 0.1 ms
        // when measured, with a string per path) for memory the exit reclaims anyway.
        _ = Unmanaged.passRetained(project.git)
        PhaseTrace.mark("config loaded")
        let session = project.session(options: options)
        let stores = project.stores()
        let graph = try session.select(stores: stores)
        PhaseTrace.mark("selected")
        let out = ConsoleOutput()

        if options.ls {
            for line in try session.listing(graph, stores: stores) { out.line(line) }
            throw ExitCode(options.fail && graph.count > 0 ? 1 : 0)
        }
        if options.fail { throw ExitCode(graph.count > 0 ? 1 : 0) }

        let processes = ProcessGroupRegistry()
        // Daemons (dev servers) count as done once started; qik then stays until they exit or Ctrl-C.
        let daemons = DaemonConsole.supervisor(out: out)
        let trap = InterruptTrap(processes: processes, daemons: daemons)
        let logger = project.logger(options: options, graph: graph, out: out)
        var code = try session.execute(graph, stores: stores, logger: logger, processes: processes, daemons: daemons)
        PhaseTrace.mark("executed")
        daemons.waitUntilAllExited()
        if processes.isStopping || daemons.wasStopped { code = nil }
        withExtendedLifetime(trap) {}
        throw ExitCode(code ?? 130)
    }
}
