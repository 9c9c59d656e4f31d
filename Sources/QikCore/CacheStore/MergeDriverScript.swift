import Foundation

/// The repo-cache merge driver, `hooks/merge-qik.sh` in the source tree (a test keeps the two identical).
public enum MergeDriverScript {
    public static let contents = """
        #!/bin/sh
        # qik's merge driver for repo-cache files (.qik/**): keep the local side of a conflicting cache entry.
        # Configured by qik as: git config merge.qik.driver "sh <this file> %O %A %B"
        # In a merge, "ours" ($2) is already the local version. In a rebase the roles swap: "theirs" ($3) is the
        # commit being replayed, i.e. the user's own cache entry, so it is copied over the result.
        git_dir=$(git rev-parse --git-dir 2>/dev/null || echo .git)
        if [ -d "$git_dir/rebase-apply" ] || [ -d "$git_dir/rebase-merge" ]; then
            cp "$3" "$2"
        fi
        exit 0

        """

    /// `<prefix>/share/qik/hooks/merge-qik.sh` next to an installed qik; otherwise a copy written to
    /// `~/.local/share/qik/merge-qik.sh`, so the git config never points into a directory qik may delete.
    static func installedPath() -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let shared = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/qik/hooks/merge-qik.sh").path
        if FileManager.default.contents(atPath: shared) == Data(contents.utf8) { return shared }
        let home = ProcessInfo.processInfo.environment["XDG_DATA_HOME"]
            ?? (ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/share"
        let path = "\(home)/qik/merge-qik.sh"
        if FileManager.default.contents(atPath: path) != Data(contents.utf8) {
            try? AtomicFile.write(contents, to: path)
        }
        return path
    }
}
