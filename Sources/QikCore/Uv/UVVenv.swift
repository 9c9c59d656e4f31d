/// A space's uv venv (§8.1, §10), resolved: its files, its directory and the JSON 0.2.10 hashes for it.
public struct UVVenv: Sendable, Equatable {
    /// The space the venv belongs to; a `{type = "space"}` link resolves to the target space's venv and name.
    public let name: String
    public let reqs: [String]
    /// The venv's `lock`, else the plugin's default lock path.
    public let lock: String
    public let python: String?
    /// nil when no constraint applies (unset, or set to `""`).
    public let constraint: String?
    /// msgspec's encoding of 0.2.10's `UVVenv`, the const dep of every runnable of the space: any change to the
    /// venv's configuration rebuilds the space.
    public let constJSON: String
    /// `<plugin>.install`: every runnable of the space depends on it, strictly.
    public let installCommand: String

    /// `._qik/venv/<name>`, relative to the project root.
    public var directory: String { Self.directory(of: name) }

    public static func directory(of name: String) -> String { "._qik/venv/\(name)" }

    /// `--since` patterns it adds to the runnables of its space: requirement files and the lock file.
    public var sincePatterns: [String] { reqs + [lock] }

    /// - Parameters:
    ///   - name: the space owning the venv configuration.
    ///   - constraint: the resolved constraint path (`ProjectConfig.resolveUVConstraint`).
    init(name: String, reqs: Requirements, lock: String?, python: String?, constraint: UVConstraint?,
         resolvedConstraint: String?, settings: UVPluginSettings) {
        self.name = name
        self.reqs = reqs.files
        self.lock = lock.flatMap { $0.isEmpty ? nil : $0 } ?? settings.defaultLock(space: name)
        self.python = python ?? settings.config.python
        self.constraint = resolvedConstraint
        installCommand = settings.installCommand
        // Field order of msgspec's kw_only struct: the subclass fields (python, constraint) before the inherited
        // ones (reqs, lock); unset fields are omitted.
        var conf: [(String, CompactJSON)] = [("type", .string("uv"))]
        if let python { conf.append(("python", .string(python))) }
        switch constraint {
        case .path(let path)?: conf.append(("constraint", .string(path)))
        case .space(let other)?: conf.append(("constraint", .object([("type", .string("space")), ("name", .string(other))])))
        case nil: break
        }
        conf.append(("reqs", reqs.json))
        if let lock { conf.append(("lock", .string(lock))) }
        constJSON = CompactJSON.object([("name", .string(name)), ("conf", .object(conf))]).encoded
    }
}
