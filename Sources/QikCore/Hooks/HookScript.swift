import Foundation

/// The git hook script `qik hooks install` writes: `hooks/qik-hook.sh` in the source tree (a test keeps the two
/// identical), with `@HOOK@`, `@QIK@` and `@PROJECT@` replaced by shell-quoted values.
public enum HookScript {
    /// A line only qik's hook scripts carry: how install, uninstall and status tell them from foreign hooks.
    public static let marker = "# qik-managed git hook"

    public static let template = #"""
        #!/bin/sh
        # qik-managed git hook: `qik hooks install` wrote it, `qik hooks uninstall` removes it. Do not edit.
        # It runs the hook that was here before qik (kept beside it as <hook>.pre-qik), then `qik hooks run <hook>`.
        hook=@HOOK@
        qik=@QIK@
        project=@PROJECT@
        [ "$QIK_SKIP" = "1" ] && exit 0
        # The absolute path of the qik that installed the hook comes first: GUI git clients and version managers often
        # run hooks without the user's PATH. QIK_BINARY overrides it; PATH is the fallback.
        [ -n "$QIK_BINARY" ] && qik=$QIK_BINARY
        if [ ! -x "$qik" ]; then
            qik=$(command -v qik 2>/dev/null) || {
                echo "qik: not found (looked for $qik and on PATH); the $hook hook did nothing. Reinstall with \`qik hooks install\`." >&2
                exit 0
            }
        fi
        # git runs hooks in the work-tree root and may name the index and git dir relative to it; qik runs in the project
        # directory, so make them absolute first.
        # (Parameter expansion and $PWD only: every fork costs a commit about a millisecond.)
        case "$GIT_INDEX_FILE" in ""|/*) ;; *) GIT_INDEX_FILE="$PWD/$GIT_INDEX_FILE"; export GIT_INDEX_FILE ;; esac
        case "$GIT_DIR" in ""|/*) ;; *) GIT_DIR="$PWD/$GIT_DIR"; export GIT_DIR ;; esac
        case "$0" in */*) chained="${0%/*}/$hook.pre-qik" ;; *) chained="./$hook.pre-qik" ;; esac
        if [ -x "$chained" ]; then
            if [ "$hook" = "pre-push" ]; then
                # Both the chained hook and qik read the pushed refs from standard input.
                input=$(cat)
                if [ -n "$input" ]; then printf '%s\n' "$input"; fi | "$chained" "$@" || exit $?
                cd "$project" || exit 1
                if [ -n "$input" ]; then printf '%s\n' "$input"; fi | "$qik" hooks run "$hook" "$@"
                exit $?
            fi
            "$chained" "$@" || exit $?
        fi
        cd "$project" || exit 1
        exec "$qik" hooks run "$hook" "$@"

        """#

    /// The script for `hook`, calling `qikPath` (absolute) from `projectDirectory` (relative to the work-tree root,
    /// where git runs hooks; `.` for the root).
    public static func render(hook: HookKind, qikPath: String, projectDirectory: String) -> String {
        template
            .replacingOccurrences(of: "@HOOK@", with: shellQuoted(hook.rawValue))
            .replacingOccurrences(of: "@QIK@", with: shellQuoted(qikPath))
            .replacingOccurrences(of: "@PROJECT@", with: shellQuoted(projectDirectory.isEmpty ? "." : projectDirectory))
    }

    /// The qik path a rendered script calls, or nil when `script` is not qik's.
    public static func qikPath(in script: String) -> String? {
        guard script.contains(marker) else { return nil }
        for line in script.split(separator: "\n") where line.hasPrefix("qik=") {
            return unquoted(String(line.dropFirst(4)))
        }
        return nil
    }

    /// `'…'` with embedded single quotes as `'\''`.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func unquoted(_ value: String) -> String {
        guard value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 else { return value }
        return String(value.dropFirst().dropLast()).replacingOccurrences(of: "'\\''", with: "'")
    }
}
