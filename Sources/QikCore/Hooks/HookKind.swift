/// The git hooks qik installs.
public enum HookKind: String, Sendable, CaseIterable, Codable {
    case preCommit = "pre-commit"
    case prePush = "pre-push"

    /// `[hooks.pre-commit]` / `[hooks.pre-push]`, or the defaults (every non-hidden command, no skips).
    public func configuration(_ config: ProjectConfig) -> HookConfig {
        switch self {
        case .preCommit: config.hooks.preCommit ?? HookConfig()
        case .prePush: config.hooks.prePush ?? HookConfig()
        }
    }
}

/// Situations a hook can be told to sit out (`skip = [...]`).
public enum HookSkipRule: String, Sendable, CaseIterable {
    /// A merge is being concluded (MERGE_HEAD exists): the commit is a merge commit.
    case merge
    case rebase
    case cherryPick = "cherry-pick"
    case revert

    /// Parses `skip` values; unknown ones are a configuration error (hook0), so a typo never silently disables
    /// nothing.
    public static func parse(_ values: [String], hook: HookKind) throws -> [HookSkipRule] {
        try values.map { value in
            guard let rule = HookSkipRule(rawValue: value) else { throw HookErrors.unknownSkipRule(value, hook: hook) }
            return rule
        }
    }
}
