import ArgumentParser

/// Flags that shape how the selection runs or is listed (§2.1).
struct ExecutionOptions: ParsableArguments {
    @Flag(name: [.customShort("f"), .customLong("force")], help: "Never read caches (results are still written).")
    var force = false

    @Option(name: [.customShort("n"), .customLong("workers")], help: "Number of parallel workers (default: the number of cores).")
    var workers: Int?

    @Flag(help: "Print the selected runnable names and exit.")
    var ls = false

    @Flag(help: "With --ls: one JSON object per runnable (name, command, space, module, cache, cache status).")
    var json = false

    @Flag(help: "Do not run; exit 1 if anything is selected.")
    var fail = false

    @Option(name: [.customShort("l"), .customLong("logger")], help: "Output style: progress or stdout.")
    var logger: String?

    @Option(name: [.customShort("v"), .customLong("verbosity")], help: "0 quiet, 1 default, 2 (bare -v) every runnable's output.")
    var verbosity: Int?
}
