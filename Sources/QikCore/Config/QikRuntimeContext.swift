import Foundation

/// The `qik` ctx namespace (`{ctx.qik.<field>}`, behaviour reference §1.8): the run's flags as template values.
///
/// Defaults, then `QIK__<FIELD>` environment overrides (`fromEnvironment`); the CLI then overlays its flags.
/// `arch` is read-only: 0.2.10 documents `QIK__ARCH` but ignores it, and so does the port.
public struct QikRuntimeContext: Sendable, Equatable {
    public var isolated = false
    public var watch = false
    public var force = false
    public var ls = false
    public var workers: Int
    public var fail = false
    public var verbosity = 1
    public var since: String?
    public var commands: [String] = []
    public var modules: [String] = []
    public var spaces: [String] = []
    public var cacheStatus: String?
    public var caches: [String] = []
    public var tags: [String] = []
    /// `progress`, `stdout`, or nil (choose automatically).
    public var logger: String?
    public let arch: String

    /// Field names as written in templates and, upper-cased with a `QIK__` prefix, in the environment.
    public static let fieldNames = [
        "isolated", "watch", "force", "ls", "workers", "fail", "verbosity", "since", "commands", "modules", "spaces",
        "cache_status", "caches", "tags", "logger", "arch",
    ]

    /// `workers` defaults to the processor count (Python's `os.cpu_count()`).
    public init(workers: Int = ProcessEnvironment.processorCount, arch: String = QikRuntimeContext.currentArch) {
        self.workers = workers
        self.arch = arch
    }

    /// Defaults overridden by `QIK__<FIELD>` variables (lists are comma-split; bools accept yes/true/1/no/false/0).
    /// - Throws: `ctx1` when a value cannot be cast (e.g. `QIK__WORKERS=many`).
    public static func fromEnvironment(_ environment: [String: String]) throws -> QikRuntimeContext {
        var context = QikRuntimeContext()
        func bool(_ field: String) throws -> Bool? {
            try environment["QIK__\(field.uppercased())"].map { try CtxResolver.castBool($0, variable: "QIK__\(field.uppercased())") }
        }
        func int(_ field: String) throws -> Int? {
            try environment["QIK__\(field.uppercased())"].map { try CtxResolver.castInt($0, variable: "QIK__\(field.uppercased())") }
        }
        func list(_ field: String) -> [String]? {
            environment["QIK__\(field.uppercased())"].map(CtxResolver.splitList)
        }
        func string(_ field: String) -> String? { environment["QIK__\(field.uppercased())"] }

        context.isolated = try bool("isolated") ?? context.isolated
        context.watch = try bool("watch") ?? context.watch
        context.force = try bool("force") ?? context.force
        context.ls = try bool("ls") ?? context.ls
        context.workers = try int("workers") ?? context.workers
        context.fail = try bool("fail") ?? context.fail
        context.verbosity = try int("verbosity") ?? context.verbosity
        context.since = string("since") ?? context.since
        context.commands = list("commands") ?? context.commands
        context.modules = list("modules") ?? context.modules
        context.spaces = list("spaces") ?? context.spaces
        context.cacheStatus = string("cache_status") ?? context.cacheStatus
        context.caches = list("caches") ?? context.caches
        context.tags = list("tags") ?? context.tags
        context.logger = string("logger") ?? context.logger
        return context
    }

    /// The template value of `field` (`{ctx.qik.<field>}`), nil for an unknown field.
    public func value(of field: String) -> CtxValue? {
        switch field {
        case "isolated": .bool(isolated)
        case "watch": .bool(watch)
        case "force": .bool(force)
        case "ls": .bool(ls)
        case "workers": .int(workers)
        case "fail": .bool(fail)
        case "verbosity": .int(verbosity)
        case "since": since.map(CtxValue.string) ?? CtxValue.none
        case "commands": .list(commands)
        case "modules": .list(modules)
        case "spaces": .list(spaces)
        case "cache_status": cacheStatus.map(CtxValue.string) ?? CtxValue.none
        case "caches": .list(caches)
        case "tags": .list(tags)
        case "logger": logger.map(CtxValue.string) ?? CtxValue.none
        case "arch": .string(arch)
        default: nil
        }
    }

    /// conda-style platform name, as 0.2.10's `qik.arch.get()` (§1.8).
    public static var currentArch: String {
        #if os(Linux)
            #if arch(x86_64)
                return "linux-64"
            #elseif arch(arm64)
                return "linux-aarch64"
            #elseif arch(powerpc64le)
                return "linux-ppc64le"
            #elseif arch(i386) || arch(arm)
                return "linux-32"
            #else
                return "unknown"
            #endif
        #elseif os(macOS)
            #if arch(arm64)
                return "osx-arm64"
            #elseif arch(x86_64)
                return "osx-64"
            #else
                return "unknown"
            #endif
        #elseif os(Windows)
            return MemoryLayout<Int>.size == 8 ? "win-64" : "win-32"
        #else
            return "unknown"
        #endif
    }
}
