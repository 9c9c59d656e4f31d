import Foundation

/// Runnables of the uv plugin's commands (0.2.10's `qik.uv.cmd.lock_cmd_factory` / `install_cmd_factory`, §10),
/// with exec strings and spec fields that match the original byte for byte so cache keys are shared.
struct UVRunnables {
    static let factoryPrefix = "qik.uv.cmd."
    static let lockFactory = "qik.uv.cmd.lock_cmd"
    static let installFactory = "qik.uv.cmd.install_cmd"

    let factory: RunnableFactory
    var config: ProjectConfig { factory.config }

    /// - Parameter args: `space`; without it (a command named on the command line), every runnable of the command
    ///   that the visible commands depend on.
    func runnables(name: String, command: CommandConfig, args: [RunnableArg]) throws -> [Runnable] {
        guard let settings = try factory.uvSettings() else { throw QikError("conf5", "Command \"\(name)\" not configured.") }
        guard let space = args.first(where: { $0.key == "space" })?.value, !space.isEmpty else {
            return try reachable(command: name)
        }
        guard let venv = try factory.uvVenv(space: space) else {
            throw QikError("exec1", "Space \"\(space)\" has no uv venv, so it has no \(name) runnable.", fault: .bug)
        }
        switch command.factory {
        case Self.lockFactory: return [try lock(settings, venv: venv, space: space)]
        default: return [try install(settings, venv: venv, space: space)]
        }
    }

    /// A command dep naming `uv.lock` / `uv.install` cannot say which space (0.2.10's `args0`).
    static func missingSpace(_ command: CommandConfig) -> QikError {
        let which = command.factory == lockFactory ? "lock" : "install"
        return QikError("args0", "\"space\" arg is required for qik.uv.\(which) command.",
                        hint: "uv runnables are created per space by the spaces' venvs; depend on a command of the space instead.")
    }

    /// `mkdir -p <lock dir> && uv pip compile --universal <reqs> -o <lock> [--constraint <c>]`.
    func lock(_ settings: UVPluginSettings, venv: UVVenv, space: String) throws -> Runnable {
        var compile = "uv pip compile --universal \(venv.reqs.joined(separator: " ")) -o \(venv.lock)"
        var constraintDeps: [RunnableDep] = []
        if let constraint = venv.constraint {
            compile += " --constraint \(constraint)"
            constraintDeps = [.glob(constraint)]
        }
        return Runnable(
            name: factory.runnableName(command: settings.lockCommand, space: space, module: nil),
            command: settings.lockCommand, exec: "mkdir -p \(Self.parent(of: venv.lock)) && \(compile)",
            cache: settings.cache, cacheWhen: .success, tags: [],
            deps: try factory.baseDeps(space: space) + venv.reqs.map { .glob($0) } + constraintDeps,
            artifacts: [venv.lock], module: nil, space: space, hidden: true, venvless: true,
            environ: settings.lockEnvironment)
    }

    /// `uv venv ._qik/venv/<venv> [--python '<py>'] && uv pip sync <lock> --python <abs venv>/bin/python`, always in
    /// the local cache (a venv is machine-specific).
    func install(_ settings: UVPluginSettings, venv: UVVenv, space: String) throws -> Runnable {
        let python = venv.python.map { $0.isEmpty ? "" : "--python '\($0)'" } ?? ""
        let exec = "uv venv \(venv.directory) \(python) && uv pip sync \(venv.lock) --python \(config.root)/\(venv.directory)/bin/python"
        return Runnable(
            name: factory.runnableName(command: settings.installCommand, space: space, module: nil),
            command: settings.installCommand, exec: exec, cache: "local", cacheWhen: .success, tags: [],
            deps: try factory.baseDeps(space: space) + [
                .command(name: settings.lockCommand, strict: true, isolated: nil, args: [RunnableArg("space", space)]),
                .glob(venv.lock),
            ],
            artifacts: [], module: nil, space: space, hidden: true, venvless: true)
    }

    /// `qik uv.install`: the command's runnables that the visible commands depend on (0.2.10's fallback for
    /// commands that need arguments), e.g. every venv `qikx -i` should install.
    private func reachable(command name: String) throws -> [Runnable] {
        var selected: [Runnable] = []
        for (visible, command) in factory.allCommands where !command.hidden {
            selected += try factory.runnables(name: visible, command: command)
        }
        let graph = try RunnableGraph(selected: selected, factory: factory, isolated: false)
        return graph.order.compactMap { graph.allNodes[$0] }.filter { $0.command == name }
    }

    /// `pathlib.Path(lock).parent`: `.` for a bare file name.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
