import Foundation
import QikCore
import QikTestSupport
import Testing

/// `qik hooks …` end to end: real `git commit` and `git push` (to a bare repository on disk) run the installed
/// hook scripts, which call the built qik.
@Suite(.serialized) struct HookScenarioTests {
    /// `lint` sees `*.py` (and records what it saw in `seen/`, which git ignores); `docs` sees `docs/*`.
    static let toml = """
        [commands.lint]
        exec = "mkdir -p seen && for f in *.py; do cp $f seen/$f; done; echo linted"
        deps = ["*.py"]

        [commands.docs]
        exec = "echo docs"
        deps = ["docs/*"]
        """

    func project(_ toml: String = HookScenarioTests.toml, files: [String: String] = ["a.py": "a = 1\n"], install: Bool = true) throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("qik.toml", toml)
        try repo.write(".gitignore", "seen/\n")
        for (path, content) in files { try repo.write(path, content) }
        try repo.commitAll("initial")
        if install { #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0) }
        return repo
    }

    @discardableResult
    func qik(_ repo: GitFixture, _ arguments: String..., env: [String: String?] = [:]) throws -> QikBinary.Result {
        try QikBinary.run(arguments, in: repo.root, environment: env)
    }

    func commit(_ repo: GitFixture, _ message: String = "change", env: [String: String] = [:]) throws -> QikBinary.Result {
        try repo.gitOutcome(["commit", "-q", "-m", message], environment: env)
    }

    func head(_ repo: GitFixture, _ path: String) throws -> String { try repo.git("show", "HEAD:" + path) }

    // MARK: install, uninstall, status

    /// Given a fresh repo, install writes both scripts calling the absolute qik path, status lists them, and
    /// uninstall removes them.
    @Test func installStatusUninstall() throws {
        let repo = try project()
        let script = try repo.read(".git/hooks/pre-commit")
        #expect(script.contains("qik='\(QikBinary.path)'"))
        #expect(script.contains(HookScript.marker))
        #expect(FileManager.default.isExecutableFile(atPath: repo.path(".git/hooks/pre-push")))
        let status = try qik(repo, "hooks", "status")
        #expect(status.stdout.contains("pre-commit: installed, calls \(QikBinary.path)"))
        #expect(status.stdout.contains("pre-push: installed"))
        #expect(try qik(repo, "hooks", "uninstall").code == 0)
        #expect(!repo.fileExists(".git/hooks/pre-commit") && !repo.fileExists(".git/hooks/pre-push"))
        #expect(try qik(repo, "hooks", "status").stdout.contains("pre-commit: not installed"))
    }

    @Test func installOnlyPrePush() throws {
        let repo = try project(install: false)
        #expect(try qik(repo, "hooks", "install", "--pre-push", "--qik-path", QikBinary.path).code == 0)
        #expect(!repo.fileExists(".git/hooks/pre-commit") && repo.fileExists(".git/hooks/pre-push"))
    }

    /// The script falls back to PATH when the recorded qik is gone (GUI clients, version managers moved it).
    @Test func scriptFallsBackToPath() throws {
        let repo = try project(install: false)
        #expect(try qik(repo, "hooks", "install", "--qik-path", "/nonexistent/qik").code == 0)
        let bin = repo.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/qik", withDestinationPath: QikBinary.path)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try commit(repo, env: ["PATH": path])
        #expect(result.code == 0)
        #expect(try repo.read("seen/a.py") == "a = 2\n")
    }

    // MARK: pre-commit sees exactly the staged content

    /// Given a partially staged file, the command sees the staged version and the unstaged hunk survives.
    @Test func partiallyStagedFileIsHiddenAndRestored() throws {
        let repo = try project()
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 2\nunstaged = True\n")
        let result = try commit(repo)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try repo.read("seen/a.py") == "a = 2\n")
        #expect(try head(repo, "a.py") == "a = 2\n")
        #expect(try repo.read("a.py") == "a = 2\nunstaged = True\n")
        #expect(!repo.fileExists(".git/qik/guard"))
        #expect(!repo.fileExists("._qik/hook.lock"))
    }

    /// A commit whose staged files match no command's deps runs nothing and never touches the work tree.
    @Test func unaffectedCommitRunsNothing() throws {
        let repo = try project(files: ["a.py": "a = 1\n", "notes.txt": "n\n"])
        try repo.write("notes.txt", "n2\n")
        try repo.git("add", "notes.txt")
        try repo.write("a.py", "a = 9  # unstaged\n")
        let result = try commit(repo)
        #expect(result.code == 0)
        #expect(!result.stderr.contains("linted") && !repo.fileExists("seen"))
        #expect(try repo.read("a.py") == "a = 9  # unstaged\n")
    }

    /// The second commit of already-checked content replays from the shared cache.
    @Test func knownInputReplaysFromCache() throws {
        let repo = try project()
        try repo.write("a.py", "a = 3\n")
        #expect(try qik(repo, "lint").code == 0)  // Warms the cache for this content, outside any hook.
        try repo.git("add", "a.py")
        let result = try commit(repo)
        #expect(result.code == 0)
        #expect(result.stderr.contains(Glyph.replayed + " lint"))  // git sends hook output to stderr.
    }

    /// When the staged content already has a result, the hook replays it without setting anything aside: the
    /// partially staged file keeps its inode (the guard would have rewritten it).
    @Test func warmStagedContentReplaysWithoutTouchingTheWorkTree() throws {
        let repo = try project()
        try repo.write("a.py", "a = 4\n")
        #expect(try qik(repo, "lint").code == 0)
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 4\nwip = 1\n")
        let inode = try FileManager.default.attributesOfItem(atPath: repo.path("a.py"))[.systemFileNumber] as? UInt64
        let result = try commit(repo)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains(Glyph.replayed + " lint"))
        #expect(try FileManager.default.attributesOfItem(atPath: repo.path("a.py"))[.systemFileNumber] as? UInt64 == inode)
        #expect(try repo.read("a.py") == "a = 4\nwip = 1\n")
    }

    /// A result cached for the work tree's (unstaged) content must not stand in for the staged content.
    @Test func cachedWorkTreeContentDoesNotHideAFailingStagedVersion() throws {
        let repo = try project("""
            [commands.lint]
            exec = "grep -q ok a.py"
            deps = ["*.py"]
            """, files: ["a.py": "ok\n"])
        try repo.write("a.py", "bad\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "ok again\n")
        #expect(try qik(repo, "lint").code == 0)  // Cached for the work tree's content.
        let result = try commit(repo)
        #expect(result.code != 0)
        #expect(result.stderr.contains("lint (exit 1)"))
        #expect(try repo.read("a.py") == "ok again\n")
    }

    /// A failing command blocks the commit with a summary; unstaged work is back.
    @Test func failingCommandBlocksCommit() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo bad; exit 3"
            deps = ["*.py"]
            """)
        let before = try repo.git("rev-parse", "HEAD")
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 2\nmore = 1\n")
        let result = try commit(repo)
        #expect(result.code != 0)
        #expect(result.stderr.contains("qik pre-commit: 1 of 1 command(s) failed; the commit was blocked."))
        #expect(result.stderr.contains("lint (exit 3)"))
        #expect(try repo.git("rev-parse", "HEAD") == before)
        #expect(try repo.read("a.py") == "a = 2\nmore = 1\n")
        #expect(try repo.git("diff", "--cached", "--name-only") == "a.py\n")
    }

    /// Intent-to-add files are not part of the commit: hidden while the hook runs, back afterwards, still ITA.
    @Test func intentToAddEntryIsHiddenAndKept() throws {
        let repo = try project()
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        try repo.write("new.py", "new = 1\n")
        try repo.git("add", "-N", "new.py")
        #expect(try commit(repo).code == 0)
        #expect(!repo.fileExists("seen/new.py"))
        #expect(try repo.read("new.py") == "new = 1\n")
        #expect(try repo.git("diff", "--name-only") == "new.py\n")  // Still intent-to-add.
        #expect(try repo.git("ls-tree", "--name-only", "HEAD").split(separator: "\n").contains("new.py") == false)
    }

    /// Binary content, a staged deletion, an unstaged deletion and a rename all come back byte for byte.
    @Test func binaryDeletionsAndRenames() throws {
        let binary = Data((0..<512).map { UInt8(($0 * 37) % 256) })
        let repo = try project(files: ["a.py": "a = 1\n", "b.py": "b = 1\n", "c.py": "c = 1\n", "old.py": "o = 1\n"])
        try repo.write("blob.py", binary)
        try repo.commitAll("binary")
        try repo.remove("seen")
        var edited = binary
        edited[3] = 0
        try repo.write("blob.py", edited)
        try repo.git("add", "blob.py")
        edited[7] = 0xFF
        try repo.write("blob.py", edited)           // partially staged binary
        try repo.git("rm", "-q", "b.py")            // staged deletion
        try repo.remove("c.py")                     // unstaged deletion: the commit still has c.py
        try repo.git("mv", "old.py", "renamed.py")  // rename
        let result = try commit(repo)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try repo.read("seen/c.py") == "c = 1\n")
        #expect(!repo.fileExists("seen/b.py") && repo.fileExists("seen/renamed.py"))
        #expect(FileManager.default.contents(atPath: repo.path("seen/blob.py"))?[7] != 0xFF)
        #expect(FileManager.default.contents(atPath: repo.path("blob.py")) == edited)
        #expect(!repo.fileExists("c.py") && !repo.fileExists("b.py"))
        #expect(try repo.git("ls-tree", "--name-only", "HEAD").contains("c.py"))
        #expect(try repo.git("ls-tree", "--name-only", "HEAD").contains("renamed.py"))
    }

    /// The very first commit (no HEAD yet) works, with a partially staged file.
    @Test func firstCommitWithoutHead() throws {
        let repo = try GitFixture()
        try repo.write("qik.toml", Self.toml)
        try repo.write(".gitignore", "seen/\n")
        #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0)
        try repo.write("a.py", "a = 1\n")
        try repo.git("add", "-A")
        try repo.write("a.py", "a = 1\nlater = 2\n")
        let result = try commit(repo, "first")
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try repo.read("seen/a.py") == "a = 1\n")
        #expect(try repo.read("a.py") == "a = 1\nlater = 2\n")
    }

    /// A merge commit runs the hook on the merged content; `skip = ["merge"]` skips it.
    @Test func mergeCommitRunsAndCanBeSkipped() throws {
        for skip in [false, true] {
            let repo = try project(Self.toml + (skip ? "\n[hooks.pre-commit]\nskip = [\"merge\"]\n" : ""))
            try repo.git("checkout", "-q", "-b", "side")
            try repo.write("b.py", "b = 1\n")
            try repo.git("add", "b.py")
            try repo.git("commit", "-q", "--no-verify", "-m", "side")
            try repo.git("checkout", "-q", "main")
            try repo.write("c.py", "c = 1\n")
            try repo.git("add", "c.py")
            try repo.git("commit", "-q", "--no-verify", "-m", "main")
            let merge = try repo.gitOutcome(["merge", "--no-ff", "--no-commit", "side"])
            #expect(merge.code == 0)
            try repo.write("c.py", "c = 1\nunstaged = 1\n")
            let result = try commit(repo, "merge")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(try repo.git("rev-list", "--parents", "-n", "1", "HEAD").split(separator: " ").count == 3)
            #expect(repo.fileExists("seen/b.py") == !skip)
            if skip { #expect(result.stderr.contains("skipped (merge in progress)")) }
            #expect(try repo.read("c.py") == "c = 1\nunstaged = 1\n")
        }
    }

    @Test func qikSkipEnvironmentSkips() throws {
        let repo = try project("""
            [commands.lint]
            exec = "exit 1"
            deps = ["*.py"]
            """)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo, env: ["QIK_SKIP": "1"]).code == 0)
    }

    /// `[hooks.pre-commit] commands` narrows what may run.
    @Test func configuredCommandsOnly() throws {
        let repo = try project(Self.toml + """

            [commands.other]
            exec = "echo OTHER-RAN"
            deps = ["*.py"]

            [hooks.pre-commit]
            commands = ["other"]
            """)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        let result = try commit(repo)
        #expect(result.code == 0)
        #expect(result.stderr.contains("OTHER-RAN"))
        #expect(!repo.fileExists("seen"))
    }

    // MARK: fixers

    static let fixer = """
        [commands.fmt]
        exec = "for f in *.py; do sed -i 's/  *$//' $f; done"
        deps = ["*.py"]
        cache = "none"
        """

    /// restage = true: the fixer's output of the staged content is committed; the unstaged hunk stays unstaged.
    @Test func restageCommitsFixerOutputKeepsUnstagedHunks() throws {
        let repo = try project(Self.fixer + "\n[hooks.pre-commit]\nrestage = true\n", files: ["a.py": "a = 1\n", "b.py": "b = 1\n"])
        try repo.write("a.py", "a = 2   \n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 2   \nwip = 1   \n")
        try repo.write("b.py", "b = 2   \n")
        try repo.git("add", "b.py")
        let result = try commit(repo)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("re-staged 2 file(s)"))
        #expect(try head(repo, "a.py") == "a = 2\n")
        #expect(try head(repo, "b.py") == "b = 2\n")
        #expect(try repo.read("a.py") == "a = 2   \nwip = 1   \n")  // The user's bytes, untouched.
        #expect(try repo.read("b.py") == "b = 2\n")  // Fully staged: the work tree holds the fixed content.
        #expect(try repo.git("status", "--porcelain") == " M a.py\n")
    }

    /// restage = false: a rewrite fails the commit and lists the file.
    @Test func rewriteWithoutRestageFails() throws {
        let repo = try project(Self.fixer)
        try repo.write("a.py", "a = 2   \n")
        try repo.git("add", "a.py")
        let result = try commit(repo)
        #expect(result.code != 0)
        #expect(result.stderr.contains("commands rewrote 1 file(s): a.py"))
        #expect(try repo.git("show", ":a.py") == "a = 2   \n")  // The index is untouched.
    }

    /// `git commit -a`: git hands the hook a locked index (GIT_INDEX_FILE=.git/index.lock); restage writes there.
    @Test func commitAllWithRestage() throws {
        let repo = try project(Self.fixer + "\n[hooks.pre-commit]\nrestage = true\n")
        try repo.write("a.py", "a = 2   \n")
        let result = try repo.gitOutcome(["commit", "-q", "-a", "-m", "all"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try head(repo, "a.py") == "a = 2\n")
        #expect(try repo.git("status", "--porcelain") == "")
    }

    /// `git commit <path>`: only that path's work-tree content is committed; other staged files are not part of
    /// the commit, so the commands see their HEAD version.
    @Test func commitOfNamedPathsSeesOnlyThem() throws {
        let repo = try project(files: ["a.py": "a = 1\n", "b.py": "b = 1\n"])
        try repo.write("a.py", "a = 2\n")
        try repo.write("b.py", "b = 2\n")
        try repo.git("add", "b.py")
        let result = try repo.gitOutcome(["commit", "-q", "-m", "only a", "a.py"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try repo.read("seen/a.py") == "a = 2\n")
        #expect(try repo.read("seen/b.py") == "b = 1\n")
        #expect(try repo.read("b.py") == "b = 2\n")
        #expect(try repo.git("diff", "--cached", "--name-only") == "b.py\n")
    }

    // MARK: interruption

    /// SIGTERM to the hook stops the commands, restores the work tree, and blocks the commit.
    @Test func sigtermRestores() throws {
        let repo = try project("""
            [commands.lint]
            exec = "kill -TERM $PPID; sleep 5"
            deps = ["*.py"]
            """)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 2\nkeep = 1\n")
        let result = try commit(repo)
        #expect(result.code != 0)
        #expect(try repo.read("a.py") == "a = 2\nkeep = 1\n")
        #expect(!repo.fileExists(".git/qik/guard/record.json"))
    }

    /// A hook killed outright leaves the index version in the work tree; the next qik (any subcommand) restores the
    /// user's bytes and says what it did and how to recover by hand.
    @Test func sigkillIsRecoveredByNextInvocation() throws {
        let repo = try project("""
            [commands.lint]
            exec = "kill -KILL $PPID"
            deps = ["*.py"]
            """)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "a = 2\nkeep = 1\n")
        #expect(try commit(repo).code != 0)
        #expect(try repo.read("a.py") == "a = 2\n")  // Still the staged version: qik was killed.
        #expect(repo.fileExists(".git/qik/guard/record.json"))
        let next = try qik(repo, "--ls")
        #expect(next.stderr.contains("was interrupted while your unstaged changes were set aside; restored 1 file(s): a.py"))
        #expect(next.stderr.contains("qik hooks recover"))
        #expect(try repo.read("a.py") == "a = 2\nkeep = 1\n")
        #expect(!repo.fileExists(".git/qik/guard/record.json"))
    }

    /// While the hook runs, `._qik/hook.lock` names its pid (the contract `qik watch` honours).
    @Test func hookLockExistsDuringTheHook() throws {
        let repo = try project("""
            [commands.lint]
            exec = "cat ._qik/hook.lock > lock-seen.txt"
            deps = ["*.py"]
            cache = "none"
            """)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo).code == 0)
        let lines = try repo.read("lock-seen.txt").split(separator: "\n")
        #expect(lines.count == 1 && Int(lines[0]) != nil)  // The format `HookLock.isHeld` (qik watch) reads.
        #expect(!repo.fileExists("._qik/hook.lock"))
    }

    // MARK: foreign hooks, core.hooksPath, worktrees

    /// A hand-written hook is kept and runs first; its failure blocks; uninstall restores it.
    @Test func foreignHookIsChainedAndRestored() throws {
        let repo = try project(install: false)
        let foreign = "#!/bin/sh\necho FOREIGN >> foreign.log\n[ -f block ] && exit 1\nexit 0\n"
        try repo.write(".git/hooks/pre-commit", foreign)
        try repo.setExecutable(".git/hooks/pre-commit", true)
        let install = try qik(repo, "hooks", "install", "--qik-path", QikBinary.path)
        #expect(install.stderr.contains("kept the existing pre-commit hook"))
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo).code == 0)
        #expect(try repo.read("foreign.log") == "FOREIGN\n")
        #expect(try repo.read("seen/a.py") == "a = 2\n")
        try repo.write("block", "")
        try repo.write("a.py", "a = 3\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo).code != 0)
        #expect(try qik(repo, "hooks", "status").stdout.contains("runs pre-commit.pre-qik first"))
        #expect(try qik(repo, "hooks", "uninstall").stderr.contains("restored the previous pre-commit hook"))
        #expect(try repo.read(".git/hooks/pre-commit") == foreign)
        #expect(!repo.fileExists(".git/hooks/pre-commit.pre-qik"))
    }

    /// --no-chain refuses to touch a foreign hook; --force sets it aside (not run) and uninstall restores it.
    @Test func noChainRefusesUnlessForced() throws {
        let repo = try project(install: false)
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 1\n")
        try repo.setExecutable(".git/hooks/pre-commit", true)
        let refused = try qik(repo, "hooks", "install", "--pre-commit", "--no-chain", "--qik-path", QikBinary.path)
        #expect(refused.code == 1 && refused.stderr.contains("hook1"))
        #expect(try repo.read(".git/hooks/pre-commit") == "#!/bin/sh\nexit 1\n")
        #expect(try qik(repo, "hooks", "install", "--pre-commit", "--no-chain", "--force", "--qik-path", QikBinary.path).code == 0)
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo).code == 0)  // The foreign `exit 1` is not run.
        #expect(try qik(repo, "hooks", "uninstall").code == 0)
        #expect(try repo.read(".git/hooks/pre-commit") == "#!/bin/sh\nexit 1\n")
    }

    /// A chained pre-push hook and qik both get every stdin line.
    @Test func chainedPrePushGetsStdin() throws {
        let (repo, remote) = try pushPair()
        try repo.write(".git/hooks/pre-push", "#!/bin/sh\ncat > foreign-stdin.txt\n")
        try repo.setExecutable(".git/hooks/pre-push", true)
        #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0)
        try repo.write("a.py", "a = 5\n")
        try repo.git("add", "a.py")
        try repo.git("commit", "-q", "--no-verify", "-m", "five")
        let push = try repo.gitOutcome(["push", "-q", "origin", "main"])
        #expect(push.code == 0, "\(push.stderr)")
        #expect(try repo.read("foreign-stdin.txt").hasPrefix("refs/heads/main "))
        #expect(try repo.read("seen/a.py") == "a = 5\n")
        _ = remote
    }

    /// core.hooksPath decides where the scripts go.
    @Test func coreHooksPathIsRespected() throws {
        let repo = try project(install: false)
        try repo.git("config", "core.hooksPath", ".githooks")
        #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0)
        #expect(repo.fileExists(".githooks/pre-commit") && !repo.fileExists(".git/hooks/pre-commit"))
        try repo.write("a.py", "a = 2\n")
        try repo.git("add", "a.py")
        #expect(try commit(repo).code == 0)
        #expect(try repo.read("seen/a.py") == "a = 2\n")
    }

    /// A linked worktree shares the hooks; the guard works on that worktree's own index and files.
    @Test func linkedWorktree() throws {
        let repo = try project()
        let linked = try GitFixture.makeTemporaryDirectory() + "/wt"
        try repo.git("worktree", "add", "-q", "-b", "feature", linked)
        defer { try? FileManager.default.removeItem(atPath: (linked as NSString).deletingLastPathComponent) }
        let other = try GitFixture(directory: linked)
        try other.write("a.py", "a = 7\n")
        try other.git("add", "a.py")
        try other.write("a.py", "a = 7\nwip = 1\n")
        let result = try other.gitOutcome(["commit", "-q", "-m", "wt"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try other.read("seen/a.py") == "a = 7\n")
        #expect(try other.read("a.py") == "a = 7\nwip = 1\n")
    }

    /// A project below the work-tree root: the script enters it before calling qik.
    @Test func projectInSubdirectory() throws {
        let repo = try GitFixture()
        try repo.write("proj/qik.toml", Self.toml)
        try repo.write("proj/a.py", "a = 1\n")
        try repo.write(".gitignore", "seen/\n")
        try repo.commitAll("initial")
        #expect(try QikBinary.run(["hooks", "install", "--qik-path", QikBinary.path], in: repo.path("proj")).code == 0)
        try repo.write("proj/a.py", "a = 2\n")
        try repo.git("add", "proj/a.py")
        try repo.write("proj/a.py", "a = 2\nwip = 1\n")
        #expect(try commit(repo).code == 0)
        #expect(try repo.read("proj/seen/a.py") == "a = 2\n")
        #expect(try repo.read("proj/a.py") == "a = 2\nwip = 1\n")
    }

    // MARK: pre-push

    func pushPair(_ toml: String = HookScenarioTests.toml) throws -> (GitFixture, GitFixture) {
        let remote = try GitFixture(directory: GitFixture.makeTemporaryDirectory())
        try remote.git("init", "-q", "--bare", "-b", "main")
        let repo = try project(toml, install: false)
        try repo.git("remote", "add", "origin", remote.root)
        try repo.git("push", "-q", "origin", "main")
        return (repo, remote)
    }

    /// A failing affected command blocks the push; an unaffected push goes through.
    @Test func prePushBlocksOnAffectedFailure() throws {
        let (repo, remote) = try pushPair("""
            [commands.lint]
            exec = "grep -q ok a.py"
            deps = ["*.py"]

            [commands.docs]
            exec = "echo docs"
            deps = ["docs/*"]
            """)
        #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0)
        try repo.write("docs/x.md", "x\n")
        try repo.git("add", "docs/x.md")
        try repo.git("commit", "-q", "--no-verify", "-m", "docs")
        let fine = try repo.gitOutcome(["push", "-q", "origin", "main"])
        #expect(fine.code == 0, "\(fine.stderr)")
        #expect((fine.stdout + fine.stderr).contains("docs") && !(fine.stdout + fine.stderr).contains("lint"))
        try repo.write("a.py", "bad\n")
        try repo.git("add", "a.py")
        try repo.git("commit", "-q", "--no-verify", "-m", "bad")
        let blocked = try repo.gitOutcome(["push", "-q", "origin", "main"])
        #expect(blocked.code != 0)
        #expect((blocked.stdout + blocked.stderr).contains("qik pre-push: 1 of 1 command(s) failed; the push was blocked."))
        #expect(try remote.git("rev-parse", "main") != repo.git("rev-parse", "HEAD"))
    }

    /// Every ref line counts: pushing two branches runs the commands affected by either.
    @Test func prePushReadsEveryRefLine() throws {
        let (repo, remote) = try pushPair()
        defer { withExtendedLifetime(remote) {} }
        #expect(try qik(repo, "hooks", "install", "--qik-path", QikBinary.path).code == 0)
        try repo.git("checkout", "-q", "-b", "one")
        try repo.write("docs/x.md", "x\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "docs")
        try repo.git("checkout", "-q", "main")
        try repo.git("checkout", "-q", "-b", "two")
        try repo.write("a.py", "a = 42\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "py")
        let push = try repo.gitOutcome(["push", "-q", "origin", "one", "two"])
        #expect(push.code == 0, "\(push.stderr)")
        #expect((push.stdout + push.stderr).contains("docs") && (push.stdout + push.stderr).contains(Glyph.success + " lint"), "\(push.stdout)")
    }
}
