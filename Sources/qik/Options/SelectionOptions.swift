import ArgumentParser
import QikCore

/// Flags that choose runnables (§2.1). Each falls back to its `QIK__…` environment variable when not given.
struct SelectionOptions: ParsableArguments {
    @Argument(help: "Commands to run (default: every command that is not hidden).")
    var commands: [String] = []

    @Option(name: [.customShort("m"), .customLong("module")], help: "Only runnables of this module (repeatable).")
    var modules: [String] = []

    @Option(name: [.customShort("s"), .customLong("space")], help: "Only runnables of this space (repeatable).")
    var spaces: [String] = []

    @Option(name: [.customShort("t"), .customLong("tag")], help: "Only runnables with this tag (repeatable).")
    var tags: [String] = []

    @Option(name: .customLong("cache"), help: "Only runnables using this cache: local, repo, none or a custom one (repeatable).")
    var caches: [String] = []

    @Option(name: .customLong("cache-status"), help: "Only runnables whose cache entry is warm or cold.")
    var cacheStatus: String?

    @Option(help: "Only runnables affected by changes since this git ref (and their dependencies and strict dependents).")
    var since: String?

    @Option(name: .customLong("since-mode"), help: "merge-base (default): compare with the merge base of the ref and HEAD; diff: with the ref itself.")
    var sinceMode: String?

    @Flag(help: "Do not pull dependency commands into the run.")
    var isolated = false
}
