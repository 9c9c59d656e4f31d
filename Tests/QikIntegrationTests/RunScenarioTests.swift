import Foundation
import QikTestSupport
import Testing

/// Conformance scenarios of §13 (basics, caching, output, selection), each in a fresh git repository, run through
/// the real `qik` binary.
@Suite(.serialized) struct RunScenarioTests {
    func project(_ toml: String, files: [String: String] = ["a.py": "print('a')\n"]) throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("qik.toml", toml)
        for (path, content) in files { try repo.write(path, content) }
        _ = try repo.commitAll("initial")
        return repo
    }

    func qik(_ repo: GitFixture, _ arguments: String..., env: [String: String?] = [:], in sub: String? = nil) throws -> QikBinary.Result {
        try QikBinary.run(arguments, in: sub.map(repo.path) ?? repo.root, environment: env)
    }

    /// Scenario 1: a command without deps is never cached.
    @Test func commandWithoutDepsAlwaysRuns() throws {
        let repo = try project(#"commands.hello = "echo hello""#)
        #expect(try qik(repo, "--ls").lines == ["hello"])
        for _ in 0..<2 {
            let run = try qik(repo, "hello")
            #expect(run.code == 0)
            #expect(run.stdout.contains("🚧\u{FE0F} hello echo hello"))
            #expect(run.lines.contains("hello"))
        }
    }

    /// Scenario 3: first run runs and writes the cache; the second replays; -f runs again.
    @Test func globDepCachesAndReplays() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo linting && cat a.py"
            deps = ["*.py"]
            """)
        let first = try qik(repo, "lint")
        #expect(first.code == 0)
        #expect(first.stdout.contains("🚧\u{FE0F} lint echo linting && cat a.py"))
        #expect(first.lines.contains("print('a')"))
        let manifest = try repo.read("._qik/cache/lint/lint.json")
        #expect(manifest.hasPrefix(#"{"name":"lint","hash":""#) && manifest.hasSuffix(#"","code":0,"log":"lint.out"}"#))
        #expect(try repo.read("._qik/cache/lint/lint.out") == "linting\nprint('a')\n")
        #expect(try repo.read("._qik/.gitignore") == "*")
        let second = try qik(repo, "lint")
        #expect(second.stdout.contains("⏩\u{FE0F} lint echo linting && cat a.py"))
        #expect(second.lines.contains("print('a')"))
        #expect(try repo.read("._qik/out/manifest.json").contains(#""cached_runnables":["lint"]"#))
        #expect(try qik(repo, "lint", "-f").stdout.contains("🚧\u{FE0F} lint"))
    }

    /// Scenarios 4 and 5: untracked files are invisible; staging or editing a tracked dep invalidates.
    @Test func trackedContentDecidesTheKey() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo linting"
            deps = ["*.py"]
            """)
        _ = try qik(repo, "lint")
        try repo.write("b.py", "print('b')\n")
        #expect(try qik(repo, "--cache-status", "warm", "--ls").lines == ["lint"])
        _ = try repo.git("add", "b.py")
        #expect(try qik(repo, "--cache-status", "cold", "--ls").lines == ["lint"])
        _ = try qik(repo, "lint")
        try repo.write("a.py", "print('changed')\n")
        #expect(try qik(repo, "--cache-status", "cold", "--ls").lines == ["lint"])
    }

    /// Scenario 6: exit code is the maximum; downstream of a failure is skipped.
    @Test func failureSkipsDownstreamAndSetsTheExitCode() throws {
        let repo = try project("""
            [commands]
            fail = "echo failing; exit 3"

            [commands.after_fail]
            exec = "echo after"
            deps = [{type = "command", name = "fail"}]
            """)
        let run = try qik(repo, "-n", "1")
        #expect(run.code == 3)
        #expect(run.stdout.contains("➖\u{FE0F} after_fail echo after"))
        #expect(!run.lines.contains("after"))
        let manifest = try repo.read("._qik/out/manifest.json")
        #expect(manifest.contains(#""runnable_status":{"fail":"failed","after_fail":"skipped"}"#))
    }

    /// Scenario 7: several runnables, default workers → progress logger; plain lines without a terminal.
    @Test func progressLoggerShowsOnlyFailuresByDefault() throws {
        let repo = try project("""
            [commands]
            ok = "echo fine"
            bad = "echo broken; exit 1"
            """)
        let run = try qik(repo, "-n", "2")
        #expect(run.code == 1)
        #expect(run.stdout.contains("broken"))
        #expect(!run.stdout.contains("fine"))
        #expect(run.lines.last == "💔\u{FE0F} Output in ._qik/out")
        let verbose = try qik(repo, "-n", "2", "-v")
        #expect(verbose.stdout.contains("fine"))
    }

    /// Scenario 8: local-cache artifacts are restored, stored relative to the root.
    @Test func artifactsAreRestoredFromTheLocalCache() throws {
        let repo = try project("""
            [commands.gen]
            exec = "mkdir -p out && echo generated > out/gen.txt"
            deps = ["*.py"]
            artifacts = ["out/gen.txt"]
            """)
        #expect(try qik(repo, "gen").code == 0)
        #expect(try repo.read("._qik/cache/gen/gen.json").contains(#""artifacts":["out/gen.txt"]"#))
        try repo.remove("out")
        let replay = try qik(repo, "gen")
        #expect(replay.stdout.contains("⏩\u{FE0F} gen"))
        #expect(try repo.read("out/gen.txt") == "generated\n")
    }

    /// Scenario 9: the repo cache marks its files intent-to-add, writes .gitattributes and the merge driver.
    @Test func repoCacheIsVisibleToGit() throws {
        let repo = try project("""
            [commands.repogen]
            exec = "echo repo > repo_art.txt && echo stored"
            deps = ["*.py"]
            artifacts = ["repo_art.txt"]
            cache = "repo"
            """)
        #expect(try qik(repo, "repogen").code == 0)
        #expect(try repo.read(".gitattributes") == ".qik/**/* linguist-generated=true merge=qik\n")
        let status = try repo.git("status", "--porcelain")
        for path in [".qik/cache/repogen/repogen.json", ".qik/cache/repogen/repogen.out", "repo_art.txt", ".gitattributes"] {
            #expect(status.contains(" A \(path)"), "\(path) should be intent-to-add in:\n\(status)")
        }
        #expect(try repo.git("config", "merge.qik.driver").hasPrefix("sh "))
        #expect(try qik(repo, "repogen").stdout.contains("⏩\u{FE0F} repogen"))
    }

    /// Scenario 10: a project in a sub-directory gets its prefix in the top-level .gitattributes.
    @Test func projectInASubdirectory() throws {
        let repo = try GitFixture()
        try repo.write("proj/qik.toml", """
            [commands.repogen]
            exec = "echo hi"
            deps = ["*.py"]
            cache = "repo"
            """)
        try repo.write("proj/a.py", "x = 1\n")
        _ = try repo.commitAll()
        #expect(try qik(repo, "repogen", in: "proj").code == 0)
        #expect(try repo.read(".gitattributes") == "proj/.qik/**/* linguist-generated=true merge=qik\n")
        #expect(try repo.git("status", "--porcelain").contains(" A proj/.qik/cache/repogen/repogen.json"))
    }

    /// Scenarios 13, 14, 15: isolation, cache filter without expansion, since with strict/non-strict dependents.
    @Test func selectionFlags() throws {
        let repo = try project("""
            [commands]
            fail = "exit 1"

            [commands.gen]
            exec = "echo gen"
            deps = ["b.py"]

            [commands.repogen]
            exec = "echo repogen"
            deps = [{type = "command", name = "gen"}]
            cache = "repo"

            [commands.lint]
            exec = "echo lint"
            deps = ["a.py", {type = "command", name = "fail"}]

            [commands.strict_down]
            exec = "echo strict"
            deps = [{type = "command", name = "lint", strict = true}]

            [commands.nonstrict_down]
            exec = "echo nonstrict"
            deps = [{type = "command", name = "lint"}]
            """, files: ["a.py": "a = 1\n", "b.py": "b = 1\n"])
        #expect(try qik(repo, "repogen", "--ls").lines == ["gen", "repogen"])
        #expect(try qik(repo, "repogen", "--ls", "--isolated").lines == ["repogen"])
        #expect(try qik(repo, "repogen", "--cache", "repo", "--ls").lines == ["repogen"])
        try repo.write("a.py", "a = 2\n")
        #expect(try qik(repo, "--since", "HEAD", "--ls").lines == ["fail", "lint", "strict_down"])
        #expect(try qik(repo, "--since", "HEAD", "--ls", "--fail").code == 1)
        // Scenario 16: editing qik.toml alone selects nothing without const deps.
        try repo.write("a.py", "a = 1\n")
        try repo.write("qik.toml", try repo.read("qik.toml") + "\n# comment\n")
        #expect(try qik(repo, "--since", "HEAD", "--ls").lines == [])
    }

    /// `--since` decides each runnable on its own patterns: a broad command a committed change selects does not stop
    /// the work tree from being checked for the narrower ones (an unstaged edit, a deletion, a change reverted in the
    /// work tree, a staged file), whatever order the changes arrive in.
    @Test func sinceDecidesEveryRunnableFromCommitsStagedAndWorkTree() throws {
        let repo = try project("""
            [commands.everything]
            exec = "true"
            deps = ["**.py"]

            [commands.docs]
            exec = "true"
            deps = ["docs/**.txt"]

            [commands.pkg]
            exec = "true"
            deps = ["pkg/**.py"]

            [commands.gone]
            exec = "true"
            deps = ["old/**"]

            [commands.reverted]
            exec = "true"
            deps = ["back/**"]

            [commands.staged]
            exec = "true"
            deps = ["stage/**"]

            [commands.quiet]
            exec = "true"
            deps = ["quiet/**"]
            """, files: ["a.py": "a\n", "docs/x.txt": "x\n", "pkg/m.py": "m\n", "old/o.txt": "o\n", "back/b.txt": "b\n",
                         "stage/s.txt": "s\n", "quiet/q.txt": "q\n"])
        try repo.git("tag", "base")
        try repo.write("a.py", "a2\n")
        try repo.write("back/b.txt", "b2\n")
        _ = try repo.commitAll("committed changes")
        #expect(try qik(repo, "--since", "base", "--ls").lines == ["everything", "reverted"])
        try repo.write("docs/x.txt", "x2\n")             // unstaged
        try repo.remove("old/o.txt")                      // deleted, unstaged
        try repo.write("back/b.txt", "b\n")              // committed change undone in the work tree
        try repo.write("stage/s.txt", "s2\n")
        try repo.git("add", "stage/s.txt")               // staged
        for mode in ["merge-base", "diff"] {
            #expect(try qik(repo, "--since", "base", "--since-mode", mode, "--ls").lines
                == ["docs", "everything", "gone", "staged"], "\(mode)")
        }
        try repo.write("pkg/m.py", "m2\n")
        #expect(try qik(repo, "--since", "base", "--ls").lines == ["docs", "everything", "gone", "pkg", "staged"])
    }

    /// Scenario 18 and 19: --fail alone, and QIK__ environment overrides.
    @Test func failFlagAndEnvironmentOverrides() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo lint"
            deps = ["*.py"]
            cache = "repo"

            [commands.other]
            exec = "echo other"
            deps = ["*.py"]
            """)
        let fail = try qik(repo, "--fail")
        #expect(fail.code == 1 && fail.stdout.isEmpty)
        #expect(try qik(repo, env: ["QIK__LS": "true", "QIK__CACHES": "repo"]).lines == ["lint"])
        _ = try qik(repo, "lint")
        let warm = try qik(repo, env: ["QIK__LS": "1", "QIK__CACHE_STATUS": "cold", "QIK__CACHES": "repo", "QIK__FAIL": "1"])
        #expect(warm.code == 0 && warm.stdout.isEmpty)
        #expect(try qik(repo, "-m", "zzz").code == 0)
    }

    /// Scenarios 20, 21, 22: modules, -m, -s, the working space, module qik.toml files.
    @Test func modulesAndSpaces() throws {
        let repo = try project("""
            [spaces.default]
            modules = ["a", {name = "b_module", path = "b"}]

            [spaces.other]
            root = "nest/"
            modules = ["nest/c"]

            [commands.fmt]
            exec = "echo fmt {module.dir} {module.pyimport} {module.name} {module.path}"
            """, files: ["a/__init__.py": "", "b/__init__.py": "", "nest/c/__init__.py": "",
                         "b/qik.toml": "[commands.modcmd]\nexec = \"echo modcmd\"\ndeps = [\"**.py\"]\ncache = \"repo\"\n"])
        #expect(try qik(repo, "--ls").lines == ["b_module/modcmd@default", "fmt@default#a", "fmt@default#b_module", "fmt@other#nest/c"])
        #expect(try qik(repo, "fmt", "-m", "nest/c").lines.contains("fmt nest/c nest.c nest/c nest/c"))
        #expect(try qik(repo, "--ls", "-m", "b_module").lines == ["fmt@default#b_module"])
        #expect(try qik(repo, "--ls", "-s", "other").lines == ["fmt@other#nest/c"])
        #expect(try qik(repo, "--ls", in: "nest/c").lines == ["fmt@other#nest/c"])
        #expect(try qik(repo, "b_module/modcmd").code == 0)
        #expect(repo.fileExists(".qik/cache/b_module/modcmd/b__module__modcmd__default.json"))
        // Module files load from the project root even when qik runs in a sub-directory (a 0.2.10 quirk, fixed).
        #expect(try qik(repo, "--ls", "-s", "default", in: "nest").lines == ["b_module/modcmd@default", "fmt@default#a", "fmt@default#b_module"])
    }

    /// Scenario 23: tags select without expansion.
    @Test func tags() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo lint"
            tags = ["ci", "fast"]

            [commands.gen]
            exec = "echo gen"
            tags = ["ci"]
            """)
        #expect(try qik(repo, "-t", "ci", "--ls").lines == ["gen", "lint"])
        #expect(try qik(repo, "-t", "fast", "--ls").lines == ["lint"])
        #expect(try qik(repo, "-t", "nothing").code == 0)
    }

    /// Scenarios 25, 26: ctx values from defaults and the environment; errors are coded.
    @Test func ctxVariables() throws {
        let repo = try project("""
            ctx = [{name = "my_var", default = "dflt"}]

            [commands.lint]
            exec = "echo linting {ctx.my_var} ${HOME:+home}"
            deps = ["*.py"]
            """)
        let run = try qik(repo, "lint")
        #expect(run.lines.contains("linting dflt home"))
        let fromEnv = try qik(repo, "lint", env: ["MY_VAR": "fromenv"])
        #expect(fromEnv.lines.contains("linting fromenv home"))
        #expect(fromEnv.stdout.contains("🚧\u{FE0F}"))

        let missing = try project("""
            ctx = ["needed"]

            [commands.lint]
            exec = "echo {ctx.needed}"
            """)
        let error = try qik(missing, "lint")
        #expect(error.code == 1)
        #expect(error.stderr.contains("ctx2"))
        #expect(error.stderr.contains(#"No value supplied for "needed" ctx."#))
    }

    /// Scenario 27, 28: dotenv files are applied per space, quotes kept; a missing one fails the runnable.
    @Test func dotenvAndRunnableEnvironment() throws {
        let repo = try project("""
            [spaces.s2]
            dotenv = "my.env"

            [spaces.s3]
            dotenv = "missing.env"

            [commands.env]
            exec = "echo HELLO=$HELLO HI=$HI CMD=$QIK__CMD RUNNABLE=$QIK__RUNNABLE WORKER=$QIK__WORKER"
            space = "s2"

            [commands.broken]
            exec = "echo never"
            space = "s3"
            """, files: ["my.env": "HELLO=\"world\"\n# comment\nHI=mom\n"])
        let run = try qik(repo, "env")
        #expect(run.lines.contains(#"HELLO="world" HI=mom CMD=env RUNNABLE=env@s2 WORKER=1"#))
        let broken = try qik(repo, "broken")
        #expect(broken.code == 1)
        #expect(broken.stdout.contains(#"Dotenv file "missing.env" not found."#))
    }

    /// Scenario 30: configuration errors are coded one-liners.
    @Test func configurationErrors() throws {
        let cycle = try project("""
            [commands.a]
            exec = "true"
            deps = [{type = "command", name = "b"}]

            [commands.b]
            exec = "true"
            deps = [{type = "command", name = "a"}]
            """)
        let result = try qik(cycle, "--ls")
        #expect(result.code == 1)
        #expect(result.stderr.contains("conf7"))
        #expect(result.stderr.contains("a → b → a") || result.stderr.contains("b → a → b"))

        let unknownCache = try project("""
            [commands.a]
            exec = "true"
            deps = ["*.py"]
            cache = "nope"
            """)
        let cacheRun = try qik(unknownCache, "a")
        #expect(cacheRun.code == 1)
        #expect(cacheRun.stderr.contains("conf9"))

        let badKey = try project("[commands.a]\nexec = \"true\"\nbogus = 1\n")
        let parse = try qik(badKey, "--ls")
        #expect(parse.code == 1)
        #expect(parse.stderr.contains("conf1"))
        #expect(!parse.stderr.contains("Traceback"))

        let noConfig = try GitFixture()
        #expect(try QikBinary.run(["--ls"], in: noConfig.root).stderr.contains("conf0"))
    }

    /// --ls --json: one object per runnable, for CI job matrices.
    @Test func lsJSON() throws {
        let repo = try project("""
            [commands.lint]
            exec = "echo lint"
            deps = ["*.py"]
            tags = ["ci"]
            """)
        let lines = try qik(repo, "--ls", "--json").lines
        #expect(lines == [#"{"name":"lint","command":"lint","exec":"echo lint","space":"default","module":null,"cache":"local","cache_status":"cold","tags":["ci"]}"#])
    }
}
