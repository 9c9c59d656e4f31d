import Foundation
import QikTestSupport
import Testing

/// `qik watch` end to end: a real watcher process, real saves, and the runnables each batch ran. Every scenario
/// uses `-l stdout` (one `🚧 name` line per started runnable) and the hidden `--print-batches` lines.
@Suite(.serialized) struct WatchScenarioTests {
    static let toml = """
        [commands.lint]
        exec = "echo linting"
        deps = ["*.py"]

        [commands.docs]
        exec = "echo docs"
        deps = ["docs/**"]
        """

    func project(_ toml: String = WatchScenarioTests.toml, files: [String: String] = [:]) throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("qik.toml", toml)
        try repo.write("a.py", "print('a')\n")
        try repo.write("b.py", "print('b')\n")
        try repo.write("docs/index.md", "# docs\n")
        for (path, content) in files { try repo.write(path, content) }
        _ = try repo.commitAll("initial")
        return repo
    }

    func watch(_ repo: GitFixture, _ arguments: String..., environment: [String: String] = [:]) async throws -> WatchProcess {
        let process = try WatchProcess(
            ["watch", "-l", "stdout", "--print-batches"] + arguments, in: repo.root, environment: environment)
        #expect(await process.waitUntilWatching(), "never started watching: \(process.output)")
        return process
    }

    /// Given a watcher, when a tracked file is saved in place, then exactly the commands globbing it run.
    @Test func saveByWriteRunsOnlyTheAffectedCommand() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "1")
        #expect(watcher.output.contains("👀\u{FE0F} Watching 2 directories"))
        try repo.write("a.py", "print('changed')\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.started() == ["lint"])
        #expect(watcher.lines.contains("👀\u{FE0F} Detected changes in a.py."))
        #expect(watcher.lines.contains("selected: lint"))
    }

    /// vim (`x.tmp` renamed onto `x`) and JetBrains (`x___jb_tmp___`) saves are one change to `x`.
    @Test func saveByRenameOntoIsOneChange() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "2")
        try repo.write("a.py.tmp", "print('vim')\n")
        #expect(rename(repo.path("a.py.tmp"), repo.path("a.py")) == 0)
        // After the first run ended: a save during it may land before its key is computed, and then rightly replays.
        #expect(await watcher.waitFor("Watching for changes", count: 2))
        try repo.write("b.py___jb_tmp___", "print('jetbrains')\n")
        #expect(rename(repo.path("b.py___jb_tmp___"), repo.path("b.py")) == 0)
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.lines.contains("batch 1: a.py"))
        #expect(watcher.lines.contains("batch 2: b.py"))
        #expect(watcher.started() == ["lint", "lint"], "\(watcher.output)")
    }

    /// A new directory is watched at once, and a file written into it straight away is still seen. Untracked
    /// files do not enter cache keys (git-native), so the selected command replays.
    @Test func newDirectoryWithAFile() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "1")
        try FileManager.default.createDirectory(atPath: repo.path("pkg/sub"), withIntermediateDirectories: true)
        try repo.write("pkg/sub/mod.py", "x = 1\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.lines.contains("changed: pkg/sub/mod.py"))
        #expect(watcher.lines.contains("selected: lint"))
        #expect(watcher.started(replayed: true) == ["lint"])
        #expect(watcher.started() == [])
    }

    @Test func deletingATrackedFileRunsItsCommand() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "1")
        try repo.remove("b.py")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.lines.contains("changed: b.py"))
        #expect(watcher.started() == ["lint"])
    }

    /// 1,000 files rewritten at once (a formatter, a checkout) arrive as few batches, every path exactly once,
    /// and only the command globbing them runs.
    @Test func burstOfAThousandEvents() async throws {
        var files: [String: String] = [:]
        for index in 0..<1000 { files["data/f\(index).txt"] = "\(index)\n" }
        let repo = try project(Self.toml + "\n[commands.data]\nexec = \"echo data\"\ndeps = [\"data/*.txt\"]\n", files: files)
        let watcher = try await watch(repo)
        // In-place writes (open, write, close), as a formatter does: Foundation's writes are atomic renames.
        for index in 0..<1000 {
            let fd = open(repo.path("data/f\(index).txt"), O_WRONLY | O_TRUNC)
            let bytes = Array("\(index) changed\n".utf8)
            #expect(fd >= 0 && write(fd, bytes, bytes.count) == bytes.count)
            close(fd)
        }
        func changedCount(_ output: String) -> Int {
            output.split(separator: "\n").filter { $0.hasPrefix("changed: ") }
                .reduce(0) { $0 + $1.dropFirst("changed: ".count).split(separator: " ").count }
        }
        #expect(await watcher.wait { changedCount($0) >= 1000 }, "\(changedCount(watcher.output)) changes seen")
        #expect(await watcher.wait { $0.split(separator: "\n").last?.contains("Watching for changes") == true })
        try await Task.sleep(for: .milliseconds(300))
        watcher.interrupt()
        #expect(await watcher.waitExit() == 130)
        let batches = watcher.lines.filter { $0.hasPrefix("batch ") }.count
        #expect(changedCount(watcher.output) == 1000)
        // One batch when the writes come faster than the 50 ms settle window; a loaded machine may split it.
        #expect((1...10).contains(batches), "\(batches) batches")
        let started = watcher.started()
        #expect(!started.isEmpty && started.allSatisfy { $0 == "data" } && started.count <= batches)
    }

    /// `touch` changes the mtime but not the blob id: nothing runs.
    @Test func touchWithoutAContentChangeRunsNothing() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "2")
        #expect(utimes(repo.path("a.py"), nil) == 0)
        #expect(await watcher.waitFor("batch 1: a.py"))
        try repo.write("docs/index.md", "# changed\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.lines.contains("changed: -"))
        #expect(watcher.started() == ["docs"])
    }

    /// A command whose declared artifact matches its own glob dep must not retrigger itself (watchexec#40).
    @Test func aCommandWritingItsOwnArtifactDoesNotLoop() async throws {
        let repo = try project("""
            [commands.gen]
            exec = "mkdir -p out && date +%s%N > out/gen.txt"
            deps = ["gen.in", "out/*"]
            artifacts = ["out/gen.txt"]
            """, files: ["gen.in": "1\n"])
        let watcher = try await watch(repo)
        try repo.write("gen.in", "2\n")
        #expect(await watcher.waitFor("selected: gen"))
        #expect(await watcher.waitFor("Watching for changes", count: 2))
        try await Task.sleep(for: .seconds(1))
        watcher.interrupt()
        #expect(await watcher.waitExit() == 130)
        #expect(!watcher.output.contains("batch 2"), "\(watcher.output)")
        #expect(watcher.started() == ["gen"])
    }

    /// Editing qik.toml reloads it; a broken edit prints its coded error and waits; the fix reloads again.
    @Test func configurationEditReloads() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "3")
        try repo.write("qik.toml", Self.toml.replacingOccurrences(of: "echo linting", with: "echo linting v2"))
        #expect(await watcher.waitFor("Configuration reloaded."))
        #expect(await watcher.waitFor("Watching for changes", count: 2))
        try repo.write("qik.toml", "[commands.lint\nexec = ")
        #expect(await watcher.waitFor("Waiting for the configuration to be fixed."))
        try repo.write(
            "qik.toml",
            Self.toml.replacingOccurrences(of: "echo linting", with: "echo linting v2").replacingOccurrences(of: "echo docs", with: "echo docs v2"))
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.output.contains("💔\u{FE0F} conf"))
        #expect(watcher.output.components(separatedBy: "Configuration reloaded.").count == 3)
        // lint's exec changed in the first reload, docs' in the second; the rest replays from the cache.
        #expect(watcher.started() == ["lint", "docs"])
        #expect(watcher.output.contains("🚧\u{FE0F} lint echo linting v2"))
        #expect(watcher.output.contains("🚧\u{FE0F} docs echo docs v2"))
    }

    static let daemonToml = """
        [commands.build]
        exec = "echo built"
        deps = ["src/*.py"]

        [commands.serve]
        exec = "echo $$ >> \\"$PIDFILE\\"; exec sleep 600"
        deps = ["srv.py", {type = "command", name = "build"}]
        daemon = true
        """

    /// A daemon starts after its upstream, restarts when its own inputs or its upstream change, and Ctrl-C leaves
    /// no process behind.
    @Test func daemonRestartsAndCtrlCLeavesNoOrphans() async throws {
        let pids = PidFile()
        let repo = try project(Self.daemonToml, files: ["srv.py": "serve = 1\n", "src/m.py": "m = 1\n"])
        let watcher = try await watch(repo, environment: ["PIDFILE": pids.path])
        #expect(await pids.waitForCount(1))
        try repo.write("srv.py", "serve = 2\n")
        #expect(await pids.waitForCount(2), "\(watcher.output)")
        try repo.write("src/m.py", "m = 2\n")
        #expect(await pids.waitForCount(3), "\(watcher.output)")
        #expect(await watcher.waitFor("Watching for changes", count: 3))
        let all = pids.pids
        #expect(all.count == 3)
        #expect(await PidFile.isGone(all[0]))
        #expect(await PidFile.isGone(all[1]))
        #expect(PidFile.isAlive(all[2]))
        watcher.interrupt()
        #expect(await watcher.waitExit() == 130)
        #expect(await PidFile.isGone(all[2]), "daemon \(all[2]) survived Ctrl-C")
        #expect(watcher.started() == ["serve", "build", "serve"])
    }

    /// A run whose input changes again while it runs is killed and restarted; the killed process is gone.
    @Test func runIsRestartedWhenItsInputsChangeAgain() async throws {
        let pids = PidFile()
        let repo = try project("""
            [commands.slow]
            exec = "echo $$ >> \\"$PIDFILE\\"; exec sleep 30"
            deps = ["a.py"]
            """)
        // --since HEAD: nothing changed, so the first run is empty and the watcher is up at once.
        let watcher = try await watch(repo, "--since", "HEAD", environment: ["PIDFILE": pids.path])
        try repo.write("a.py", "print(1)\n")
        #expect(await pids.waitForCount(1))
        try repo.write("a.py", "print(2)\n")
        #expect(await pids.waitForCount(2), "\(watcher.output)")
        #expect(await PidFile.isGone(pids.pids[0]))
        #expect(watcher.output.contains("Restarting: inputs changed during the run"))
        watcher.interrupt()
        #expect(await watcher.waitExit() == 130)
        #expect(await PidFile.isGone(pids.pids[1]))
    }

    /// `--no-restart`: the second save waits for the first run instead of killing it.
    @Test func noRestartQueuesTheNextRun() async throws {
        let pids = PidFile()
        let repo = try project("""
            [commands.slow]
            exec = "echo $$ >> \\"$PIDFILE\\"; sleep 1; cat a.py"
            deps = ["a.py"]
            """)
        let watcher = try await watch(repo, "--since", "HEAD", "--no-restart", "--exit-after", "2", environment: ["PIDFILE": pids.path])
        try repo.write("a.py", "print(1)\n")
        #expect(await pids.waitForCount(1))
        try repo.write("a.py", "print(2)\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(!watcher.output.contains("Restarting"))
        #expect(watcher.output.components(separatedBy: "✅\u{FE0F} slow").count == 3)
    }

    /// A file saved while a command runs must not be attributed to that run: with the post-run cache key
    /// (0.2.10), the queued run replayed the result computed from the old content. Found by the rename test.
    @Test func saveDuringARunIsNotCachedUnderThatRun() async throws {
        let repo = try project("""
            [commands.slowlint]
            exec = "sleep 0.6; cat a.py b.py"
            deps = ["*.py"]
            """)
        let watcher = try await watch(repo, "--since", "HEAD", "--no-restart", "--exit-after", "2")
        try repo.write("a.py", "print('a2')\n")
        #expect(await watcher.waitFor("🚧\u{FE0F} slowlint"))
        try repo.write("b.py", "print('b2')\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.started() == ["slowlint", "slowlint"], "\(watcher.output)")
        #expect(watcher.started(replayed: true) == [])
    }

    /// While `._qik/hook.lock` names a live process, batches are dropped; afterwards the hook's own edits are the
    /// new baseline.
    @Test func hookLockPausesTheWatcher() async throws {
        let repo = try project()
        let watcher = try await watch(repo, "--exit-after", "2")
        try repo.write("._qik/hook.lock", "\(getpid())\n")
        try repo.write("a.py", "print('hook')\n")
        #expect(await watcher.waitFor("Paused while a git hook runs."))
        try repo.remove("._qik/hook.lock")
        #expect(await watcher.waitFor("watching again."))
        try repo.write("docs/index.md", "# after\n")
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.started() == ["docs"])
    }

    /// A `*.dist-info` appearing in `$VIRTUAL_ENV`'s site-packages selects runnables with that `pydist` dep,
    /// names normalised (`Foo_Bar` = `foo-bar`).
    @Test func distributionChangeSelectsPydistDependents() async throws {
        let venv = try GitFixture.makeTemporaryDirectory()
        let sitePackages = venv + "/lib/python3.12/site-packages"
        try FileManager.default.createDirectory(atPath: sitePackages, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: venv) }
        let repo = try project(Self.toml + "\n[commands.uses]\nexec = \"echo uses\"\ndeps = [{type = \"pydist\", name = \"Foo_Bar\"}]\n")
        let watcher = try await watch(repo, "--since", "HEAD", "--exit-after", "1", environment: ["VIRTUAL_ENV": venv])
        try FileManager.default.createDirectory(atPath: sitePackages + "/foo.bar-1.0.dist-info", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: sitePackages + "/foo.bar-1.0.dist-info/RECORD", contents: Data())
        #expect(await watcher.waitExit() == 0, "\(watcher.output)")
        #expect(watcher.lines.contains("selected: uses"))
        #expect(watcher.lines.contains("👀\u{FE0F} Detected changes in foo-bar (distribution)."))
    }

    /// Plain `qik`: a daemon does not block its dependents; qik stays until Ctrl-C, then nothing survives.
    @Test func plainRunKeepsTheDaemonUntilCtrlC() async throws {
        let pids = PidFile()
        let repo = try project("""
            [commands.serve]
            exec = "echo $$ >> \\"$PIDFILE\\"; exec sleep 600"
            daemon = true

            [commands.after]
            exec = "echo after the daemon started"
            deps = [{type = "command", name = "serve"}]
            """)
        let run = try WatchProcess(["-l", "stdout"], in: repo.root, environment: ["PIDFILE": pids.path])
        #expect(await pids.waitForCount(1))
        #expect(await run.waitFor("✅\u{FE0F} after"), "\(run.output)")
        run.interrupt()
        #expect(await run.waitExit() == 130)
        #expect(await PidFile.isGone(pids.pids[0]))
    }
}
