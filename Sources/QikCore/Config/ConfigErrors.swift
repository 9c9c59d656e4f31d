/// Message catalogue of the configuration layer (`conf0`–`conf15`, `ctx1`–`ctx3`).
///
/// Texts of codes that exist in qik 0.2.10 are the original's (behaviour reference §12); `conf15` is new.
/// docs/errors.md lists each code with what to do about it.
extension QikError {
    public static func configNotFound() -> QikError {
        QikError("conf0", "Could not locate qik.toml configuration file.",
                 hint: "Create a qik.toml at the root of the repository (or a [tool.qik] table in pyproject.toml).")
    }

    /// `detail` is the validator message, e.g. ``Object contains unknown field `bogus` - at `$.commands.lint` ``.
    public static func configParse(_ detail: String, location: String?) -> QikError {
        QikError("conf1", "Error parsing qik.toml: \(detail)", location: location)
    }

    public static func moduleNotFound(_ name: String) -> QikError {
        QikError("conf2", "Module \"\(name)\" not configured in qik.toml.")
    }

    public static func pluginNotImportable(_ pyimport: String, location: String? = nil) -> QikError {
        QikError("conf3", "Plugin '\(pyimport)' could not be imported. Make sure it's installed and has a 'qikplugin' module.",
                 location: location, hint: "Built-in plugins are qik.pygraph, qik.uv and qik.s3; other Python plugins are not supported.")
    }

    public static func pluginNotFound(_ name: String) -> QikError {
        QikError("conf3", "Plugin \"\(name)\" not configured in qik.toml.")
    }

    public static func moduleOrPluginNotFound(_ namespace: String) -> QikError {
        QikError("conf4", "Module or plugin \"\(namespace)\" not configured in qik.toml.")
    }

    public static func commandNotFound(_ uri: String) -> QikError {
        QikError("conf5", "Command \"\(uri)\" not configured.")
    }

    public static func pluginImport(_ pyimport: String) -> QikError {
        QikError("conf6", "Could not import plugin \"\(pyimport)\"")
    }

    public static func graphCycle(_ chain: [String] = []) -> QikError {
        let suffix = chain.isEmpty ? "" : " " + chain.joined(separator: " -> ")
        return QikError("conf7", "Cycle detected in DAG.\(suffix)")
    }

    public static func spaceNotFound(_ name: String) -> QikError {
        QikError("conf8", "Space \"\(name)\" not configured.")
    }

    public static func unconfiguredCache(_ name: String) -> QikError {
        QikError("conf9", "Unconfigured cache - \"\(name)\"")
    }

    public static func invalidCacheType(kind: String, tag: String) -> QikError {
        QikError("conf10", "\(kind) type \"\(tag)\" not provided by any plugin.")
    }

    public static func circularVenv(_ chain: [String] = []) -> QikError {
        QikError("conf13", "Circular venv detected.", hint: chain.isEmpty ? nil : "(" + chain.joined(separator: " -> ") + ")")
    }

    public static func circularFence(_ chain: [String] = []) -> QikError {
        QikError("conf14", "Circular fence detected.", hint: chain.isEmpty ? nil : "(" + chain.joined(separator: " -> ") + ")")
    }

    public static func circularConstraint(_ chain: [String] = []) -> QikError {
        QikError("conf14", "Circular constraint detected.",
                 hint: chain.isEmpty ? nil : "(" + chain.joined(separator: " -> ") + ")")
    }

    /// New in the port: 0.2.10 crashed with `AttributeError`/`KeyError` for these.
    public static func invalidTemplateField(command: String, field: String, reason: String) -> QikError {
        QikError("conf15", "Command \"\(command)\" uses template field \"{\(field)}\": \(reason)",
                 hint: "Valid module fields are {module.name}, {module.path}, {module.dir} and {module.pyimport}; write {{ and }} for literal braces.")
    }

    public static func envCast(variable: String, value: String, type: String) -> QikError {
        QikError("ctx1", "Unable to cast env ctx \(variable) value \"\(value)\" as \(type)\(type == "bool" ? "." : "")")
    }

    public static func ctxValueNotFound(_ name: String) -> QikError {
        QikError("ctx2", "No value supplied for \"\(name)\" ctx.",
                 hint: "Set the environment variable \(name.split(separator: ".").last.map { $0.uppercased() } ?? name.uppercased()) or give the ctx a default.")
    }

    public static func unconfiguredCtx(_ name: String) -> QikError {
        QikError("ctx3", "Ctx \"\(name)\" not configured")
    }
}
