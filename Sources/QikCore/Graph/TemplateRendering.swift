/// Renders `{ctx.…}` / `{module.…}` templates for one command. The `qik` executable supplies the real renderer
/// (config templating with the resolved ctx); tests may pass a trivial one.
public protocol TemplateRendering: Sendable {
    /// - Parameters:
    ///   - text: raw text from `qik.toml`.
    ///   - module: the module the runnable is parametrized over, if any.
    ///   - command: the command's name, for error messages.
    func render(_ text: String, module: ModuleConfig?, command: String) throws -> String
}
