import Foundation

/// Finds and loads a project's configuration: the root `qik.toml` (or `[tool.qik]` of `pyproject.toml`) and the
/// `qik.toml` of every module.
///
/// Pipeline: raw bytes → UTF-8 check → toml++ (TOMLKit, guarded by `TOMLNode.parse`) → `TOMLNode` tree →
/// `ConfigDecoder` (strict schema) → `ProjectConfig`. Only on an error, or to restore the file order of
/// order-sensitive tables, is the raw text scanned again by `TOMLKeyLocator`.
public enum ConfigLoader {
    /// Root discovery (§1.1): walk up from `cwd`; remember every `qik.toml` file (the outermost wins); stop after a
    /// directory holding `.git` (a directory, or a file in linked worktrees and submodules).
    /// Without any `qik.toml`, the outermost `pyproject.toml` holding a `[tool.qik]` table on the same walk is used.
    /// - Returns: the absolute path of the configuration file; its directory is the project root.
    /// - Throws: `conf0` when neither exists.
    public static func discover(from cwd: String) throws -> String {
        // stat(2), not FileManager/URL: this runs first in every qik, and their first use instantiates a good deal
        // of Foundation's machinery.
        func kind(_ path: String) -> mode_t? {
            var st = stat()
            return stat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
        }
        var directory = standardized(cwd)
        var qikToml: String?
        var pyproject: String?
        while true {
            let candidate = join(directory, "qik.toml")
            if let found = kind(candidate), found != S_IFDIR { qikToml = candidate }
            let pyCandidate = join(directory, "pyproject.toml")
            if qikToml == nil, let found = kind(pyCandidate), found != S_IFDIR, hasToolQikTable(pyCandidate) {
                pyproject = pyCandidate
            }
            if kind(join(directory, ".git")) != nil { break }
            guard directory != "/", let slash = directory.lastIndex(of: "/") else { break }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        if let qikToml { return qikToml }
        if let pyproject { return pyproject }
        throw QikError.configNotFound()
    }

    /// `path` made absolute (from the current directory) with `.`, `..`, empty components and a trailing `/`
    /// resolved by spelling alone, as `URL.standardizedFileURL` does; symlinks are kept.
    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : ProcessEnvironment.currentDirectory() + "/" + path
        return "/" + PathSpelling.resolvingDots(absolute)
    }

    /// Loads the root configuration file and every module's `qik.toml`.
    /// - Parameters:
    ///   - root: absolute project root.
    ///   - file: absolute path of the configuration file (`qik.toml` or `pyproject.toml`).
    ///   - environment: reserved for configuration that reads the environment (ctx is resolved later, lazily).
    /// - Throws: `QikError` — `conf1` for syntax or schema errors (with `file:line:col`), `conf3` for a plugin the
    ///   port does not provide.
    public static func load(root: String, file: String, environment: [String: String] = [:]) throws -> ProjectConfig {
        let relativeFile = relativePath(file, to: root)
        let isPyproject = (file as NSString).lastPathComponent == "pyproject.toml"
        let text = try readUTF8(file, displayName: relativeFile)
        var tree = try parse(text, displayName: relativeFile)
        let prefix = isPyproject ? ["tool", "qik"] : []
        if isPyproject {
            tree = toolQikTable(tree) ?? .table([])
        }

        var config = ProjectConfig(root: root, file: file)
        let decoder: ConfigDecoder
        do {
            decoder = try ConfigDecoder.decodeRoot(tree, into: &config)
        } catch let error as SchemaError {
            throw schemaFailure(error, text: text, prefix: prefix, displayName: relativeFile)
        } catch let error as PluginImportFailure {
            throw QikError.pluginNotImportable(error.pyimport,
                                               location: locate(prefix + error.path, text: text, displayName: relativeFile))
        }
        restoreFileOrder(&config, text: text, prefix: prefix)

        // Like 0.2.10, a module name configured twice maps to the later module.
        for module in config.spaces.flatMap(\.modules) {
            let moduleFile = join(join(root, module.path), "qik.toml")
            guard FileManager.default.fileExists(atPath: moduleFile) else {
                config.moduleCommands.removeValue(forKey: module.name)
                continue
            }
            let displayName = relativePath(moduleFile, to: root)
            let moduleText = try readUTF8(moduleFile, displayName: displayName)
            let moduleTree = try parse(moduleText, displayName: displayName)
            do {
                var commands = try decoder.decodeModuleFile(moduleTree)
                if commands.count > 1 {
                    let order = TOMLKeyLocator(text: moduleText, childrenOf: [["commands"]]).childOrder(of: ["commands"])
                    commands = ordered(commands, by: order, key: { $0.name })
                }
                config.moduleCommands[module.name] = commands
            } catch {
                throw schemaFailure(error, text: moduleText, prefix: [], displayName: displayName)
            }
        }
        return config
    }

    /// Discovers from `cwd` and loads.
    public static func load(cwd: String, environment: [String: String]) throws -> ProjectConfig {
        let file = try discover(from: cwd)
        return try load(root: (file as NSString).deletingLastPathComponent, file: file, environment: environment)
    }

    // MARK: Helpers

    static func parse(_ text: String, displayName: String) throws -> TOMLNode {
        do {
            return try TOMLNode.parse(text)
        } catch {
            throw QikError.configParse(error.message, location: "\(displayName):\(error.line):\(error.column)")
        }
    }

    private static func readUTF8(_ file: String, displayName: String) throws -> String {
        guard let data = FileBytes.read(file) else {
            throw QikError.configParse("Could not read \(displayName)", location: displayName)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            let prefix = String(decoding: data.prefix(offset), as: UTF8.self)
            let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            throw QikError.configParse("Invalid UTF-8 at byte \(offset)", location: "\(displayName):\(line)")
        }
        return text
    }

    private static func firstInvalidUTF8Offset(_ data: [UInt8]) -> Int {
        var low = 0
        var high = data.count
        // Binary search for the longest valid prefix (a cut in the middle of a valid sequence also fails, so
        // accept up to 3 bytes of slack).
        while low < high {
            let mid = (low + high + 1) / 2
            if (0...3).contains(where: { mid + $0 <= data.count && String(validating: data.prefix(mid + $0), as: UTF8.self) != nil }) {
                low = mid
            } else {
                high = mid - 1
            }
        }
        return low
    }

    static func schemaFailure(_ error: Error, text: String, prefix: [String], displayName: String) -> QikError {
        guard let error = error as? SchemaError else {
            return error as? QikError ?? QikError.configParse("\(error)", location: displayName)
        }
        return QikError.configParse(error.detail, location: locate(prefix + error.path, text: text, displayName: displayName))
    }

    static func locate(_ path: [String], text: String, displayName: String) -> String {
        guard let position = TOMLKeyLocator(text: text).lineColumn(of: path) else { return displayName }
        return "\(displayName):\(position.line):\(position.column)"
    }

    /// toml++ iterates keys sorted; the original keeps file order (first matching space root, plugin order, `--ls`).
    private static func restoreFileOrder(_ config: inout ProjectConfig, text: String, prefix: [String]) {
        guard config.commands.count > 1 || config.spaces.count > 1 || config.plugins.count > 1 || config.caches.count > 1
        else { return }
        let parents: Set<[String]> = [prefix + ["commands"], prefix + ["spaces"], prefix + ["plugins"], prefix + ["caches"]]
        let scan = TOMLKeyLocator(text: text, childrenOf: parents)
        config.commands = ordered(config.commands, by: scan.childOrder(of: prefix + ["commands"]), key: { $0.name })
        config.spaces = ordered(config.spaces, by: scan.childOrder(of: prefix + ["spaces"]), key: { $0.name })
        config.plugins = ordered(config.plugins, by: scan.childOrder(of: prefix + ["plugins"]), key: { $0.name })
        config.caches = ordered(config.caches, by: scan.childOrder(of: prefix + ["caches"]), key: { $0.name })
    }

    /// A closure, not a key path: applying a key path goes through the runtime (a third of loading qik.toml).
    private static func ordered<T>(_ items: [T], by order: [String], key: (T) -> String) -> [T] {
        guard items.count > 1 else { return items }
        var rank: [String: Int] = [:]
        for (index, name) in order.enumerated() where rank[name] == nil { rank[name] = index }
        // Names the scanner missed keep their (sorted) place after the known ones.
        let ranks = items.enumerated().map { (rank[key($0.element)] ?? order.count + $0.offset, $0.offset) }
        return ranks.sorted { $0 < $1 }.map { items[$0.1] }
    }

    private static func toolQikTable(_ tree: TOMLNode) -> TOMLNode? {
        guard case .table(let top) = tree, case .table(let tool)? = top.first(where: { $0.key == "tool" })?.value
        else { return nil }
        return tool.first { $0.key == "qik" }?.value
    }

    private static func hasToolQikTable(_ file: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file),
            let text = String(validating: data, as: UTF8.self),
            text.contains("qik")
        else { return false }
        guard let tree = try? TOMLNode.parse(text) else { return false }
        return toolQikTable(tree) != nil
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func relativePath(_ path: String, to root: String) -> String {
        let base = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
