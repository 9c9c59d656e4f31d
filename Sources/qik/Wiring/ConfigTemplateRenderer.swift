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
        // Most strings have no braces at all: skip the template machinery for them.
        guard text.contains("{") || text.contains("}") else { return text }
        return try Template.render(
            text, command: command, ctx: resolver, module: module.map { TemplateModule($0, pythonPath: pythonPath) })
    }
}
