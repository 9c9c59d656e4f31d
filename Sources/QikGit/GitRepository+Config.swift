internal import CLibgit2
import Foundation

extension GitRepository {
    /// A config value as git resolves it (local over global over system), or nil when unset.
    public func configValue(_ key: String) throws -> String? {
        try withHandle { repo in
            var config: OpaquePointer?
            try check(git_repository_config_snapshot(&config, repo), "read the git config")
            defer { git_config_free(config) }
            var value: UnsafePointer<CChar>?
            let code = git_config_get_string(&value, config, key)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, "read \(key)")
            return value.map { String(cString: $0) }
        }
    }

    /// `core.hooksPath` as written, or nil when unset.
    public var hooksPath: String? { get throws { try configValue("core.hooksPath") } }

    /// The directory git runs hooks from: `core.hooksPath` (`~` expanded, relative to the work-tree root, where
    /// git runs hooks) or else `hooks/` in the common git dir, which linked worktrees share.
    public var hooksDirectory: String {
        get throws {
            guard let raw = try hooksPath, !raw.isEmpty else { return commonDir + "/hooks" }
            let path = expandingTilde(raw)
            return path.hasPrefix("/") ? path : workTreeRoot + "/" + path
        }
    }

    /// Git's `interpolate_path`: `~` and `~/…` are `$HOME`, `~user/…` is that user's home; an unknown user leaves
    /// the path as written.
    func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let afterTilde = path.dropFirst()
        let user = afterTilde.prefix { $0 != "/" }
        let rest = afterTilde.dropFirst(user.count)
        if user.isEmpty { return homeDirectory + rest }
        guard let entry = getpwnam(String(user)), let directory = entry.pointee.pw_dir else { return path }
        return String(cString: directory) + rest
    }
}
