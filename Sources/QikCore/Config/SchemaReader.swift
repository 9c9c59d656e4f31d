/// A schema violation found while decoding: the validator-style detail and the key path it concerns.
///
/// The loader turns it into `conf1` and asks `TOMLKeyLocator` for the line of `path` (only then: error path only).
struct SchemaError: Error {
    let detail: String
    /// Key path of the offending key (`["commands", "lint", "deps", "[0]", "type"]`).
    let path: [String]
}

/// A key as shown in a message: hostile 10 MB keys must not make 10 MB error lines.
func abbreviated(_ key: String) -> String {
    key.count <= 80 ? key : "\(key.prefix(40))…\(key.suffix(20)) (\(key.count) characters)"
}

/// Renders a key path the way the original's validator (msgspec) does: `$`, `$.commands.lint`, `$.deps[0]`.
func renderSchemaPath(_ path: [String]) -> String {
    var text = "$"
    for component in path {
        text += component.hasPrefix("[") ? component : ".\(abbreviated(component))"
    }
    return text
}

/// Typed, strict access to one TOML table of the schema: unknown keys are rejected when it is created,
/// and each accessor checks the value's type, naming the key path in its error.
struct SchemaReader {
    let entries: [(key: String, value: TOMLNode)]
    let path: [String]

    init(_ node: TOMLNode, at path: [String], allowed: Set<String>) throws(SchemaError) {
        guard case .table(let entries) = node else {
            throw SchemaReader.typeError(expected: "object", got: node, at: path)
        }
        for entry in entries where !allowed.contains(entry.key) {
            throw SchemaError(detail: "Object contains unknown field `\(abbreviated(entry.key))` - at `\(renderSchemaPath(path))`",
                              path: path + [entry.key])
        }
        self.entries = entries
        self.path = path
    }

    static func typeError(expected: String, got node: TOMLNode, at path: [String]) -> SchemaError {
        SchemaError(detail: "Expected `\(expected)`, got `\(node.typeName)` - at `\(renderSchemaPath(path))`", path: path)
    }

    static func entries(_ node: TOMLNode, at path: [String]) throws(SchemaError) -> [(key: String, value: TOMLNode)] {
        guard case .table(let entries) = node else { throw typeError(expected: "object", got: node, at: path) }
        return entries
    }

    subscript(key: String) -> TOMLNode? {
        entries.first { $0.key == key }?.value
    }

    func missing(_ key: String) -> SchemaError {
        SchemaError(detail: "Object missing required field `\(key)` - at `\(renderSchemaPath(path))`", path: path)
    }

    func string(_ key: String) throws(SchemaError) -> String? {
        guard let node = self[key] else { return nil }
        return try Self.string(node, at: path + [key])
    }

    func requiredString(_ key: String) throws(SchemaError) -> String {
        guard let value = try string(key) else { throw missing(key) }
        return value
    }

    func bool(_ key: String) throws(SchemaError) -> Bool? {
        guard let node = self[key] else { return nil }
        guard case .bool(let value) = node else { throw Self.typeError(expected: "bool", got: node, at: path + [key]) }
        return value
    }

    func strings(_ key: String) throws(SchemaError) -> [String]? {
        guard let node = self[key] else { return nil }
        return try Self.strings(node, at: path + [key])
    }

    /// `"a"` or `["a", "b"]`.
    func stringOrStrings(_ key: String) throws(SchemaError) -> [String]? {
        guard let node = self[key] else { return nil }
        if case .string(let value) = node { return [value] }
        guard case .array = node else { throw Self.typeError(expected: "str | array", got: node, at: path + [key]) }
        return try Self.strings(node, at: path + [key])
    }

    func stringTable(_ key: String) throws(SchemaError) -> [String: String]? {
        guard let node = self[key] else { return nil }
        var result: [String: String] = [:]
        for entry in try Self.entries(node, at: path + [key]) {
            result[entry.key] = try Self.string(entry.value, at: path + [key, entry.key])
        }
        return result
    }

    func enumValue<T: RawRepresentable>(_ key: String, as type: T.Type) throws(SchemaError) -> T? where T.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw SchemaError(detail: "Invalid enum value '\(raw)' - at `\(renderSchemaPath(path + [key]))`", path: path + [key])
        }
        return value
    }

    static func string(_ node: TOMLNode, at path: @autoclosure () -> [String]) throws(SchemaError) -> String {
        guard case .string(let value) = node else { throw typeError(expected: "str", got: node, at: path()) }
        return value
    }

    static func strings(_ node: TOMLNode, at path: @autoclosure () -> [String]) throws(SchemaError) -> [String] {
        guard case .array(let items) = node else { throw typeError(expected: "array", got: node, at: path()) }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try string(item, at: path() + ["[\(index)]"]))
        }
        return result
    }

    static func array(_ node: TOMLNode, at path: @autoclosure () -> [String]) throws(SchemaError) -> [TOMLNode] {
        guard case .array(let items) = node else { throw typeError(expected: "array", got: node, at: path()) }
        return items
    }

    /// The `type` tag of a tagged table, checked against the tags known in this position.
    static func tag(_ node: TOMLNode, at path: [String], allowed: [String]) throws(SchemaError) -> String {
        guard case .table(let entries) = node else { throw typeError(expected: "object", got: node, at: path) }
        guard let tagNode = entries.first(where: { $0.key == "type" })?.value else {
            throw SchemaError(detail: "Object missing required field `type` - at `\(renderSchemaPath(path))`", path: path)
        }
        let tag = try string(tagNode, at: path + ["type"])
        guard allowed.contains(tag) else {
            throw SchemaError(detail: "Invalid value '\(tag)' - at `\(renderSchemaPath(path + ["type"]))`", path: path + ["type"])
        }
        return tag
    }
}
