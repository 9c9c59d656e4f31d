import QikCore

/// Daemon output goes straight to the console, each line prefixed with the runnable's name: a daemon outlives
/// the run (and the logger) that started it.
enum DaemonConsole {
    static func supervisor(out: ConsoleOutput) -> DaemonSupervisor {
        DaemonSupervisor(
            onLine: { runnable, line in out.line("\(runnable.name) | \(line)") },
            onExit: { runnable, code in
                out.line("\(code == 0 ? Glyph.success : Glyph.failure) daemon \(runnable.name) exited with code \(code)")
            })
    }
}
