import Testing

@testable import QikCore

@Suite("ProjectConfig resolution")
struct ProjectConfigResolutionTests {
    func config() throws -> ProjectConfig {
        try loadConfig("""
            [plugins]
            pygraph = "qik.pygraph"
            [commands]
            lint = "ruff"
            [spaces.default]
            modules = ["a", {name = "b_module", path = "b"}, "nest/c"]
            """, files: ["b/qik.toml": "[commands]\nmodcmd = \"echo\"\n", "nest/c/qik.toml": "[commands]\ninner = \"x\"\n"])
    }

    @Test func commandNames() throws {
        let config = try config()
        #expect(try config.resolveCommand("lint").namespace == nil)
        #expect(try config.resolveCommand("b_module/modcmd").command.name == "modcmd")
        // Split at the *last* `/`: the module name itself may contain slashes.
        #expect(try config.resolveCommand("nest/c/inner").namespace == "nest/c")
        #expect(try config.resolveCommand("pygraph.check").namespace == "pygraph")
        #expect(try config.resolveCommand("pygraph/lock").command.factory == "qik.pygraph.cmd.lock_cmd")
        #expect(qikError { _ = try config.resolveCommand("nope") } == QikError("conf5", "Command \"nope\" not configured."))
        #expect(qikError { _ = try config.resolveCommand("b_module/nope") }?.message == "Command \"b_module/nope\" not configured.")
        #expect(qikError { _ = try config.resolveCommand("zzz/x") }
            == QikError("conf4", "Module or plugin \"zzz\" not configured in qik.toml."))
        // QUIRK kept: a root command with a dot cannot be addressed.
        #expect(qikError { _ = try config.resolveCommand("my.cmd") }?.code == "conf4")
    }

    @Test func venvChains() throws {
        let config = try loadConfig("""
            [defaults]
            venv = "default.in"
            [spaces.a]
            venv = {type = "space", name = "b"}
            [spaces.b]
            venv = "b.in"
            [spaces.self]
            venv = {type = "space", name = "self"}
            [spaces.c1]
            venv = {type = "space", name = "c2"}
            [spaces.c2]
            venv = {type = "space", name = "c1"}
            [spaces.plain]
            root = "p/"
            [spaces.lost]
            venv = {type = "space", name = "ghost"}
            """)
        #expect(try config.resolveVenv(space: "a") == .reqs(.one("b.in")))
        #expect(try config.resolveVenv(space: "plain") == .reqs(.one("default.in")))
        #expect(try config.resolveVenv(space: "default") == .reqs(.one("default.in")))
        #expect(try config.resolveVenv(space: "self") == nil)
        let cycle = qikError { _ = try config.resolveVenv(space: "c1") }
        #expect(cycle?.code == "conf13")
        #expect(cycle?.message == "Circular venv detected.")
        #expect(qikError { _ = try config.resolveVenv(space: "lost") } == QikError("conf8", "Space \"ghost\" not configured."))
    }

    @Test func fences() throws {
        let config = try loadConfig("""
            [spaces.a]
            modules = ["a1", "a2/"]
            fence = ["shared/", {type = "space", name = "b"}]
            [spaces.b]
            modules = ["b1"]
            fence = true
            [spaces.off]
            modules = ["o"]
            [spaces.x]
            fence = [{type = "space", name = "y"}]
            [spaces.y]
            fence = [{type = "space", name = "x"}]
            [spaces.me]
            fence = [{type = "space", name = "me"}]
            """)
        #expect(try config.fencePaths(space: "a") == ["a1", "a2", "shared", "b1"])
        #expect(try config.fenceImports(space: "a") == ["a1", "a2", "shared", "b1"])
        #expect(try config.fencePaths(space: "off") == [])
        #expect(qikError { _ = try config.fencePaths(space: "x") } == QikError.circularFence(["x", "y", "x"]))
        #expect(qikError { _ = try config.fencePaths(space: "me") }?.message == "Circular fence detected.")
    }

    @Test func uvConstraints() throws {
        let config = try loadConfig("""
            [plugins.uv]
            pyimport = "qik.uv"
            constraint = "global.txt"
            [spaces.a]
            venv = {type = "uv", reqs = "a.in", constraint = {type = "space", name = "b"}}
            [spaces.b]
            venv = {type = "uv", reqs = "b.in", constraint = "b.txt"}
            [spaces.c]
            venv = {type = "uv", reqs = "c.in", constraint = {type = "space", name = "d"}}
            [spaces.d]
            venv = {type = "uv", reqs = "d.in", constraint = {type = "space", name = "c"}}
            [spaces.e]
            venv = {type = "uv", reqs = "e.in", constraint = ""}
            """)
        #expect(try config.resolveUVConstraint(space: "a") == "b.txt")
        #expect(try config.resolveUVConstraint(space: "default") == "global.txt")
        #expect(try config.resolveUVConstraint(space: "e") == nil)
        #expect(qikError { _ = try config.resolveUVConstraint(space: "c") }?.message == "Circular constraint detected.")
    }

    @Test func spaceReferences() throws {
        let good = try loadConfig("""
            [commands.x]
            exec = "x"
            space = "default"
            [spaces.a]
            venv = {type = "space", name = "default"}
            fence = [{type = "space", name = "a"}]
            """)
        try good.validateSpaceReferences()
        let badCommand = try loadConfig("[commands.x]\nexec = \"x\"\nspace = \"nope\"")
        #expect(qikError { try badCommand.validateSpaceReferences() } == QikError("conf8", "Space \"nope\" not configured."))
        let badFence = try loadConfig("[spaces.a]\nfence = [{type = \"space\", name = \"ghost\"}]")
        #expect(qikError { try badFence.validateSpaceReferences() }?.message == "Space \"ghost\" not configured.")
        let badModuleCommand = try loadConfig("[spaces.default]\nmodules = [\"m\"]",
                                              files: ["m/qik.toml": "[commands.c]\nexec = \"c\"\nspace = \"zz\""])
        #expect(qikError { try badModuleCommand.validateSpaceReferences() }?.code == "conf8")
    }
}
