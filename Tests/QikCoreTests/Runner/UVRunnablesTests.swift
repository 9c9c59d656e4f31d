import Foundation
import Testing
@testable import QikCore

/// The uv plugin's runnables and venvs, byte for byte as qik 0.2.10 encodes them (captured from 0.2.10 with the
/// configuration below: list/string reqs, own lock, python and constraint links, a `{type = "space"}` venv).
@Suite struct UVRunnablesTests {
    static let toml = """
        [plugins.uv]
        pyimport = "qik.uv"
        python = "3.11"
        constraint = "c.in"
        index-url = "https://pypi.org/simple"

        [spaces]
        a = ["r1.in", "r2.in"]
        [spaces.b]
        venv = {type = "uv", reqs = "r.in", lock = "my.lock", python = "3.11", constraint = {type = "space", name = "a"}}
        [spaces.c]
        venv = {type = "space", name = "b"}
        [spaces.d]
        venv = {type = "uv", reqs = ["x.in"], constraint = ""}

        [commands.plain]
        exec = "echo hi"
        deps = ["a.py"]
        space = "c"
        """

    func factory(_ toml: String = toml) throws -> RunnableFactory {
        RunnableFactory(config: try loadConfig(toml), renderer: ModuleOnlyRenderer())
    }

    func graph(_ toml: String = toml, commands: [String] = [], isolated: Bool = false) throws -> RunnableGraph {
        var options = RunOptions(workers: 2)
        options.commands = commands
        options.isolated = isolated
        return try Selector(factory: try factory(toml), options: options, workingDirectory: "").graph()
    }

    func uvRunnable(_ command: String, space: String, in factory: RunnableFactory) throws -> Runnable {
        let (name, config) = try factory.resolve(command)
        return try #require(try factory.runnables(name: name, command: config, args: [RunnableArg("space", space)]).first)
    }

    @Test func venvConstIsTheConfigurationAsWritten() throws {
        let factory = try factory()
        #expect(try factory.uvVenv(space: "a")?.constJSON == #"{"name":"a","conf":{"type":"uv","reqs":["r1.in","r2.in"]}}"#)
        #expect(try factory.uvVenv(space: "b")?.constJSON
            == #"{"name":"b","conf":{"type":"uv","python":"3.11","constraint":{"type":"space","name":"a"},"reqs":"r.in","lock":"my.lock"}}"#)
        // A `{type = "space"}` venv is the target space's venv, named after it.
        #expect(try factory.uvVenv(space: "c") == (try factory.uvVenv(space: "b")))
        #expect(try factory.uvVenv(space: "d")?.constJSON == #"{"name":"d","conf":{"type":"uv","constraint":"","reqs":["x.in"]}}"#)
        #expect(try factory.uvVenv(space: "a")?.lock == ".qik/artifacts/uv.lock/requirements-a-lock.txt")
        #expect(try factory.uvVenv(space: "default") == nil)
    }

    @Test func lockAndInstallSpecsMatchTheOriginal() throws {
        let factory = try factory()
        let root = factory.config.root
        #expect(try uvRunnable("uv.lock", space: "a", in: factory).specJSON.encoded
            == #"{"name":"uv.lock@a","cmd":"uv.lock","val":"mkdir -p .qik/artifacts/uv.lock && uv pip compile --universal r1.in r2.in -o .qik/artifacts/uv.lock/requirements-a-lock.txt --constraint c.in","cache":"","cache_when":"","shell":true,"tags":[],"deps":[{"type":"Glob","val":"r1.in"},{"type":"Glob","val":"r2.in"},{"type":"Glob","val":"c.in"}],"artifacts":[".qik/artifacts/uv.lock/requirements-a-lock.txt"],"module":null,"args":{},"space":"a","venv":null,"environ":{"UV_CACHE_DIR":"._qik/.uv","UV_INDEX_URL":"https://pypi.org/simple"}}"#)
        #expect(try uvRunnable("uv.install", space: "a", in: factory).specJSON.encoded
            == #"{"name":"uv.install@a","cmd":"uv.install","val":"uv venv ._qik/venv/a --python '3.11' && uv pip sync .qik/artifacts/uv.lock/requirements-a-lock.txt --python ROOT/._qik/venv/a/bin/python","cache":"","cache_when":"","shell":true,"tags":[],"deps":[{"type":"Cmd","val":"uv.lock","strict":true,"isolated":[null],"args":{"space":"a"}},{"type":"Glob","val":".qik/artifacts/uv.lock/requirements-a-lock.txt"}],"artifacts":[],"module":null,"args":{},"space":"a","venv":null,"environ":{}}"#
                .replacingOccurrences(of: "ROOT", with: root))
        #expect(try uvRunnable("uv.lock", space: "b", in: factory).exec
            == "mkdir -p . && uv pip compile --universal r.in -o my.lock --constraint c.in")
        #expect(try uvRunnable("uv.lock", space: "d", in: factory).exec
            == "mkdir -p .qik/artifacts/uv.lock && uv pip compile --universal x.in -o .qik/artifacts/uv.lock/requirements-d-lock.txt")
        let install = try uvRunnable("uv.install", space: "c", in: factory)
        #expect(install.exec == "uv venv ._qik/venv/b --python '3.11' && uv pip sync my.lock --python \(root)/._qik/venv/b/bin/python")
        #expect(install.cache == "local")
        #expect(try uvRunnable("uv.lock", space: "c", in: factory).cache == "repo")
    }

    /// Every runnable of a uv space depends strictly on its venv's install, which depends strictly on the lock.
    @Test func spaceRunnablesDependOnTheInstall() throws {
        let graph = try graph()
        #expect(graph.nodes.map(\.name).sorted() == ["plain@c", "uv.install@b", "uv.lock@b"])
        #expect(graph.down["uv.install@b"] == ["plain@c"])
        #expect(graph.down["uv.lock@b"] == ["uv.install@b"])
        let plain = try #require(graph.allNodes["plain@c"])
        #expect(plain.specJSON.encoded.hasSuffix(#""space":"c","venv":[null],"environ":{}}"#))
        #expect(plain.sincePatterns(root: "/") == ["a.py", "r.in", "my.lock"])
        #expect(try self.graph(isolated: true).nodes.map(\.name) == ["plain@c"])
    }

    @Test func namingTheCommandSelectsTheRunnablesInUse() throws {
        #expect(try graph(commands: ["uv.install"]).nodes.map(\.name).sorted() == ["uv.install@b", "uv.lock@b"])
        #expect(try graph(commands: ["uv/lock"]).nodes.map(\.name) == ["uv.lock@b"])
    }

    @Test func aCommandDepOnAUVCommandNeedsItsSpace() throws {
        let toml = Self.toml + "\n[commands.bad]\nexec = \"x\"\ndeps = [{type = \"command\", name = \"uv.lock\"}]\n"
        let error = try #require(qikError { _ = try graph(toml, commands: ["bad"]) })
        #expect(error.code == "args0")
        #expect(error.message == "\"space\" arg is required for qik.uv.lock command.")
    }

    /// `cache` falls back to `defaults.cache` before uv's own `repo`, and moves the default lock to `._qik`.
    @Test func defaultsCacheOverridesUVsRepoDefault() throws {
        let factory = try factory("[plugins]\nuv = \"qik.uv\"\n[defaults]\ncache = \"local\"\n[spaces]\ndefault = \"reqs.in\"\n")
        let lock = try uvRunnable("uv.lock", space: "default", in: factory)
        #expect(lock.cache == "local")
        #expect(lock.artifacts == ["._qik/artifacts/uv.lock/requirements-default-lock.txt"])
        #expect(lock.name == "uv.lock")
    }

    /// Without the plugin a `reqs` venv is the active venv: no uv runnables, the active venv's const.
    @Test func reqsWithoutThePluginIsTheActiveVenv() throws {
        let graph = try graph("[spaces]\ndefault = \"reqs.in\"\n[commands.x]\nexec = \"x\"\ndeps = [\"a\"]\n")
        #expect(graph.nodes.map(\.name) == ["x"])
        #expect(graph.nodes[0].venv == nil)
    }

    @Test func uvVenvNeedsReqs() throws {
        let error = try #require(qikError { _ = try loadConfig("[plugins]\nuv = \"qik.uv\"\n[spaces.x]\nvenv = {type = \"uv\"}\n") })
        #expect(error.code == "conf1")
        #expect(error.message.contains("missing required field `reqs`"))
    }

    /// The space's environment activates the venv (§2.6): uv's own runnables get it too, plus their `environ`.
    @Test func environmentActivatesTheVenv() throws {
        let factory = try factory()
        let environment = RunnableEnvironment(base: ["PATH": "/usr/bin"], config: factory.config)
        let lock = try environment.variables(for: try uvRunnable("uv.lock", space: "c", in: factory), worker: 1)
        #expect(lock["VIRTUAL_ENV"] == factory.config.root + "/._qik/venv/b")
        #expect(lock["PATH"] == factory.config.root + "/._qik/venv/b/bin:/usr/bin")
        #expect(lock["UV_CACHE_DIR"] == "._qik/.uv")
        #expect(try environment.spaceVariables("default")["VIRTUAL_ENV"] == nil)
    }
}
