import Foundation
import Testing

@testable import QikCore

/// One malformed `qik.toml`: its name (for the test report) and raw bytes.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// The error code expected (conf1 unless stated).
    let code: String

    init(_ name: String, _ text: String, code: String = "conf1") {
        self.init(name, Array(text.utf8), code: code)
    }

    init(_ name: String, _ bytes: [UInt8], code: String = "conf1") {
        self.name = name
        self.bytes = bytes
        self.code = code
    }

    var testDescription: String { name }
}

/// Hostile and broken inputs: each must give a coded `QikError` — never a crash, a hang or a silent success.
/// A crash here takes the whole test process down, which is the point: toml++ aborts on some inputs unless guarded.
enum MalformedCorpus {
    static let tenMegabytes = String(repeating: "x", count: 10 * 1024 * 1024)

    static let truncated: [MalformedCase] = [
        MalformedCase("truncated table header", "[commands"),
        MalformedCase("truncated array-of-tables header", "[[ctx]"),
        MalformedCase("truncated after equals", "[commands.lint]\nexec = "),
        MalformedCase("truncated string", "[commands.lint]\nexec = \"ru"),
        MalformedCase("truncated inline table", "commands = {lint = \"x\""),
        MalformedCase("truncated array", "[commands.lint]\ndeps = [\"a\","),
        MalformedCase("truncated multi-line string", "[commands.lint]\nexec = \"\"\"abc"),
        MalformedCase("truncated literal multi-line string", "[commands.lint]\nexec = '''abc"),
        MalformedCase("truncated dotted key", "commands."),
        MalformedCase("key without value", "commands ="),
        MalformedCase("value without key", "= 1"),
        MalformedCase("empty table header", "[]"),
        MalformedCase("empty array-of-tables header", "[[]]"),
        MalformedCase("trailing dot in header", "[commands.]"),
        MalformedCase("leading dot in header", "[.commands]"),
        MalformedCase("triple bracket header", "[[[commands]]]"),
        MalformedCase("spaced triple bracket header", "[[ [commands]]]"),
        MalformedCase("ten thousand opening brackets", String(repeating: "[", count: 10_000)),
    ]

    static let wrongTypes: [MalformedCase] = [
        ("commands", "commands = []"), ("command value", "commands = {x = true}"),
        ("exec", "[commands.x]\nexec = 1"), ("deps", "[commands.x]\ndeps = \"a\""),
        ("deps element", "[commands.x]\ndeps = [1]"), ("artifacts", "[commands.x]\nartifacts = \"a\""),
        ("artifacts element", "[commands.x]\nartifacts = [1]"), ("cache", "[commands.x]\ncache = 1"),
        ("cache-when", "[commands.x]\ncache-when = 1"), ("space", "[commands.x]\nspace = []"),
        ("hidden", "[commands.x]\nhidden = \"true\""), ("tags", "[commands.x]\ntags = [1]"),
        ("factory", "[commands.x]\nfactory = 1"), ("daemon", "[commands.x]\ndaemon = \"no\""),
        ("exec as date", "[commands.x]\nexec = 1979-05-27"), ("exec as float", "[commands.x]\nexec = 1.5"),
        ("dep name", "[commands.x]\ndeps = [{type = \"command\", name = 1}]"),
        ("dep strict", "[commands.x]\ndeps = [{type = \"command\", name = \"y\", strict = \"yes\"}]"),
        ("load default", "[commands.x]\ndeps = [{type = \"load\", path = \"p\", default = \"a\"}]"),
        ("ctx", "ctx = \"a\""), ("ctx element", "ctx = [1]"), ("ctx name", "ctx = [{name = 1}]"),
        ("ctx default float", "ctx = [{name = \"a\", default = 1.5}]"), ("ctx default array", "ctx = [{name = \"a\", default = []}]"),
        ("ctx required", "ctx = [{name = \"a\", required = \"no\"}]"), ("base", "base = 1"), ("base deps", "[base]\ndeps = 1"),
        ("defaults", "defaults = []"), ("defaults cache", "[defaults]\ncache = 1"),
        ("defaults python-path", "[defaults]\npython-path = 1"), ("defaults venv", "[defaults]\nvenv = 1"),
        ("defaults dotenv", "[defaults]\ndotenv = 1"), ("defaults dotenv element", "[defaults]\ndotenv = [1]"),
        ("caches", "caches = 1"), ("cache entry", "caches = {x = 1}"), ("spaces", "spaces = 1"), ("space entry", "spaces = {x = 1}"),
        ("space root", "[spaces.x]\nroot = 1"), ("space modules", "[spaces.x]\nmodules = \"a\""),
        ("space module element", "[spaces.x]\nmodules = [1]"), ("space fence", "[spaces.x]\nfence = \"yes\""),
        ("space fence element", "[spaces.x]\nfence = [1]"), ("space venv", "[spaces.x]\nvenv = 1"),
        ("space venv array element", "[spaces.x]\nvenv = [1]"), ("space dotenv", "[spaces.x]\ndotenv = 1"),
        ("plugins", "plugins = 1"), ("plugin entry", "plugins = {x = 1}"), ("plugin pyimport", "[plugins.x]\npyimport = 1"),
        ("pygraph flag", "[plugins.x]\npyimport = \"qik.pygraph\"\nignore-pydists = \"no\""),
        ("uv constraint", "[plugins.x]\npyimport = \"qik.uv\"\nconstraint = 1"),
        ("pydist", "pydist = 1"), ("pydist versions", "[pydist]\nversions = 1"), ("pydist version", "[pydist.versions]\na = 1"),
        ("pydist ignore-missing", "[pydist]\nignore-missing = \"y\""), ("pydist modules", "[pydist]\nmodules = []"),
        ("pydist ignore-missing-modules", "[pydist]\nignore-missing-modules = 1"), ("venvs", "venvs = 1"),
        ("hooks", "hooks = 1"), ("hook", "[hooks]\npre-commit = 1"), ("hook restage", "[hooks.pre-commit]\nrestage = \"y\""),
        ("hook commands", "[hooks.pre-commit]\ncommands = \"lint\""), ("hook skip element", "[hooks.pre-push]\nskip = [true]"),
    ].map { MalformedCase("wrong type: \($0.0)", $0.1) }

    static let unknownKeys: [MalformedCase] = [
        ("root", "bogus = 1"), ("command", "[commands.x]\nbogus = 1"), ("dep", "[commands.x]\ndeps = [{type = \"glob\", pattern = \"a\", bogus = 1}]"),
        ("base", "[base]\nbogus = 1"), ("defaults", "[defaults]\nbogus = 1"),
        ("cache", "plugins = {s3 = \"qik.s3\"}\n[caches.x]\ntype = \"s3\"\nbucket = \"b\"\nbogus = 1"),
        ("ctx", "ctx = [{name = \"a\", bogus = 1}]"), ("space", "[spaces.x]\nbogus = 1"),
        ("module", "[spaces.x]\nmodules = [{path = \"a\", bogus = 1}]"), ("fence", "[spaces.x]\nfence = [{type = \"space\", name = \"y\", bogus = 1}]"),
        ("venv", "[spaces.x]\nvenv = {type = \"active\", bogus = 1}"), ("pygraph plugin", "[plugins.p]\npyimport = \"qik.pygraph\"\nbogus = 1"),
        ("uv plugin", "[plugins.u]\npyimport = \"qik.uv\"\nbogus = 1"), ("pydist", "[pydist]\nbogus = 1"),
        ("hooks", "[hooks.post-merge]\ncommands = []"), ("hook", "[hooks.pre-push]\nbogus = 1"),
        ("legacy modules", "modules = [\"a\"]"), ("legacy deps", "deps = [\"a\"]"),
    ].map { MalformedCase("unknown key: \($0.0)", $0.1) }

    static let badValues: [MalformedCase] = [
        MalformedCase("bad enum cache-when", "[commands.x]\ncache-when = \"sometimes\""),
        MalformedCase("bad enum defaults cache-when", "[defaults]\ncache-when = \"always\""),
        MalformedCase("bad enum ctx type", "ctx = [{name = \"a\", type = \"float\"}]"),
        MalformedCase("bad dep type", "[commands.x]\ndeps = [{type = \"bogus\"}]"),
        MalformedCase("dep type val", "[commands.x]\ndeps = [{type = \"val\", key = \"k\", file = \"f\"}]"),
        MalformedCase("dep without type", "[commands.x]\ndeps = [{pattern = \"a\"}]"),
        MalformedCase("dep type not a string", "[commands.x]\ndeps = [{type = 1}]"),
        MalformedCase("bad venv type", "[spaces.x]\nvenv = {type = \"conda\"}"),
        MalformedCase("venv array of tables (DOC-BUG form)", "[spaces.x]\nvenv = [{type = \"space\", name = \"default\"}]"),
        MalformedCase("bad fence type", "[spaces.x]\nfence = [{type = \"module\", name = \"y\"}]"),
        MalformedCase("bad cache type", "[caches.x]\ntype = \"gcs\""),
        MalformedCase("unknown plugin", "[plugins]\nx = \"not.a.plugin\"", code: "conf3"),
        MalformedCase("plugin without pyimport", "[plugins.x]\ncache = \"repo\""),
        MalformedCase("s3 cache without bucket", "plugins = {s3 = \"qik.s3\"}\n[caches.x]\ntype = \"s3\""),
    ]

    static let syntax: [MalformedCase] = [
        MalformedCase("duplicate key", "[commands]\nlint = \"a\"\nlint = \"b\""),
        MalformedCase("duplicate table", "[commands.lint]\nexec = \"a\"\n[commands.lint]\nexec = \"b\""),
        MalformedCase("table redefined by dotted key", "commands.lint.exec = \"a\"\n[commands.lint]\nexec = \"b\""),
        MalformedCase("static array extended by [[ ]]", "ctx = [\"a\"]\n[[ctx]]\nname = \"b\""),
        MalformedCase("inline table trailing comma", "commands = {lint = \"x\",}"),
        MalformedCase("newline in inline table", "commands = {lint = \"x\",\nfmt = \"y\"}"),
        MalformedCase("bad escape", "[commands]\nlint = \"\\q\""),
        MalformedCase("surrogate escape", "[commands]\nlint = \"\\uD800\""),
        MalformedCase("control character in string", "[commands]\nlint = \"a\u{07}b\""),
        MalformedCase("NUL byte after a valid line", [UInt8]("[commands]\nlint = \"a\"\n".utf8) + [0] + [UInt8]("garbage = [".utf8)),
        MalformedCase("NUL byte in string", [UInt8]("a = \"".utf8) + [0] + [UInt8]("\"".utf8)),
        MalformedCase("leading zero integer", "[commands.x]\nhidden = 01"),
        MalformedCase("capitalised bool", "[commands.x]\nhidden = True"),
        MalformedCase("bare word value", "[commands.x]\nexec = ruff"),
        MalformedCase("two values on a line", "[commands.x]\nexec = \"a\" \"b\""),
        // Found by ConfigFuzzTests: each aborted toml++ (debug assertion) before the precheck learnt about it.
        MalformedCase("fuzz: brace closing an array", "[commands.x]\ndeps = [\"a\", }]"),
        MalformedCase("fuzz: bracket closing an inline table", "commands = {x = \"a\"]"),
        MalformedCase("fuzz: malformed date-time", "[commands.x]\ndeps = [1979-05-27T[7:32:00Z]"),
        MalformedCase("fuzz: escape at end of file", "a = \"\\"),
        MalformedCase("fuzz: bare time value", "[commands.x]\nexec = 07:32:00"),
    ]

    static let encoding: [MalformedCase] = [
        MalformedCase("invalid UTF-8: 0xFF", [0xFF]),
        MalformedCase("invalid UTF-8: overlong slash", [UInt8]("[commands]\nx = \"".utf8) + [0xC0, 0xAF] + [UInt8]("\"".utf8)),
        MalformedCase("invalid UTF-8: lone continuation byte", [UInt8]("# comment ".utf8) + [0x80]),
        MalformedCase("invalid UTF-8: truncated sequence at end", [UInt8]("[commands]\nx = \"é".utf8).dropLast()),
        MalformedCase("invalid UTF-8: in a key", [UInt8]("[comm".utf8) + [0xE2, 0x28, 0xA1] + [UInt8]("ands]".utf8)),
        MalformedCase("UTF-16 with BOM", [0xFF, 0xFE] + Array("a = 1".utf8).flatMap { [$0, 0] }),
    ]

    static let huge: [MalformedCase] = [
        MalformedCase("10 MB unterminated string", "[commands]\nlint = \"" + tenMegabytes),
        MalformedCase("10 MB string as commands", "commands = \"" + tenMegabytes + "\""),
        MalformedCase("10 MB bare key", tenMegabytes + " = 1"),
        MalformedCase("10,000-deep arrays", "ctx = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        MalformedCase("10,000-deep inline tables",
                      "commands = " + String(repeating: "{a = ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)),
        MalformedCase("200-deep arrays under ctx (within toml++'s limit)",
                      "ctx = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)),
        MalformedCase("5,000-part dotted key", Array(repeating: "a", count: 5_000).joined(separator: ".") + " = 1"),
        MalformedCase("5,000-part table header", "[" + Array(repeating: "commands", count: 5_000).joined(separator: ".") + "]"),
        MalformedCase("100,000 unknown keys", (0..<100_000).map { "k\($0) = 1" }.joined(separator: "\n")),
    ]

    static let all = truncated + wrongTypes + unknownKeys + badValues + syntax + encoding + huge
}

@Suite("Malformed qik.toml corpus")
struct MalformedConfigCorpusTests {
    @Test func corpusIsLargeEnough() {
        #expect(MalformedCorpus.all.count >= 50)
        #expect(Set(MalformedCorpus.all.map(\.name)).count == MalformedCorpus.all.count)
    }

    @Test(arguments: MalformedCorpus.all)
    func yieldsACodedError(_ input: MalformedCase) throws {
        let start = ContinuousClock.now
        let error = qikError { _ = try loadConfig(bytes: input.bytes) }
        #expect(error?.code == input.code, "\(error.map(String.init(describing:)) ?? "no error")")
        if input.code == "conf1" {
            #expect(error?.message.hasPrefix("Error parsing qik.toml: ") == true)
        }
        #expect(error?.location?.hasPrefix("qik.toml") == true)
        // A hang detector, not a speed check: debug builds on a loaded CI machine take seconds for the 10 MB inputs.
        #expect(ContinuousClock.now - start < .seconds(180), "took \(ContinuousClock.now - start)")
    }

    @Test func emptyAndCommentOnlyFilesAreValid() throws {
        #expect(try loadConfig("").commands.isEmpty)
        #expect(try loadConfig("# just a comment\n\n   \n").commands.isEmpty)
        #expect(try loadConfig("\u{FEFF}[commands]\nx = \"y\"").commands.count == 1)  // UTF-8 BOM.
    }
}

/// Valid TOML that looks suspicious to the crash guard (brackets in strings, multi-line arrays, quoted keys):
/// the guard must not reject it, and file order must survive.
@Suite("Tricky but valid qik.toml")
struct TrickyValidConfigTests {
    @Test func bracketsInsideStringsAndArrays() throws {
        let config = try loadConfig(#"""
            [ commands . "z.last" ]   # spaces and a quoted key with a dot
            exec = """
            [.not-a-header]
            [[[ neither
            """
            [commands.'a b']
            exec = '''
            [{x}]
            '''
            [commands.esc]
            exec = "echo \" [[[ \" ]"
            deps = [
                # a comment [ with brackets
                "a/**.py",
                {type = "const", val = "[x]"},
            ]
            """#)
        #expect(config.commands.map(\.name) == ["z.last", "a b", "esc"])
        #expect(config.commands[0].exec == "[.not-a-header]\n[[[ neither\n")
        #expect(config.commands[2].exec == "echo \" [[[ \" ]")
        #expect(config.commands[2].deps == [.glob(pattern: "a/**.py"), .const(val: "[x]")])
    }

    @Test func quotedTableNamesKeepFileOrder() throws {
        let config = try loadConfig("""
            [spaces."b.space"]
            root = "b/"
            [spaces.a]
            root = "a/"
            [commands]
            "b.cmd" = "x"
            a = "y"
            """)
        #expect(config.spaces.map(\.name) == ["b.space", "a"])
        #expect(config.commands.map(\.name) == ["b.cmd", "a"])
    }
}
