import ArgumentParser
import Foundation
import QikCore
import QikGit

/// `qik hooks run <hook> [git's arguments]`: what the installed hook scripts call.
struct HooksRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a hook now (the installed scripts call this).")

    @Argument(help: "pre-commit or pre-push.") var hook: String
    @Argument(parsing: .captureForPassthrough, help: "The arguments git passes (pre-push: <remote> <url>).")
    var arguments: [String] = []

    func run() throws {
        try Self.run(hook: hook, arguments: arguments, environment: ProcessEnvironment.current())
    }

    /// `Qik.main` calls this directly for `hooks run <hook> …` (every commit starts it), skipping argument-parser's
    /// start-up cost: the hook name and git's arguments need no parsing.
    static func run(hook: String, arguments: [String], environment: [String: String]) throws {
        guard let kind = HookKind(rawValue: hook) else { throw HookErrors.unknownHook(hook) }
        if environment["QIK_SKIP"] == "1" { return }
        // Every pushed ref line is read before anything else, so git never sees a closed pipe.
        let lines = kind == .prePush ? Self.standardInputLines() : []
        let runtime = try RunOptionsBuilder.runtime(RunArguments(), environment: environment)
        let base = try RunOptionsBuilder.options(runtime, RunArguments(), environment: environment)
        let project = try Project.open(environment: environment, runtime: runtime)
        let repository = try project.repository
        let changes = GitChangeProvider(repository: repository)
        let processes = ProcessGroupRegistry()
        let out = ConsoleOutput()
        nonisolated(unsafe) var trap: InterruptTrap?
        defer { withExtendedLifetime(trap) {} }
        var services = HookRunner.Services(
            makeSession: { project.session(options: $0) }, stores: project.stores(),
            makeLogger: { options, graph in project.logger(options: options, graph: graph, out: out) },
            processes: processes, report: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        // Installed before the guard touches anything: SIGINT/SIGTERM/SIGHUP then stop the commands, and the work
        // tree is restored before qik exits.
        services.willRun = { trap = InterruptTrap(processes: processes) }
        if kind == .preCommit {
            let staged = IndexContentProvider(repository: repository)  // One index read for the check and the replay.
            services.makeIndexSession = { project.session(options: $0, files: staged) }
        }
        let runner = HookRunner(kind: kind, config: project.config)
        let code = try runner.run(
            base: base, operation: Self.operation(repository), environment: environment,
            changes: {
                kind == .preCommit ? try changes.staged()
                    : try changes.pushed(lines, remote: arguments.first ?? "origin")
            },
            guard: kind == .preCommit ? WorkTreeGuard(repository: repository, hook: kind.rawValue) : nil,
            services: services)
        throw ExitCode(code)
    }

    static func operation(_ repository: GitRepository) -> HookSkipRule? {
        switch repository.operationInProgress {
        case .merge: .merge
        case .rebase, .applyMailbox: .rebase
        case .cherryPick: .cherryPick
        case .revert: .revert
        case .none, .bisect: nil
        }
    }

    static func standardInputLines() -> [String] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
