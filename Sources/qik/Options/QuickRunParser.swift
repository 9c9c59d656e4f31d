/// Parses the everyday shapes of a plain run (`qik`, `qik lint --ls`, `qik --since origin/main -n 4`) without
/// argument-parser.
///
/// Why by hand: argument-parser discovers options by reflection, and instantiating the metadata of every property
/// wrapper and checking protocol conformances costs about 15 M of the 25 M instructions of a whole `qik --ls` on the
/// django corpus (callgrind), more than reading the config and the index together. Hooks and CI start qik often.
///
/// Anything not understood exactly (help, version, a subcommand, an unknown or repeated single option, `--`, joined
/// short flags, a value that looks like a flag or does not parse) returns nil, and argument-parser handles the
/// arguments as before, with its own errors. So a flag missing here costs speed, never behaviour; `QuickRunParserTests`
/// check that every accepted vector parses to what argument-parser gives.
enum QuickRunParser {
    /// Subcommand names: a first positional equal to one of these is argument-parser's.
    static let subcommands: Set<String> = ["run", "watch", "hooks", ":config", ":graph", ":git", "help"]

    static func parse(_ arguments: [String]) -> RunArguments? {
        var result = RunArguments()
        var seen: Set<String> = []
        var index = 0
        func value() -> String? {
            guard index + 1 < arguments.count else { return nil }
            index += 1
            let next = arguments[index]
            return next.hasPrefix("-") ? nil : next
        }
        while index < arguments.count {
            var argument = arguments[index]
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inline = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            guard argument.hasPrefix("-") else {
                if result.commands.isEmpty, subcommands.contains(argument) { return nil }
                result.commands.append(argument)
                index += 1
                continue
            }
            guard let name = canonicalName[argument] else { return nil }
            if flags.contains(name) {
                guard inline == nil, seen.insert(name).inserted else { return nil }
                switch name {
                case "force": result.force = true
                case "ls": result.ls = true
                case "json": result.json = true
                case "fail": result.fail = true
                default: result.isolated = true
                }
            } else {
                guard let text = inline ?? value(), !text.isEmpty else { return nil }
                if !repeatable.contains(name) { guard seen.insert(name).inserted else { return nil } }
                switch name {
                case "module": result.modules.append(text)
                case "space": result.spaces.append(text)
                case "tag": result.tags.append(text)
                case "cache": result.caches.append(text)
                case "cache-status": result.cacheStatus = text
                case "since": result.since = text
                case "since-mode": result.sinceMode = text
                case "logger": result.logger = text
                case "workers", "verbosity":
                    guard let number = Int(text) else { return nil }
                    if name == "workers" { result.workers = number } else { result.verbosity = number }
                default: return nil
                }
            }
            index += 1
        }
        return result
    }

    /// Spelling → option, as `SelectionOptions` and `ExecutionOptions` declare them.
    private static let canonicalName: [String: String] = [
        "-f": "force", "--force": "force", "--ls": "ls", "--json": "json", "--fail": "fail", "--isolated": "isolated",
        "-n": "workers", "--workers": "workers", "-l": "logger", "--logger": "logger", "-v": "verbosity",
        "--verbosity": "verbosity", "-m": "module", "--module": "module", "-s": "space", "--space": "space",
        "-t": "tag", "--tag": "tag", "--cache": "cache", "--cache-status": "cache-status", "--since": "since",
        "--since-mode": "since-mode",
    ]
    private static let flags: Set<String> = ["force", "ls", "json", "fail", "isolated"]
    private static let repeatable: Set<String> = ["module", "space", "tag", "cache"]
}
