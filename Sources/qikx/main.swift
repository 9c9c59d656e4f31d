import Foundation
import QikCore

/// `qikx EXE[@SPACE] [ARGS…]`: run any executable in a space's environment (§2.7) — the space is `@SPACE`, else
/// the space whose root holds the current directory, else `default`; its dotenv files are applied, then the
/// process is replaced by EXE (found on PATH) with the arguments verbatim.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "Usage: qikx <command@space command_args>"

func fail(_ error: QikError) -> Never {
    FileHandle.standardError.write(Data("\(Glyph.failure) \(error.description) See \(error.docsURL)\n".utf8))
    exit(1)
}

guard let first = arguments.first, first != "--help", first != "-h" else {
    print(usage)
    exit(1)
}

do {
    let cwd = FileManager.default.currentDirectoryPath
    let file = try ConfigLoader.discover(from: cwd)
    let root = (file as NSString).deletingLastPathComponent
    let config = try ConfigLoader.load(root: root, file: file, environment: ProcessInfo.processInfo.environment)
    // `-i/--install` becomes `qik <uv plugin>.install`: it locks and installs every venv the commands use. Without
    // a venv plugin there is nothing to install.
    if first == "-i" || first == "--install" {
        guard let install = InstallCommand(config: config) else { exit(0) }
        install.exec()
    }
    var executable = first
    var space: String
    if let at = first.lastIndex(of: "@") {
        executable = String(first[..<at])
        space = String(first[first.index(after: at)...])
    } else {
        let relative = cwd.hasPrefix(root + "/") ? String(cwd.dropFirst(root.count + 1)) : ""
        space = config.workingSpace(directory: relative) ?? "default"
    }
    guard space == "default" || config.spaces.contains(where: { $0.name == space }) else {
        throw QikError("conf8", "Space \"\(space)\" not configured.")
    }
    let environment = try RunnableEnvironment(base: ProcessInfo.processInfo.environment, config: config)
        .spaceVariables(space)
    for (key, value) in environment { setenv(key, value, 1) }
    let argv = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
    execvp(executable, argv)
    fail(QikError("exec0", "Could not run \"\(executable)\": \(String(cString: strerror(errno))).", hint: "Check that it is on PATH."))
} catch let error as QikError {
    fail(error)
} catch {
    fail(QikError("exec1", "\(error)", fault: .bug))
}
