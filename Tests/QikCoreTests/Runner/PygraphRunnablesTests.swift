import Foundation
import Testing
@testable import QikCore

/// Spec JSON of pygraph's runnables, byte for byte as qik 0.2.10 encodes them (captured from 0.2.10 on scenario 32).
@Suite struct PygraphRunnablesTests {
    static let toml = """
        [plugins]
        pygraph = "qik.pygraph"

        [spaces.default]
        modules = ["a", {name = "b_module", path = "b"}]
        fence = true

        [spaces.other]
        modules = ["nest/c"]
        fence = ["b", {type = "space", name = "default"}]

        [commands.tc]
        exec = "echo a"
        deps = [{type = "pygraph", pyimport = "a"}]
        """

    func graph(_ toml: String = toml, commands: [String] = []) throws -> RunnableGraph {
        let config = try loadConfig(toml)
        var options = RunOptions(workers: 2)
        options.commands = commands
        let factory = RunnableFactory(config: config, renderer: ModuleOnlyRenderer())
        return try Selector(factory: factory, options: options, workingDirectory: "").graph()
    }

    @Test func specJSONMatchesTheOriginal() throws {
        let nodes = try graph().allNodes
        #expect(try #require(nodes["pygraph.build@default"]).specJSON.encoded
            == #"{"name":"pygraph.build@default","cmd":"pygraph.build","val":"qik.pygraph.cmd.build_cmd","cache":"","cache_when":"","shell":false,"tags":[],"deps":[{"type":"Glob","val":"**.py"},{"type":"GraphConfDep","val":"pygraph","file":""}],"artifacts":["._qik/artifacts/pygraph.build/graph.json"],"module":null,"args":{},"space":null,"venv":[null],"environ":{}}"#)
        #expect(try #require(nodes["pygraph.lock@default?pyimport=a"]).specJSON.encoded
            == #"{"name":"pygraph.lock@default?pyimport=a","cmd":"pygraph.lock","val":"qik.pygraph.cmd.lock_cmd","cache":"","cache_when":"","shell":false,"tags":[],"deps":[{"type":"Cmd","val":"pygraph.build","strict":false,"isolated":[null],"args":{}},{"type":"Load","val":"._qik/artifacts/pygraph.lock/lock.a.default.json","default":["**.py"]},{"type":"GraphConfDep","val":"pygraph","file":""}],"artifacts":["._qik/artifacts/pygraph.lock/lock.a.default.json"],"module":null,"args":{"pyimport":"a"},"space":"default","venv":[null],"environ":{}}"#)
        #expect(try #require(nodes["pygraph.check@other"]).specJSON.encoded
            == #"{"name":"pygraph.check@other","cmd":"pygraph.check","val":"qik.pygraph.cmd.check_cmd","cache":"","cache_when":"","shell":false,"tags":[],"deps":[{"type":"Cmd","val":"pygraph.build","strict":false,"isolated":[null],"args":{}},{"type":"Glob","val":"a"},{"type":"Glob","val":"b"},{"type":"Glob","val":"nest/c"}],"artifacts":[],"module":null,"args":{},"space":"other","venv":[null],"environ":{}}"#)
        #expect(try #require(nodes["tc@default"]).specJSON.encoded
            == #"{"name":"tc@default","cmd":"tc","val":"echo a","cache":"","cache_when":"","shell":true,"tags":[],"deps":[{"type":"PygraphDep","val":"a","strict":false,"isolated":[null],"args":{},"space":"default"}],"artifacts":[],"module":null,"args":{},"space":"default","venv":[null],"environ":{}}"#)
    }

    @Test func pygraphDepIsAStrictDependencyOnItsLock() throws {
        let graph = try graph(commands: ["tc"])
        #expect(graph.nodes.map(\.name).sorted() == ["pygraph.build@default", "pygraph.lock@default?pyimport=a", "tc@default"])
        #expect(graph.down["pygraph.lock@default?pyimport=a"] == ["tc@default"])
        #expect(try #require(graph.allNodes["pygraph.lock@default?pyimport=a"]).description
            == "qik.pygraph.cmd.lock_cmd(pyimport=a)")
    }

    @Test func lockWithoutArgumentsSelectsEveryLockInUse() throws {
        #expect(try graph(commands: ["pygraph.lock"]).nodes.map(\.name).sorted()
            == ["pygraph.build@default", "pygraph.lock@default?pyimport=a"])
        #expect(try graph(commands: ["pygraph/check"]).nodes.map(\.name).sorted()
            == ["pygraph.build@default", "pygraph.check@default", "pygraph.check@other"])
    }

    @Test func configValueIsPythonsReprOfTheEncodedTable() throws {
        let config = try loadConfig("""
            [plugins.pygraph]
            pyimport = "qik.pygraph"
            ignore-type-checking = true
            lock-cache = "it's"
            """)
        let settings = try #require(PygraphPluginSettings(project: config))
        #expect(settings.configValue == #"b'{"pyimport":"qik.pygraph","ignore-type-checking":true,"lock-cache":"it\'s"}'"#)
        #expect(PygraphPluginSettings.pythonBytesRepr("é\n") == #"b'\xc3\xa9\n'"#)
    }

    @Test func graphControlsAndPydistIgnoreAreConfigKeys() throws {
        let config = try loadConfig("""
            [plugins.pygraph]
            pyimport = "qik.pygraph"
            add-edges = {"a.x" = ["b.y", "c"]}
            ignore-imports-from = ["**/migrations/**"]
            ignore-edges = [["a", "b"]]

            [pydist]
            ignore = ["boto3"]
            """)
        let settings = try #require(PygraphPluginSettings(project: config))
        #expect(settings.config.controls.addEdges == ["a.x": ["b.y", "c"]])
        #expect(settings.config.controls.ignoreImportsFrom == ["**/migrations/**"])
        #expect(settings.config.controls.ignoreEdges.map { [$0.importer, $0.imported] } == [["a", "b"]])
        #expect(config.pydist.ignore == ["boto3"])
        #expect(settings.configValue.contains(#""add-edges":{"a.x":["b.y","c"]},"ignore-imports-from":["**/migrations/**"],"ignore-edges":[["a","b"]]"#))
        #expect(loadError("""
            [plugins.pygraph]
            pyimport = "qik.pygraph"
            ignore-edges = [["a"]]
            """)?.code == "conf1")
    }

    /// A `load` dep is selected by `--since` through the globs its file lists (0.2.10's `Load.since`), not its
    /// defaults; before, every `.py` change selected every pygraph lock.
    @Test func loadDepSinceUsesTheFilesGlobs() throws {
        let project = try TempProject(files: ["deps.json": #"{"globs":["a/**.py"],"pydists":["x"]}"#])
        let dep = RunnableDep.load(path: "deps.json", default: ["**.py"])
        #expect(dep.sincePatterns(root: project.root) == ["a/**.py"])
        #expect(RunnableDep.load(path: "missing.json", default: ["**.py"]).sincePatterns(root: project.root) == ["**.py"])
    }

    /// Keys of a lock file: the deps hash of its globs and pydists (0.2.10's `store_deps`).
    @Test func depsHashOfNothingIsTheHashOfEmptyParts() throws {
        let config = try loadConfig("[plugins]\npygraph = \"qik.pygraph\"\n")
        let keys = CacheKeyBuilder(config: config, files: InMemoryFileState(), environment: ["VIRTUAL_ENV": "/nonexistent"])
        let empty = QikHash.hash("")
        let expected = QikHash.hashSorted([QikHash.hashSorted([CacheKeyBuilder.activeVenvJSON]), QikHash.hashSorted([]), "", empty])
        let runnable = Runnable(name: "x", command: "x", exec: "", cache: "local", cacheWhen: .success, tags: [], deps: [],
                                artifacts: [], module: nil, space: "default")
        #expect(try keys.depsHash(globs: [], pydists: [], of: runnable) == expected)
    }
}
