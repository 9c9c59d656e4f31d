/// The module a runnable is parametrized over, as seen by `{module.…}` fields.
public struct TemplateModule: Sendable, Equatable {
    public var name: String
    /// Directory relative to the project root (`{module.path}` and `{module.dir}` are both this).
    public var path: String
    /// Dotted import name relative to `defaults.python-path` (`nest/c` → `nest.c`).
    public var pyimport: String

    public init(name: String, path: String, pyimport: String) {
        self.name = name
        self.path = path
        self.pyimport = pyimport
    }

    /// Derives `pyimport` like 0.2.10: the path made relative to the python path, `/` → `.`.
    public init(_ module: ModuleConfig, pythonPath: String) {
        var relative = Substring(module.path)
        var base = Substring(pythonPath)
        while base.hasPrefix("./") { base = base.dropFirst(2) }
        while base.hasSuffix("/") { base = base.dropLast() }
        if !base.isEmpty, base != ".", relative.hasPrefix(base + "/") { relative = relative.dropFirst(base.count + 1) }
        self.init(name: module.name, path: module.path,
                  pyimport: relative.split(separator: "/").joined(separator: "."))
    }
}

/// Renders qik templates: the `{ctx…}` and `{module…}` fields of Python's `str.format` as 0.2.10 uses them.
///
/// - `{ctx.X}`, `{ctx.project.X}`, `{ctx.qik.X}` → `CtxResolver` values (Python rendering: `True`, `None`, `3`).
/// - `{module.name|path|dir|pyimport}` → the runnable's module.
/// - `{{` → `{` and `}}` → `}` (so templates written for 0.2.10 keep their meaning).
/// - Any other brace text is kept exactly as written: `echo ${HOME}`, `awk '{print $1}'` and `{}` work.
///   (0.2.10 QUIRK fixed: it parsed them as format fields and crashed.)
/// - Format specs and conversions (`{ctx.x:>5}`, `{ctx.x!r}`) are not supported: they name an unknown field.
public enum Template {
    /// - Parameters:
    ///   - command: the command name, for error messages.
    ///   - ctx: resolver for `{ctx…}`; nil means no ctx is available (any `{ctx…}` is then `ctx3`).
    ///   - module: the runnable's module, nil when the command is not module-parametrized.
    /// - Throws: `ctx1`/`ctx2`/`ctx3` from ctx resolution; `conf15` for an unknown `{module.…}` field or a
    ///   `{module.…}` field without a module.
    public static func render(_ text: String, command: String, ctx: CtxResolver?, module: TemplateModule?) throws -> String {
        // Fast path: most globs and exec strings have no braces at all.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "{" && next == "{" || scalar == "}" && next == "}" {
                output.append(scalar)
                index += 2
                continue
            }
            if scalar == "{", let close = fieldEnd(scalars, from: index + 1) {
                let field = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                if let value = try resolve(field, command: command, ctx: ctx, module: module) {
                    output.append(contentsOf: value.unicodeScalars)
                    index = close + 1
                    continue
                }
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// The template fields (`ctx…`, `module…`) that `text` mentions, ignoring `{{` escapes.
    public static func fields(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var fields: [String] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                index += 2
                continue
            }
            if scalars[index] == "{", let close = fieldEnd(scalars, from: index + 1) {
                let field = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                if isTemplateField(field) { fields.append(field) }
                index = close + 1
                continue
            }
            index += 1
        }
        return fields
    }

    /// Index of the `}` closing a field opened before `start`, or nil when another `{` (or the end) comes first.
    private static func fieldEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if scalars[index] == "}" { return index }
            if scalars[index] == "{" { return nil }
            index += 1
        }
        return nil
    }

    private static func isTemplateField(_ field: String) -> Bool {
        field == "ctx" || field == "module" || field.hasPrefix("ctx.") || field.hasPrefix("module.")
    }

    /// The rendered field, or nil when `field` is not a template field (kept verbatim).
    private static func resolve(_ field: String, command: String, ctx: CtxResolver?, module: TemplateModule?) throws
        -> String?
    {
        if field == "ctx" || field.hasPrefix("ctx.") {
            let reference = field == "ctx" ? "" : String(field.dropFirst(4))
            guard let ctx else { throw QikError.unconfiguredCtx(reference) }
            return try ctx.value(reference).description
        }
        guard field == "module" || field.hasPrefix("module.") else { return nil }
        guard let module else {
            throw QikError.invalidTemplateField(
                command: command, field: field,
                reason: "the command is not parametrized by a module (its exec has no {module…} field)")
        }
        switch field {
        case "module.name": return module.name
        case "module.path", "module.dir": return module.path
        case "module.pyimport": return module.pyimport
        default:
            throw QikError.invalidTemplateField(command: command, field: field, reason: "unknown module field")
        }
    }
}
