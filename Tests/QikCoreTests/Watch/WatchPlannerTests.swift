import Testing
@testable import QikCore

/// A prefix-and-suffix matcher standing in for git pathspecs (`src/**` and `*.py` shapes only).
private let simpleCompile: Selector.PathspecCompiler = { patterns in
    { path in
        patterns.contains { pattern in
            if pattern.hasSuffix("/**") { return path.hasPrefix(String(pattern.dropLast(2))) }
            if pattern.hasPrefix("*") { return path.hasSuffix(String(pattern.dropFirst())) }
            return path == pattern
        }
    }
}

@Suite struct WatchPlannerTests {
    func graph(_ commands: [CommandConfig]) throws -> RunnableGraph {
        let factory = RunnableFactory(config: project(commands), renderer: ModuleOnlyRenderer())
        return try Selector(factory: factory, options: RunOptions(workers: 2), workingDirectory: "").graph()
    }

    func daemon(_ name: String, deps: [Dep]) -> CommandConfig {
        var config = command(name, deps: deps)
        config.daemon = true
        return config
    }

    /// Given globs and a strict dependent, when a file changes, then the same runnables as `--since` are chosen.
    @Test func mapsPathsLikeSince() throws {
        let graph = try graph([
            command("lint", deps: [.glob(pattern: "*.py")]),
            command("docs", deps: [.glob(pattern: "docs/**")]),
            command("test", deps: [.command(name: "lint", strict: true, isolated: nil)]),
            command("report", deps: [.command(name: "lint", strict: false, isolated: nil)]),
        ])
        let plan = WatchPlanner(root: "/tmp/project", compile: simpleCompile).plan(graph, paths: ["a.py"], distributions: [])
        #expect(plan.names == ["lint", "test"])
        #expect(plan.restartDaemons.isEmpty)
        #expect(WatchPlanner(root: "/tmp/project", compile: simpleCompile).plan(graph, paths: ["README"], distributions: []).isEmpty)
    }

    @Test func distributionsMatchPydistDepsByNormalisedName() throws {
        let graph = try graph([
            command("uses", deps: [.pydist(name: "Foo_Bar")]),
            command("other", deps: [.pydist(name: "baz")]),
        ])
        let plan = WatchPlanner(root: "/tmp/project", compile: simpleCompile).plan(graph, paths: [], distributions: ["foo-bar"])
        #expect(plan.names == ["uses"])
    }

    /// A daemon restarts when anything upstream is affected, even through a non-strict edge; a daemon merely
    /// pulled in as a dependency is not restarted.
    @Test func daemonsRestartWhenUpstreamChanges() throws {
        let graph = try graph([
            command("build", deps: [.glob(pattern: "src/**")]),
            daemon("serve", deps: [.glob(pattern: "srv.py"), .command(name: "build", strict: false, isolated: nil)]),
            command("e2e", deps: [.glob(pattern: "e2e/**"), .command(name: "serve", strict: false, isolated: nil)]),
        ])
        let planner = WatchPlanner(root: "/tmp/project", compile: simpleCompile)
        let viaBuild = planner.plan(graph, paths: ["src/app.py"], distributions: [])
        #expect(viaBuild.names == ["build", "serve"])
        #expect(viaBuild.restartDaemons == ["serve"])
        let downstream = planner.plan(graph, paths: ["e2e/t.py"], distributions: [])
        #expect(downstream.names == ["e2e", "serve", "build"])
        #expect(downstream.restartDaemons.isEmpty)
    }

    /// The import-graph seam: extra affected paths select runnables as if they had changed.
    @Test func expanderAddsAffectedPaths() throws {
        let graph = try graph([command("lint", deps: [.glob(pattern: "pkg/**")])])
        let planner = WatchPlanner(root: "/tmp/project", compile: simpleCompile, expand: { $0.contains("lib/core.py") ? ["pkg/uses_core.py"] : [] })
        #expect(planner.plan(graph, paths: ["lib/core.py"], distributions: []).names == ["lint"])
    }

    @Test func daemonsAreNeverCached() throws {
        let graph = try graph([daemon("serve", deps: [.glob(pattern: "srv.py")])])
        #expect(graph.nodes.first?.cache == "none")
        #expect(graph.nodes.first?.daemon == true)
    }
}

@Suite struct WatchValuesTests {
    @Test func distributionNames() {
        #expect(DistributionName.normalize("Foo__Bar.baz") == "foo-bar-baz")
        #expect(DistributionName.fromSitePackagesPath("Foo_Bar-1.0.dist-info/RECORD") == "foo-bar")
        #expect(DistributionName.fromSitePackagesPath("requests-2.32.3.dist-info") == "requests")
        #expect(DistributionName.fromSitePackagesPath("~ip-1.0.dist-info/RECORD") == nil)
        #expect(DistributionName.fromSitePackagesPath("requests/__init__.py") == nil)
    }

    @Test func detectedLineListsUpToFiveNames() {
        #expect(WatchReport.detected(["b.py", "a.py"]) == "\(Glyph.watching) Detected changes in a.py, b.py.")
        #expect(WatchReport.detected((1...6).map { "f\($0)" }) == "\(Glyph.watching) Detected 6 changes.")
        #expect(WatchReport.watching(directories: 1) == "\(Glyph.watching) Watching 1 directory")
    }
}

/// A file-state source whose blob ids the test sets.
private final class FakeFiles: FileStateProviding, @unchecked Sendable {
    var ids: [String: String] = [:]
    var invalidations = 0
    func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] {
        ids.filter { path, _ in pathspecs.contains { $0 == "*" || $0 == path || path.hasPrefix($0 + "/") } }
            .map { TrackedFile(path: $0.key, blobID: $0.value) }.sorted { $0.path < $1.path }
    }
    func blobID(ofFileAt absolutePath: String) throws -> String? { nil }
    func invalidate() { invalidations += 1 }
}

@Suite struct ContentTrackerTests {
    @Test func onlyMovedBlobIdsAndUntrackedPathsCount() throws {
        let files = FakeFiles()
        files.ids = ["a.py": "1", "pkg/b.py": "2", "pkg/c.py": "3"]
        let tracker = ContentTracker(files: files)
        try tracker.snapshot()
        // Given a touch (same id), a real edit and a new untracked file,
        #expect(try tracker.changed(["a.py", "new.py"]) == ["new.py"])
        files.ids["a.py"] = "1b"
        // then only the edit and the untracked file are changes, and the provider was invalidated first.
        #expect(try tracker.changed(["a.py", "new.py"]) == ["a.py", "new.py"])
        #expect(try tracker.changed(["a.py"]) == [])
        #expect(files.invalidations >= 3)
        // A deleted directory stands for the tracked files below it.
        files.ids["pkg/b.py"] = TrackedFile.deletedBlobID
        files.ids["pkg/c.py"] = TrackedFile.deletedBlobID
        #expect(try tracker.changed(["pkg"]) == ["pkg/b.py", "pkg/c.py"])
    }

    @Test func rescanReportsEveryDifference() throws {
        let files = FakeFiles()
        files.ids = ["a.py": "1", "b.py": "2"]
        let tracker = ContentTracker(files: files)
        #expect(try tracker.snapshot() == ["a.py", "b.py"])
        files.ids = ["a.py": "1", "c.py": "3"]
        #expect(try tracker.snapshot() == ["b.py", "c.py"])
        #expect(tracker.trackedDirectories.isEmpty)
    }
}
