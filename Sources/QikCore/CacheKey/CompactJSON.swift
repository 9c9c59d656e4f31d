/// A tiny JSON writer producing the exact bytes msgspec (used by qik 0.2.10) produces: compact, keys in the order
/// given, non-ASCII left as UTF-8, only `"`, `\` and control characters escaped.
///
/// Hand-written because Foundation's `JSONEncoder` escapes `/`, sorts or reorders keys, and these bytes feed the
/// cache key, which must stay identical to the Python tool's.
public indirect enum CompactJSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([CompactJSON])
    /// Keys keep their order.
    case object([(String, CompactJSON)])

    public static func == (lhs: CompactJSON, rhs: CompactJSON) -> Bool { lhs.encoded == rhs.encoded }

    public var encoded: String {
        var out = ""
        write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (paths, names, globs) need no escape: one append instead of one per scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension CompactJSON {
    public static func strings(_ values: [String]) -> CompactJSON { .array(values.map(CompactJSON.string)) }
    public static func optional(_ value: String?) -> CompactJSON { value.map(CompactJSON.string) ?? .null }
}
