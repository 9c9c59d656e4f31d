import Foundation
import Glibc
import Testing
@testable import QikWatch

/// Against the real kernel, in temporary directories. Serialized: each test blocks a thread in poll(2),
/// and the build machine is small.
@Suite("Watching a real tree", .serialized)
struct InotifyWatcherTests {
    let settle: Duration = .milliseconds(30)

    private func session(_ tree: TemporaryTree, _ options: WatchOptions = WatchOptions()) throws -> WatchSession {
        try WatchSession(root: tree.root, options: options, settle: settle)
    }

    @Test("save by write: one modified change, delivered about one settle window later")
    func saveByWrite() throws {
        let tree = TemporaryTree()
        tree.write("app.py", "v1")
        let session = try session(tree)
        let clock = ContinuousClock()
        let start = clock.now
        tree.write("app.py", "v2")
        let (merged, batches) = collect(session) { changes, _ in changes["app.py"] != nil }
        let latency = clock.now - start
        #expect(merged == ["app.py": .modified])
        #expect(batches.count == 1)
        // Settle is 30 ms; the margin absorbs a loaded CI machine. Typical: settle + ~1 ms.
        #expect(latency < .milliseconds(500), "latency \(latency)")
    }

    @Test("save by rename-onto (write x.tmp, rename(2) onto x): x modified, no trace of x.tmp")
    func saveByRenameOnto() throws {
        let tree = TemporaryTree()
        tree.mkdir("src")
        tree.write("src/x.py", "v1")
        let session = try session(tree)
        tree.write("src/x.py.tmp", "v2")
        tree.rename("src/x.py.tmp", "src/x.py")
        let (merged, _) = collect(session) { changes, _ in changes["src/x.py"] != nil }
        #expect(merged == ["src/x.py": .modified])
    }

    @Test("vim's default save: probe file, backup rename, rewrite, backup delete")
    func vimSave() throws {
        let tree = TemporaryTree()
        tree.write("a.py", "v1")
        let session = try session(tree)
        tree.write("4913")
        tree.remove("4913")
        tree.rename("a.py", "a.py~")
        tree.write("a.py", "v2")
        tree.remove("a.py~")
        let (merged, _) = collect(session) { changes, _ in changes["a.py"] != nil }
        #expect(merged == ["a.py": .modified])
    }

    @Test("a file created in a new directory before its watch could exist is found by the scan")
    func newDirectoryRace() throws {
        let tree = TemporaryTree()
        let session = try session(tree)
        tree.mkdir("new")
        tree.write("new/f.py")
        tree.mkdir("deep/a/b/c")
        tree.write("deep/a/b/c/g.py")
        let (merged, _) = collect(session) { changes, _ in changes.count >= 2 }
        #expect(merged == ["new/f.py": .created, "deep/a/b/c/g.py": .created])
        // And the new directories are watched from now on.
        tree.write("deep/a/b/c/g.py", "v2")
        let (later, _) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(later == ["deep/a/b/c/g.py": .modified])
        #expect(session.watcher.watchedDirectories == ["", "deep", "deep/a", "deep/a/b", "deep/a/b/c", "new"])
    }

    @Test("deletion")
    func deletion() throws {
        let tree = TemporaryTree()
        tree.write("gone.py")
        let session = try session(tree)
        tree.remove("gone.py")
        let (merged, _) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(merged == ["gone.py": .deleted])
    }

    @Test("touch and chmod without a content change are reported; content dedupe is the caller's job")
    func touchAndChmod() throws {
        let tree = TemporaryTree()
        tree.write("same.py")
        tree.write("run.sh")
        let session = try session(tree)
        tree.touch("same.py")
        chmod(tree.path("run.sh"), 0o755)
        let (merged, _) = collect(session) { changes, _ in changes.count >= 2 }
        #expect(merged == ["same.py": .modified, "run.sh": .modified])
    }

    @Test("directory rename: files move, watches follow the new name")
    func directoryRename() throws {
        let tree = TemporaryTree()
        tree.mkdir("pkg/sub")
        tree.write("pkg/m.py")
        tree.write("pkg/sub/n.py")
        let session = try session(tree)
        tree.rename("pkg", "lib")
        let (merged, _) = collect(session) { changes, _ in changes.count >= 4 }
        #expect(merged == [
            "pkg/m.py": .deleted, "pkg/sub/n.py": .deleted, "lib/m.py": .created, "lib/sub/n.py": .created,
        ])
        #expect(session.watcher.watchedDirectories == ["", "lib", "lib/sub"])
        tree.write("lib/sub/n.py", "v2")
        let (later, _) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(later == ["lib/sub/n.py": .modified])
    }

    @Test("a directory moved out of the tree is one deleted directory, and its watches are dropped")
    func directoryMovedOut() throws {
        let tree = TemporaryTree()
        let outside = TemporaryTree()
        tree.mkdir("pkg/sub")
        tree.write("pkg/sub/n.py")
        let session = try session(tree)
        #expect(session.watcher.watchedDirectoryCount == 3)
        #expect(Glibc.rename(tree.path("pkg"), outside.path("pkg")) == 0)
        let (merged, batches) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(merged == ["pkg": .deleted])
        #expect(batches.first?.changes.first?.isDirectory == true)
        #expect(session.watcher.watchedDirectoryCount == 1)
        // Writes in the moved-away tree are not ours any more.
        outside.write("pkg/sub/n.py", "v2")
        #expect(drain(session, window: .milliseconds(150)).isEmpty)
    }

    @Test("a burst of 1,000 writes arrives as one or a few batches holding all 1,000 paths")
    func burst() throws {
        let tree = TemporaryTree()
        tree.mkdir("burst")
        let session = try session(tree)
        for index in 0..<1_000 { tree.write("burst/f\(index).py", "\(index)") }
        let (merged, batches) = collect(session, within: .seconds(5)) { changes, _ in changes.count >= 1_000 }
        #expect(merged.count == 1_000)
        #expect(merged.values.allSatisfy { $0 == .created })
        #expect(batches.count <= 5)
    }

    @Test("ignored and caller-rejected directories are never watched, even when created later")
    func ignoredNeverWatched() throws {
        let tree = TemporaryTree()
        for directory in [
            "node_modules/a/b", ".git/objects/aa", "build/lib", "src/pkg", "src/__pycache__", "gitignored/deep",
            ".qik",
        ] { tree.mkdir(directory) }
        let options = WatchOptions(shouldWatchDirectory: { $0 != "gitignored" })
        let session = try session(tree, options)
        #expect(session.watcher.watchedDirectories == ["", ".qik", "src", "src/pkg"])
        tree.write("node_modules/a/b/index.js")
        tree.write("gitignored/deep/x.py")
        tree.mkdir("src/pkg/.venv/lib")
        tree.write("src/pkg/.venv/lib/site.py")
        #expect(drain(session).isEmpty)
        #expect(session.watcher.watchedDirectoryCount == 4)
    }

    @Test("self-written paths are not reported")
    func selfWritten() throws {
        let tree = TemporaryTree()
        let session = try session(tree)
        session.setSelfWritten(paths: ["out/report.xml"], prefixes: ["._qik", "artifacts"])
        tree.mkdir("out")
        tree.mkdir("artifacts")
        tree.write("out/report.xml")
        tree.write("artifacts/a.whl")
        tree.write("real.py")
        let (merged, _) = collect(session) { changes, _ in changes["real.py"] != nil }
        #expect(merged == ["real.py": .created])
    }

    /// The kernel queue holds `fs.inotify.max_queued_events` events (16384 by default). Touching two files
    /// alternately defeats the kernel's merging of identical consecutive events, so the queue overflows.
    @Test("queue overflow becomes a rescan batch, and watching continues")
    func overflow() throws {
        let limit = readInt("/proc/sys/fs/inotify/max_queued_events") ?? 16_384
        try #require(limit <= 200_000, "max_queued_events too large to overflow quickly")
        let tree = TemporaryTree()
        tree.write("a")
        tree.write("b")
        let session = try session(tree)
        for index in 0...(limit / 2 + 10) {
            _ = index
            tree.touch("a")
            tree.touch("b")
        }
        let (_, batches) = collect(session) { _, rescan in rescan }
        #expect(batches.contains { $0.rescan })
        tree.write("after.py")
        let (later, _) = collect(session) { changes, _ in changes["after.py"] != nil }
        #expect(later["after.py"] == .created)
    }

    @Test("ENOSPC (simulated): watch1 with the sysctl fix, and the unwatched subtree is polled")
    func pollingFallback() throws {
        let tree = TemporaryTree()
        tree.mkdir("sub/inner")
        tree.write("sub/inner/old.py")
        let options = WatchOptions(pollInterval: .milliseconds(100), simulatedWatchLimit: 1)
        let session = try session(tree, options)
        let notice = try #require(session.watchLimitError)
        #expect(notice.code == "watch1")
        #expect(notice.hint?.contains("sudo sysctl fs.inotify.max_user_watches=") == true)
        #expect(session.watcher.watchedDirectoryCount == 1)
        #expect(session.watcher.polledSubtrees == ["sub"])
        tree.write("sub/inner/new.py")
        tree.write("sub/inner/old.py", "changed")
        let (merged, _) = collect(session) { changes, _ in changes.count >= 2 }
        #expect(merged == ["sub/inner/new.py": .created, "sub/inner/old.py": .modified])
        tree.remove("sub/inner/new.py")
        let (later, _) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(later == ["sub/inner/new.py": .deleted])
    }

    @Test("ENOSPC (simulated) for a directory created while watching: its files are reported, then polled")
    func pollingFallbackForNewDirectory() throws {
        let tree = TemporaryTree()
        let options = WatchOptions(pollInterval: .milliseconds(100), simulatedWatchLimit: 1)
        let session = try session(tree, options)
        #expect(session.watchLimitError == nil)
        tree.mkdir("late")
        tree.write("late/a.py")
        let (merged, _) = collect(session) { changes, _ in changes["late/a.py"] != nil }
        #expect(merged == ["late/a.py": .created])
        #expect(session.watchLimitError?.code == "watch1")
        #expect(session.watcher.polledSubtrees == ["late"])
        tree.write("late/a.py", "v2")
        let (later, _) = collect(session) { changes, _ in !changes.isEmpty }
        #expect(later == ["late/a.py": .modified])
    }

    @Test("a root that is not a directory is watch2")
    func rootNotDirectory() throws {
        let tree = TemporaryTree()
        tree.write("file")
        #expect(throws: WatchError.rootNotDirectory(path: tree.path("file"))) {
            try InotifyWatcher(root: tree.path("file"))
        }
        #expect(throws: WatchError.rootNotDirectory(path: tree.path("missing"))) {
            try InotifyWatcher(root: tree.path("missing"))
        }
    }

    @Test("stop() from another thread ends a blocked nextBatch at once")
    func stopUnblocks() async throws {
        let tree = TemporaryTree()
        let session = try session(tree)
        let clock = ContinuousClock()
        let start = clock.now
        // A plain thread, not a Task: this test blocks a cooperative thread, and under a loaded full suite a
        // Task could wait for a free one past any bound.
        Thread.detachNewThread {
            usleep(50_000)
            session.stop()
        }
        // Without stop() the call would block for the whole minute; the bound only has to be far below that.
        #expect(session.nextBatch(timeout: .seconds(60)) == nil)
        #expect(clock.now - start < .seconds(30))
    }

    @Test("an idle session uses no CPU while it waits")
    func idleCPU() throws {
        let tree = TemporaryTree()
        let session = try session(tree)
        let before = threadCPU()
        #expect(session.nextBatch(timeout: .milliseconds(500)) == nil)
        let used = threadCPU() - before
        #expect(used < .milliseconds(20), "used \(used)")
    }
}

private func readInt(_ path: String) -> Int? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 32)
    let count = read(fd, &bytes, bytes.count)
    guard count > 0 else { return nil }
    return Int(String(decoding: bytes[..<count], as: UTF8.self).prefix { $0.isNumber })
}

/// CPU time of the calling thread (user + system).
private func threadCPU() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
