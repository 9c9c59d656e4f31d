import QikCore

/// Renders commands' templates with the project's ctx (environment → defaults) and the run's `qik` namespace.
struct ConfigTemplateRenderer: TemplateRendering {
    let resolver: CtxResolver
    let pythonPath: String

    init(config: ProjectConfig, environment: [String: String], runtime: QikRuntimeContext) {
        resolver = CtxResolver(vars: config.ctx, environment: environment, qik: runtime)
        pythonPath = config.defaults.pythonPath
    }

    func render(_ text: String, module: ModuleConfig?, command: String) throws -> String {
        // Most strings have no braces at all: skip the template machinery for them. (Bytes, not `contains("{")`:
        // with Foundation in the module that is `NSString.range(of:)`, some 5,000 instructions a call.)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return text }
        return try Template.render(
            text, command: command, ctx: resolver, module: module.map { TemplateModule($0, pythonPath: pythonPath) })
    }
}
