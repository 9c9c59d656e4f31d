import Foundation
import QikCore

/// The run's settings: `QIK__…` environment overrides (§1.8, read by `QikRuntimeContext`), then the CLI flags on
/// top. The same values feed `{ctx.qik.…}` templates and the run itself.
enum RunOptionsBuilder {
    static func runtime(_ arguments: RunArguments, environment: [String: String]) throws
        -> QikRuntimeContext
    {
        var runtime = try QikRuntimeContext.fromEnvironment(environment)
        if !arguments.commands.isEmpty { runtime.commands = arguments.commands }
        if !arguments.modules.isEmpty { runtime.modules = arguments.modules }
        if !arguments.spaces.isEmpty { runtime.spaces = arguments.spaces }
        if !arguments.tags.isEmpty { runtime.tags = arguments.tags }
        if !arguments.caches.isEmpty { runtime.caches = arguments.caches }
        if let status = arguments.cacheStatus { runtime.cacheStatus = status }
        if let since = arguments.since { runtime.since = since }
        if arguments.isolated { runtime.isolated = true }
        if arguments.force { runtime.force = true }
        if let workers = arguments.workers { runtime.workers = workers }
        if arguments.ls { runtime.ls = true }
        if arguments.fail { runtime.fail = true }
        if let logger = arguments.logger { runtime.logger = logger }
        if let verbosity = arguments.verbosity { runtime.verbosity = verbosity }
        return runtime
    }

    static func options(_ runtime: QikRuntimeContext, _ arguments: RunArguments, environment: [String: String])
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
        options.sinceMode = try choice(arguments.sinceMode ?? environment["QIK__SINCE_MODE"], "since mode") ?? .mergeBase
        options.isolated = runtime.isolated
        options.force = runtime.force
        options.ls = runtime.ls
        options.json = arguments.json
        options.fail = runtime.fail
        options.logger = try choice(runtime.logger, "logger")
        options.verbosity = runtime.verbosity
        return options
    }
}
