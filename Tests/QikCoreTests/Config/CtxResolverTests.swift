import Testing

@testable import QikCore

@Suite("CtxResolver and QikRuntimeContext")
struct CtxResolverTests {
    func resolver(_ vars: [CtxVar], _ environment: [String: String]) -> CtxResolver {
        CtxResolver(vars: vars, environment: environment, qik: QikRuntimeContext(workers: 2, arch: "linux-64"))
    }

    @Test func environmentBeatsDefault() throws {
        let ctx = resolver([CtxVar(name: "my_var", defaultValue: .string("dflt"))], ["MY_VAR": "fromenv"])
        #expect(try ctx.value("my_var") == .string("fromenv"))
        #expect(try resolver([CtxVar(name: "my_var", defaultValue: .string("dflt"))], [:]).value("my_var") == .string("dflt"))
    }

    @Test func casting() throws {
        let vars = [CtxVar(name: "num", type: .int), CtxVar(name: "flag", type: .bool)]
        let ok = resolver(vars, ["NUM": " 42 ", "FLAG": "YES"])
        #expect(try ok.value("num") == .int(42))
        #expect(try ok.value("flag") == .bool(true))
        for (raw, expected) in [("no", false), ("False", false), ("0", false), ("1", true), ("TRUE", true)] {
            #expect(try resolver(vars, ["NUM": "1", "FLAG": raw]).value("flag") == .bool(expected))
        }
        #expect(try resolver(vars, ["NUM": "1_000", "FLAG": "1"]).value("num") == .int(1000))
        let badInt = qikError { _ = try resolver(vars, ["NUM": "abc", "FLAG": "1"]).value("flag") }
        #expect(badInt == QikError("ctx1", "Unable to cast env ctx NUM value \"abc\" as int"))
        let badBool = qikError { _ = try resolver(vars, ["NUM": "1", "FLAG": "maybe"]).value("num") }
        #expect(badBool == QikError("ctx1", "Unable to cast env ctx FLAG value \"maybe\" as bool."))
    }

    /// Whole-namespace evaluation (scenario 26): a missing required var fails any reference, even to another var.
    @Test func missingRequiredVarFailsEveryReference() {
        let ctx = resolver([CtxVar(name: "present", defaultValue: .string("x")), CtxVar(name: "needed")], [:])
        let error = qikError { _ = try ctx.value("present") }
        #expect(error?.code == "ctx2")
        #expect(error?.message == "No value supplied for \"needed\" ctx.")
        // qik fields do not need the project namespace.
        #expect((try? ctx.value("qik.arch")) == .string("linux-64"))
    }

    @Test func optionalVarWithoutDefaultIsNone() throws {
        #expect(try resolver([CtxVar(name: "opt", required: false)], [:]).value("opt") == CtxValue.none)
        #expect(CtxValue.none.description == "None")
        #expect(CtxValue.list(["a", "b"]).description == "['a', 'b']")
    }

    @Test func qikEnvironmentOverrides() throws {
        let context = try QikRuntimeContext.fromEnvironment([
            "QIK__LS": "true", "QIK__CACHES": "repo,local", "QIK__WORKERS": "3", "QIK__CACHE_STATUS": "cold",
            "QIK__ISOLATED": "1", "QIK__SINCE": "main", "QIK__TAGS": "", "QIK__LOGGER": "stdout", "QIK__ARCH": "osx-64",
            "QIK__VERBOSITY": "2", "QIK__MODULES": "a", "QIK__SPACES": "s1,s2", "QIK__COMMANDS": "lint",
            "QIK__FAIL": "yes", "QIK__FORCE": "0", "QIK__WATCH": "false",
        ])
        #expect(context.ls && context.isolated && context.fail && !context.force && !context.watch)
        #expect(context.caches == ["repo", "local"])
        #expect(context.workers == 3)
        #expect(context.cacheStatus == "cold")
        #expect(context.since == "main")
        #expect(context.tags == [])
        #expect(context.logger == "stdout")
        #expect(context.verbosity == 2)
        #expect(context.modules == ["a"] && context.spaces == ["s1", "s2"] && context.commands == ["lint"])
        #expect(context.arch == QikRuntimeContext.currentArch)  // QIK__ARCH is ignored (DOC-BUG in 0.2.10).
        let error = qikError { _ = try QikRuntimeContext.fromEnvironment(["QIK__WORKERS": "many"]) }
        #expect(error == QikError("ctx1", "Unable to cast env ctx QIK__WORKERS value \"many\" as int"))
    }

    @Test func qikDefaultsAndFields() {
        let context = QikRuntimeContext()
        #expect(context.workers >= 1)
        #expect(context.verbosity == 1)
        #expect(["linux-64", "linux-aarch64", "linux-ppc64le", "linux-32", "osx-arm64", "osx-64", "win-64", "win-32", "unknown"]
            .contains(context.arch))
        for field in QikRuntimeContext.fieldNames { #expect(context.value(of: field) != nil, "\(field)") }
        #expect(context.value(of: "nope") == nil)
    }
}
