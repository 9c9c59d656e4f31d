import Foundation
import QikCore

/// Merges CLI flags with `QIK__…` environment overrides (§1.8): a flag given on the command line wins.
enum RunOptionsBuilder {
    static func build(_ selection: SelectionOptions, _ execution: ExecutionOptions, environment env: [String: String]) throws -> RunOptions {
        func list(_ flag: [String], _ key: String) -> [String] {
            if !flag.isEmpty { return flag }
            return env["QIK__\(key)"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        }
        func bool(_ flag: Bool, _ key: String) throws -> Bool {
            if flag { return true }
            guard let raw = env["QIK__\(key)"] else { return false }
            switch raw.lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no", "": return false
            default: throw QikError("ctx1", "Unable to cast env ctx QIK__\(key) value \"\(raw)\" as bool.")
            }
        }
        func int(_ flag: Int?, _ key: String) throws -> Int? {
            if let flag { return flag }
            guard let raw = env["QIK__\(key)"] else { return nil }
            guard let value = Int(raw) else { throw QikError("ctx1", "Unable to cast env ctx QIK__\(key) value \"\(raw)\" as int.") }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ flag: String?, _ key: String, _ what: String) throws -> T?
        where T.RawValue == String {
            guard let raw = flag ?? env["QIK__\(key)"] else { return nil }
            guard let value = T(rawValue: raw) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw QikError("args1", "Invalid \(what) \"\(raw)\".", hint: "Use one of: \(allowed).")
            }
            return value
        }

        var options = RunOptions(workers: try int(execution.workers, "WORKERS") ?? ProcessInfo.processInfo.activeProcessorCount)
        guard options.workers >= 1 else { throw QikError("args1", "Invalid worker count \(options.workers).", hint: "Use -n 1 or more.") }
        options.commands = list(selection.commands, "COMMANDS")
        options.modules = list(selection.modules, "MODULES")
        options.spaces = list(selection.spaces, "SPACES")
        options.tags = list(selection.tags, "TAGS")
        options.caches = list(selection.caches, "CACHES")
        options.cacheStatus = try choice(selection.cacheStatus, "CACHE_STATUS", "cache status")
        options.since = selection.since ?? env["QIK__SINCE"].flatMap { $0.isEmpty ? nil : $0 }
        options.sinceMode = try choice(selection.sinceMode, "SINCE_MODE", "since mode") ?? .mergeBase
        options.isolated = try bool(selection.isolated, "ISOLATED")
        options.force = try bool(execution.force, "FORCE")
        options.ls = try bool(execution.ls, "LS")
        options.json = execution.json
        options.fail = try bool(execution.fail, "FAIL")
        options.logger = try choice(execution.logger, "LOGGER", "logger")
        options.verbosity = try int(execution.verbosity, "VERBOSITY") ?? 1
        return options
    }
}
