internal import CLibgit2
import QikCore

/// Every error QikGit throws, in one place. Codes are stable: add new ones at the end.
public enum GitErrors {
    /// git0: no repository contains the directory.
    public static func notARepository(_ path: String) -> QikError {
        QikError("git0", "Not a git repository (or any parent up to the root): \(path).",
                 hint: "Run qik inside a git work tree, or `git init` one.")
    }

    /// git1: qik needs a work tree; a bare repository has none.
    public static func bareRepository(_ path: String) -> QikError {
        QikError("git1", "\(path) is a bare git repository; qik needs a work tree.",
                 hint: "Run qik in a clone or a linked worktree (`git worktree add`).")
    }

    /// git2: a ref given by the user does not resolve.
    public static func unknownRef(_ ref: String, shallow: Bool = false) -> QikError {
        QikError("git2", "Unknown git ref \"\(ref)\".",
                 hint: shallow
                    ? "This is a shallow clone: fetch the ref or more history (`git fetch --deepen=N`, or `fetch-depth: 0` in actions/checkout)."
                    : "Check the spelling, or fetch it first (e.g. `git fetch origin`).")
    }

    /// git3: the merge base lies beyond the shallow boundary, so the change set cannot be known.
    public static func shallowWithoutMergeBase(_ ref: String) -> QikError {
        QikError("git3", "This shallow clone lacks the merge base of \"\(ref)\" and HEAD.",
                 hint: "Run `git fetch --deepen=N` (or `git fetch --unshallow`), or use `fetch-depth: 0` in actions/checkout.")
    }

    /// git4: libgit2 reported a failure qik did not expect.
    public static func libgit2(_ operation: String, code: Int32) -> QikError {
        var detail = "error \(code)"
        if let last = git_error_last(), let message = last.pointee.message {
            detail = String(cString: message)
        }
        return QikError("git4", "libgit2 failed to \(operation): \(detail)", fault: .bug)
    }

    /// git5: REF and HEAD share no history (and the clone is complete), so there is no merge base.
    public static func noMergeBase(_ ref: String) -> QikError {
        QikError("git5", "\"\(ref)\" and HEAD have no common ancestor.",
                 hint: "Use `--since-mode diff` to compare against \(ref)'s tree directly.")
    }

    /// git6: HEAD has no commit yet, so nothing can be measured against a merge base.
    public static func unbornHead(_ ref: String) -> QikError {
        QikError("git6", "HEAD has no commits yet; there is no merge base with \"\(ref)\".",
                 hint: "Commit first, or compare against the ref's tree with the diff mode.")
    }

    /// git7: a pre-push standard-input line qik cannot read.
    public static func malformedPushLine(_ line: String) -> QikError {
        QikError("git7", "Malformed pre-push line \"\(line)\"; expected `<local ref> <local sha> <remote ref> <remote sha>`.")
    }
}

/// Throws git4 when a libgit2 call returns a negative code.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    if code < 0 { throw GitErrors.libgit2(operation(), code: code) }
}
