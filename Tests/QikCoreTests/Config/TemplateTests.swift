import Testing

@testable import QikCore

@Suite("Template")
struct TemplateTests {
    let module = TemplateModule(ModuleConfig(name: "nest/c", path: "nest/c"), pythonPath: ".")
    let ctx = CtxResolver(
        vars: [CtxVar(name: "my_var", defaultValue: .string("dflt")), CtxVar(name: "opt", required: false),
               CtxVar(name: "n", type: .int, defaultValue: .int(3)), CtxVar(name: "flag", type: .bool, defaultValue: .bool(true))],
        environment: [:], qik: QikRuntimeContext(workers: 4, arch: "linux-64"))

    func render(_ text: String, module: TemplateModule? = nil) throws -> String {
        try Template.render(text, command: "cmd", ctx: ctx, module: module)
    }

    @Test func moduleFields() throws {
        // Scenario 20 of the behaviour reference: `fmt nest/c nest.c nest/c nest/c`.
        #expect(try render("fmt {module.dir} {module.pyimport} {module.name} {module.path}", module: module)
            == "fmt nest/c nest.c nest/c nest/c")
        let aliased = TemplateModule(ModuleConfig(name: "b_module", path: "src/b"), pythonPath: "src")
        #expect(try render("{module.name} {module.pyimport}", module: aliased) == "b_module b")
    }

    @Test func ctxFields() throws {
        #expect(try render("echo {ctx.my_var} {ctx.project.my_var}") == "echo dflt dflt")
        #expect(try render("{ctx.opt} {ctx.n} {ctx.flag}") == "None 3 True")
        #expect(try render("{ctx.qik.arch} -n {ctx.qik.workers} {ctx.qik.since} {ctx.qik.modules}") == "linux-64 -n 4 None []")
    }

    @Test func bracesThatAreNotFieldsAreKeptVerbatim() throws {
        // 0.2.10 QUIRK fixed: these crashed with KeyError.
        #expect(try render("echo ${HOME}") == "echo ${HOME}")
        #expect(try render("awk '{print $1}' f") == "awk '{print $1}' f")
        #expect(try render("echo {} {0} {") == "echo {} {0} {")
        #expect(try render("a } b") == "a } b")
    }

    @Test func doubledBracesAreEscapes() throws {
        #expect(try render("echo ${{HOME}}") == "echo ${HOME}")
        #expect(try render("{{x}}") == "{x}")
        #expect(try render("{{ctx.my_var}}") == "{ctx.my_var}")  // Escaped: not substituted.
        #expect(try render("{{{ctx.my_var}}}") == "{dflt}")
    }

    @Test func nestedBraces() throws {
        #expect(try render("{a{ctx.my_var}}") == "{adflt}")
        #expect(try render("{{{{") == "{{")
        #expect(try render("x{module.name{ctx.n}}", module: module) == "x{module.name3}")
    }

    @Test func unknownCtxIsCtx3() {
        let error = qikError { _ = try render("{ctx.nope}") }
        #expect(error == QikError("ctx3", "Ctx \"nope\" not configured"))
        #expect(qikError { _ = try render("{ctx.qik.nope}") }?.message == "Ctx \"qik.nope\" not configured")
        #expect(qikError { _ = try render("{ctx.project.nope}") }?.message == "Ctx \"nope\" not configured")
    }

    @Test func unknownModuleFieldIsConf15() {
        let error = qikError { _ = try render("{module.zzz}", module: module) }
        #expect(error?.code == "conf15")
        #expect(error?.message == "Command \"cmd\" uses template field \"{module.zzz}\": unknown module field")
        let noModule = qikError { _ = try render("cov-{module.name}.xml") }
        #expect(noModule?.code == "conf15")
        #expect(noModule?.message.contains("not parametrized by a module") == true)
    }

    @Test func fieldsListing() {
        #expect(Template.fields(in: "a {ctx.x} {{module.y}} {module.name} ${HOME}") == ["ctx.x", "module.name"])
    }

    @Test func unicodeIsPreserved() throws {
        #expect(try render("écho 🚧 {ctx.my_var} ✅") == "écho 🚧 dflt ✅")
    }
}
