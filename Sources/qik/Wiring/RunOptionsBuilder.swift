import Foundation
import QikCore

/// The run's settings: `QIK__…` environment overrides (§1.8, read by `QikRuntimeContext`), then the CLI flags on
/// top. The same values feed `{ctx.qik.…}` templates and the run itself.
enum RunOptionsBuilder {
    static func runtime(_ selection: SelectionOptions, _ execution: ExecutionOptions, environment: [String: String]) throws
        -> QikRuntimeContext
    {
        var runtime = try QikRuntimeContext.fromEnvironment(environment)
        if !selection.commands.isEmpty { runtime.commands = selection.commands }
        if !selection.modules.isEmpty { runtime.modules = selection.modules }
        if !selection.spaces.isEmpty { runtime.spaces = selection.spaces }
        if !selection.tags.isEmpty { runtime.tags = selection.tags }
        if !selection.caches.isEmpty { runtime.caches = selection.caches }
        if let status = selection.cacheStatus { runtime.cacheStatus = status }
        if let since = selection.since { runtime.since = since }
        if selection.isolated { runtime.isolated = true }
        if execution.force { runtime.force = true }
        if let workers = execution.workers { runtime.workers = workers }
        if execution.ls { runtime.ls = true }
        if execution.fail { runtime.fail = true }
        if let logger = execution.logger { runtime.logger = logger }
        if let verbosity = execution.verbosity { runtime.verbosity = verbosity }
        return runtime
    }

    static func options(_ runtime: QikRuntimeContext, _ selection: SelectionOptions, _ execution: ExecutionOptions, environment: [String: String])
        throws -> RunOptions
    {
        func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ what: String) throws -> T? where T.RawValue == String {
            guard let raw else { return nil }
            guard let value = T(rawValue: raw) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw QikError("args1", "Invalid \(what) \"\(raw)\".", hint: "Use one of: \(allowed).")
            }
            return value
        }
        guard runtime.workers >= 1 else {
            throw QikError("args1", "Invalid worker count \(runtime.workers).", hint: "Use -n 1 or more.")
        }
        var options = RunOptions(workers: runtime.workers)
        options.commands = runtime.commands
        options.modules = runtime.modules
        options.spaces = runtime.spaces
        options.tags = runtime.tags
        options.caches = runtime.caches
        options.cacheStatus = try choice(runtime.cacheStatus, "cache status")
        options.since = runtime.since.flatMap { $0.isEmpty ? nil : $0 }
        options.sinceMode = try choice(selection.sinceMode ?? environment["QIK__SINCE_MODE"], "since mode") ?? .mergeBase
        options.isolated = runtime.isolated
        options.force = runtime.force
        options.ls = runtime.ls
        options.json = execution.json
        options.fail = runtime.fail
        options.logger = try choice(runtime.logger, "logger")
        options.verbosity = runtime.verbosity
        return options
    }
}
