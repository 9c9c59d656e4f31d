import Testing

@testable import QikCore

/// Every accepted form of §1.3–1.12 decodes into the expected model.
@Suite("ConfigLoader: accepted forms")
struct ConfigLoaderTests {
    @Test func emptyFileIsValid() throws {
        let config = try loadConfig("")
        #expect(config.commands.isEmpty)
        #expect(config.defaults == DefaultsConfig())
    }

    @Test func commandAsStringAndAsTable() throws {
        let config = try loadConfig("""
            [commands]
            zeta = "echo z"
            alpha = "echo a"

            [commands.lint]
            exec = "ruff check {module.dir}"
            deps = ["*.py", {type = "glob", pattern = "**/*.pyi"}]
            artifacts = ["out/lint.txt"]
            cache = "repo"
            cache-when = "finished"
            space = "ruff"
            hidden = true
            tags = ["ci", "fast"]
            factory = "my.factory"
            daemon = true
            """)
        // Given toml++ sorts keys, When loaded, Then commands keep file order.
        #expect(config.commands.map(\.name) == ["zeta", "alpha", "lint"])
        #expect(config.commands[0].exec == "echo z")
        var expected = CommandConfig(name: "lint", exec: "ruff check {module.dir}")
        expected.deps = [.glob(pattern: "*.py"), .glob(pattern: "**/*.pyi")]
        expected.artifacts = ["out/lint.txt"]
        expected.cache = "repo"
        expected.cacheWhen = .finished
        expected.space = "ruff"
        expected.hidden = true
        expected.tags = ["ci", "fast"]
        expected.factory = "my.factory"
        expected.daemon = true
        #expect(config.commands[2] == expected)
        #expect(expected.isModuleParametrized)
    }

    @Test func everyDepForm() throws {
        let config = try loadConfig("""
            plugins = {pygraph = "qik.pygraph"}
            [commands.x]
            exec = "x"
            deps = [
                "src/**.py",
                {type = "const", val = "{ctx.qik.arch}"},
                {type = "command", name = "gen"},
                {type = "command", name = "a/b", strict = true, isolated = false},
                {type = "pydist", name = "requests"},
                {type = "load", path = "deps.json", default = ["**.py"]},
                {type = "load", path = "other.json"},
                {type = "pygraph", pyimport = "a.b"},
            ]
            """)
        #expect(config.commands[0].deps == [
            .glob(pattern: "src/**.py"), .const(val: "{ctx.qik.arch}"),
            .command(name: "gen", strict: false, isolated: nil), .command(name: "a/b", strict: true, isolated: false),
            .pydist(name: "requests"), .load(path: "deps.json", default: ["**.py"]), .load(path: "other.json", default: []),
            .pygraph(pyimport: "a.b"),
        ])
    }

    @Test func baseAndDefaults() throws {
        let config = try loadConfig("""
            [base]
            deps = ["qik.toml", {type = "const", val = "v1"}]
            [defaults]
            cache = "repo"
            cache-when = "failed"
            python-path = "src"
            venv = "requirements.txt"
            dotenv = ".env"
            """)
        #expect(config.base.deps == [.glob(pattern: "qik.toml"), .const(val: "v1")])
        #expect(config.defaults.cache == "repo")
        #expect(config.defaults.cacheWhen == .failed)
        #expect(config.defaults.pythonPath == "src")
        #expect(config.defaults.venv == .reqs(.one("requirements.txt")))
        #expect(config.defaults.dotenv == [".env"])
        #expect(try loadConfig("[defaults]\ndotenv = [\"a.env\", \"b.env\"]").defaults.dotenv == ["a.env", "b.env"])
    }

    @Test func s3Cache() throws {
        let config = try loadConfig("""
            [plugins]
            s3 = "qik.s3"
            [caches.remote]
            type = "s3"
            bucket = "my-bucket"
            prefix = "qik"
            aws-access-key-id = "{ctx.key}"
            aws-secret-access-key = "s"
            aws-session-token = "t"
            region-name = "us-east-1"
            endpoint-url = "http://localhost:9000"
            [caches.another]
            type = "s3"
            bucket = "b2"
            """)
        #expect(config.caches.map(\.name) == ["remote", "another"])
        #expect(config.caches[0].type == "s3")
        #expect(config.caches[0].fields["bucket"] == "my-bucket")
        #expect(config.caches[0].fields["aws-access-key-id"] == "{ctx.key}")
        #expect(config.caches[0].fields.count == 7)
        #expect(config.plugins == [PluginConfig(name: "s3", pyimport: "qik.s3", kind: .s3)])
    }

    @Test func ctxForms() throws {
        let config = try loadConfig("""
            ctx = ["plain", {name = "n", type = "int", default = 3}, {name = "flag", type = "bool", required = false},
                   {name = "s", default = "x"}]
            """)
        #expect(config.ctx == [
            CtxVar(name: "plain"), CtxVar(name: "n", type: .int, defaultValue: .int(3)),
            CtxVar(name: "flag", type: .bool, required: false), CtxVar(name: "s", defaultValue: .string("x")),
        ])
        // Arrays of tables are the same array.
        let tables = try loadConfig("[[ctx]]\nname = \"a\"\n[[ctx]]\nname = \"b\"\ntype = \"bool\"\ndefault = true\n")
        #expect(tables.ctx == [CtxVar(name: "a"), CtxVar(name: "b", type: .bool, defaultValue: .bool(true))])
    }

    @Test func spaceForms() throws {
        let config = try loadConfig("""
            plugins = {uv = "qik.uv"}
            [spaces]
            ruff = "ruff.in"
            multi = ["a.in", "b.in"]
            [spaces.default]
            root = "src/"
            modules = ["a", {name = "b_module", path = "b/"}]
            fence = true
            venv = {type = "active", reqs = "r.in", lock = "r.lock"}
            dotenv = ["one.env", "two.env"]
            [spaces.other]
            modules = ["nest/c"]
            fence = ["libs/x", {type = "space", name = "default"}]
            venv = {type = "space", name = "default"}
            dotenv = "o.env"
            [spaces.uvspace]
            venv = {type = "uv", reqs = ["u.in"], lock = "u.lock", python = "3.12", constraint = {type = "space", name = "other"}}
            fence = false
            [spaces.uvpath]
            venv = {type = "uv", reqs = "u.in", constraint = "c.txt"}
            fence = []
            """)
        #expect(config.spaces.map(\.name) == ["ruff", "multi", "default", "other", "uvspace", "uvpath"])
        #expect(config.spaces[0].venv == .reqs(.one("ruff.in")))
        #expect(config.spaces[1].venv == .reqs(["a.in", "b.in"]))
        let defaultSpace = config.spaces[2]
        #expect(defaultSpace.root == "src/")
        #expect(defaultSpace.modules == [ModuleConfig(name: "a", path: "a"), ModuleConfig(name: "b_module", path: "b")])
        #expect(defaultSpace.fence == .modules)
        #expect(defaultSpace.venv == .active(reqs: ["r.in"], lock: "r.lock"))
        #expect(defaultSpace.dotenv == ["one.env", "two.env"])
        #expect(config.spaces[3].fence == .entries([.path("libs/x"), .space("default")]))
        #expect(config.spaces[3].venv == .space(name: "default"))
        #expect(config.spaces[3].dotenv == ["o.env"])
        #expect(config.spaces[4].venv == .uv(reqs: ["u.in"], lock: "u.lock", python: "3.12", constraint: .space(name: "other")))
        #expect(config.spaces[4].fence == .off)
        #expect(config.spaces[5].venv == .uv(reqs: .one("u.in"), lock: nil, python: nil, constraint: .path("c.txt")))
        #expect(config.spaces[5].fence == .off)
    }

    @Test func pluginForms() throws {
        let config = try loadConfig("""
            [plugins]
            graph = "qik.pygraph"
            [plugins.uv]
            pyimport = "qik.uv"
            cache = "local"
            python = "3.11"
            index-url = "https://{ctx.host}/simple"
            extra-index-url = "https://x"
            constraint = "constraints.txt"
            [plugins.pg2]
            pyimport = "qik.pygraph"
            ignore-type-checking = true
            ignore-pydists = true
            cache = "repo"
            build-cache = "local"
            lock-cache = "repo"
            check-cache = "none"
            [plugins.s3]
            pyimport = "qik.s3"
            """)
        #expect(config.plugins.map(\.name) == ["graph", "uv", "pg2", "s3"])
        var uv = UVPluginConfig()
        uv.cache = "local"
        uv.python = "3.11"
        uv.indexURL = "https://{ctx.host}/simple"
        uv.extraIndexURL = "https://x"
        uv.constraint = .path("constraints.txt")
        #expect(config.plugins[1].kind == .uv(uv))
        var pygraph = PygraphPluginConfig()
        pygraph.ignoreTypeChecking = true
        pygraph.ignorePydists = true
        pygraph.cache = "repo"
        pygraph.buildCache = "local"
        pygraph.lockCache = "repo"
        pygraph.checkCache = "none"
        #expect(config.plugins[2].kind == .pygraph(pygraph))
        #expect(config.plugins[0].kind == .pygraph(PygraphPluginConfig()))
        let spaceConstraint = try loadConfig("[plugins.uv]\npyimport = \"qik.uv\"\nconstraint = {type = \"space\", name = \"x\"}")
        #expect(spaceConstraint.plugins[0].kind == .uv({ var c = UVPluginConfig(); c.constraint = .space(name: "x"); return c }()))
    }

    @Test func pydistVenvsAndHooks() throws {
        let config = try loadConfig("""
            [pydist]
            versions = {requests = "2.0", "My_Dist" = "1.0"}
            ignore-missing = true
            modules = {yaml = "pyyaml", ignored = ""}
            ignore-missing-modules = true
            [venvs.default]
            lock-file = "anything goes"
            [hooks.pre-commit]
            commands = ["lint", "fmt"]
            tags = ["fast"]
            spaces = ["default"]
            restage = true
            skip = ["merge", "rebase"]
            [hooks.pre-push]
            tags = ["ci"]
            """)
        #expect(config.pydist.versions == ["requests": "2.0", "My_Dist": "1.0"])
        #expect(config.pydist.ignoreMissing)
        #expect(config.pydist.modules == ["yaml": "pyyaml", "ignored": ""])
        #expect(config.pydist.ignoreMissingModules)
        var preCommit = HookConfig()
        preCommit.commands = ["lint", "fmt"]
        preCommit.tags = ["fast"]
        preCommit.spaces = ["default"]
        preCommit.restage = true
        preCommit.skip = ["merge", "rebase"]
        #expect(config.hooks.preCommit == preCommit)
        #expect(config.hooks.prePush?.tags == ["ci"])
    }

    @Test func moduleFilesAreResolvedAgainstTheRootAndAcceptTypedDeps() throws {
        let config = try loadConfig("""
            [spaces.default]
            modules = ["a", {name = "b_module", path = "b"}]
            """, files: ["b/qik.toml": """
            [commands.z_last]
            exec = "echo z"
            [commands.modcmd]
            exec = "echo hi"
            deps = ["b/**.py", {type = "const", val = "x"}]
            """])
        #expect(config.moduleCommands["a"] == nil)  // No file: no commands.
        #expect(config.moduleCommands["b_module"]?.map(\.name) == ["z_last", "modcmd"])
        #expect(config.moduleCommands["b_module"]?[1].deps == [.glob(pattern: "b/**.py"), .const(val: "x")])
    }

    @Test func pyprojectToolQik() throws {
        let project = try TempProject(files: ["pyproject.toml": """
            [project]
            name = "x"
            [tool.qik.commands]
            lint = "ruff"
            """])
        let file = try ConfigLoader.discover(from: project.root)
        #expect(file.hasSuffix("/pyproject.toml"))
        let config = try ConfigLoader.load(root: project.root, file: file, environment: [:])
        #expect(config.commands == [CommandConfig(name: "lint", exec: "ruff")])
        // Schema errors point into the [tool.qik] table.
        try project.write("pyproject.toml", "[tool.qik.commands.lint]\nexec = 1\n")
        let error = qikError { _ = try ConfigLoader.load(root: project.root, file: file, environment: [:]) }
        #expect(error?.code == "conf1")
        #expect(error?.location == "pyproject.toml:2:1")
    }

    /// Their speed is measured by `bench/run config-500`, not here: timings do not belong in unit tests.
    @Test func fiveHundredCommandsLoadInFileOrder() throws {
        var toml = "[plugins]\npygraph = \"qik.pygraph\"\n"
        for index in 0..<500 {
            toml += "[commands.cmd\(index)]\nexec = \"echo \(index) {module.dir}\"\ndeps = [\"src/\(index)/**.py\", "
                + "{type = \"command\", name = \"cmd\(max(index - 1, 0))\"}]\ncache = \"repo\"\ntags = [\"t\"]\n"
        }
        let project = try TempProject(files: ["qik.toml": toml])
        let config = try ConfigLoader.load(root: project.root, file: project.root + "/qik.toml", environment: [:])
        #expect(config.commands.count == 500)
        #expect(config.commands[1].name == "cmd1")
        #expect(config.commands[499].name == "cmd499")
    }
}
