/// The run flags as plain values: what `RunOptionsBuilder` reads, whether they came through argument-parser
/// (`SelectionOptions` + `ExecutionOptions`) or through `QuickRunParser`.
struct RunArguments: Equatable {
    var commands: [String] = []
    var modules: [String] = []
    var spaces: [String] = []
    var tags: [String] = []
    var caches: [String] = []
    var cacheStatus: String?
    var since: String?
    var sinceMode: String?
    var isolated = false
    var force = false
    var workers: Int?
    var ls = false
    var json = false
    var fail = false
    var logger: String?
    var verbosity: Int?
}

extension RunArguments {
    init(_ selection: SelectionOptions, _ execution: ExecutionOptions) {
        self.init(
            commands: selection.commands, modules: selection.modules, spaces: selection.spaces, tags: selection.tags,
            caches: selection.caches, cacheStatus: selection.cacheStatus, since: selection.since,
            sinceMode: selection.sinceMode, isolated: selection.isolated, force: execution.force,
            workers: execution.workers, ls: execution.ls, json: execution.json, fail: execution.fail,
            logger: execution.logger, verbosity: execution.verbosity)
    }
}
