import Testing
@testable import QikWatch

@Suite("EventFilter")
struct EventFilterTests {
    let filter = EventFilter()

    private func accepts(_ path: String, isDirectory: Bool = false, _ filter: EventFilter? = nil) -> Bool {
        (filter ?? self.filter).accepts(RawEvent(path: path, kind: .modified, isDirectory: isDirectory))
    }

    @Test("editor scratch files are dropped", arguments: [
        "src/.app.py.swp", "src/.app.py.swx", "src/.app.py.swo", "src/app.py~", "src/4913", "src/.#app.py",
        "src/#app.py#", "src/app.py___jb_tmp___", "src/app.py___jb_old___",
    ])
    func scratch(path: String) {
        #expect(!accepts(path))
    }

    @Test("ordinary files pass, including look-alikes", arguments: [
        "src/app.py", "src/swp.py", "src/49130", "src/#", "build", "src/dist", "notes.tmp", ".qik/config.toml",
    ])
    func ordinary(path: String) {
        #expect(accepts(path))
    }

    @Test("anything under an ignored directory, at any depth, is dropped", arguments: [
        ".git/index", "pkg/node_modules/x/index.js", "a/__pycache__/m.cpython-312.pyc", "._qik/out/log",
        "build/lib/x.py", ".venv/bin/python",
    ])
    func ignoredDirectories(path: String) {
        #expect(!accepts(path))
    }

    @Test("a deleted ignored directory itself is dropped, a file of that name is not")
    func directoryNamedLikeIgnored() {
        #expect(!accepts("pkg/node_modules", isDirectory: true))
        #expect(accepts("pkg/build"))
    }

    @Test("self-written paths and prefixes are dropped; the prefix matches whole components")
    func selfWritten() {
        let filter = EventFilter(selfWrittenPaths: ["out/report.xml"], selfWrittenPrefixes: ["artifacts/"])
        #expect(!accepts("out/report.xml", filter))
        #expect(accepts("out/report.xml.bak", filter))
        #expect(!accepts("artifacts/wheel.whl", filter))
        #expect(!accepts("artifacts", filter))
        #expect(accepts("artifacts2/x", filter))
    }

    @Test("the caller's file rule is applied")
    func callerRule() {
        let filter = EventFilter(isIgnoredPath: { $0.hasSuffix(".pyc") })
        #expect(!accepts("a/b.pyc", filter))
        #expect(accepts("a/b.py", filter))
    }

    @Test("a path without directories, or an empty one, does not trip the component check")
    func shallowPaths() {
        #expect(accepts("setup.py"))
        #expect(accepts(""))
    }

    @Test("overflow always passes")
    func overflow() {
        #expect(filter.accepts(.overflow))
    }
}

@Suite("WatchError")
struct WatchErrorTests {
    @Test("ENOSPC names the sysctl and a limit at least twice the current one")
    func watchLimitHint() {
        let error = WatchError.watchLimitReached(currentLimit: 8192, unwatchedSubtree: "data")
        #expect(error.code == "watch1")
        #expect(error.hint == "Raise the limit: sudo sysctl fs.inotify.max_user_watches=524288")
        #expect(WatchError.suggestedWatchLimit(current: 1_000_000) == 2_000_000)
        #expect(WatchError.suggestedWatchLimit(current: nil) == 524_288)
        #expect(error.description.hasPrefix("watch1: The inotify watch limit (fs.inotify.max_user_watches = 8192)"))
    }

    @Test("codes", arguments: [
        (WatchError.inotifyUnavailable(errno: 24), "watch0"),
        (.watchLimitReached(currentLimit: nil, unwatchedSubtree: ""), "watch1"),
        (.rootNotDirectory(path: "/nope"), "watch2"),
    ])
    func codes(error: WatchError, code: String) {
        #expect(error.code == code)
        #expect(error.description.hasPrefix(code + ": "))
    }

    @Test("the current limit is read from /proc")
    func currentLimit() {
        #expect((WatchError.currentWatchLimit() ?? 1) > 0)
    }
}
