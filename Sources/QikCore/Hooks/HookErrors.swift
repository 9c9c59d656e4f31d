/// Errors of `qik hooks …`. Codes are stable (hook5–hook7 live in QikGit's `HookGuardErrors`).
public enum HookErrors {
    /// hook0: a `skip` value qik does not know.
    public static func unknownSkipRule(_ value: String, hook: HookKind) -> QikError {
        QikError("hook0", "Unknown skip rule \"\(value)\" in [hooks.\(hook.rawValue)].", location: "qik.toml",
                 hint: "Use any of: \(HookSkipRule.allCases.map(\.rawValue).joined(separator: ", ")).")
    }

    /// hook1: a foreign hook is in the way and the user asked not to chain it.
    public static func foreignHook(_ path: String) -> QikError {
        QikError("hook1", "\(path) exists and is not qik's; qik will not overwrite it.",
                 hint: "Drop --no-chain to keep it and run it before qik, or add --force to set it aside (uninstall restores it).")
    }

    /// hook2: the place qik keeps a foreign hook is taken.
    public static func backupExists(_ path: String) -> QikError {
        QikError("hook2", "\(path) already exists, so qik has nowhere to keep the current hook.",
                 hint: "Move or delete it, then run `qik hooks install` again.")
    }

    /// hook3: writing the hooks directory failed.
    public static func cannotWrite(_ path: String, reason: String) -> QikError {
        QikError("hook3", "Could not write \(path): \(reason).", hint: "Check the permissions of the hooks directory.")
    }

    /// hook4: `qik hooks run` with a hook qik does not manage.
    public static func unknownHook(_ name: String) -> QikError {
        QikError("hook4", "qik has no \"\(name)\" hook.", hint: "Use pre-commit or pre-push.")
    }
}
