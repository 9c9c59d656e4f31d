internal import TOMLKit

/// A parsed TOML value as a plain Swift tree, so that schema decoding never touches TOMLKit's C++ objects.
///
/// Table entries come from toml++ sorted by key; `ConfigLoader` restores file order where it matters.
indirect enum TOMLNode: Sendable {
    case table([(key: String, value: TOMLNode)])
    case array([TOMLNode])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    /// Dates and times: kept only so that the schema can reject them by type name.
    case datetime

    /// The type name used in validator messages (msgspec's vocabulary: `str`, `int`, `array`, `object`).
    var typeName: String {
        switch self {
        case .table: "object"
        case .array: "array"
        case .string: "str"
        case .int: "int"
        case .double: "float"
        case .bool: "bool"
        case .datetime: "datetime"
        }
    }

    /// A TOML syntax failure with its 1-based position (toml++'s source region).
    struct SyntaxError: Error {
        let message: String
        let line: Int
        let column: Int
    }

    /// Parses `text` into a tree. `precheck` first rejects the inputs known to abort or mislead toml++ 3.x, whose
    /// parser *assumes* (debug: asserts, release: undefined behaviour) things that malformed input breaks:
    /// - NUL bytes: the C bridge passes a C string, so the document would be silently cut at the first one;
    /// - a table header whose `[`/`[[` is not followed by a key (`[[[a]]]`, `[.a]`): `parse_key`;
    /// - a `}` closing an array or a `]` closing an inline table: `parse_value`;
    /// - malformed dates and times (`1979-05-27T[7`): `parse_time` — all date/time values are rejected, since no
    ///   qik key takes one.
    /// These were found by `ConfigFuzzTests` (seeded mutation fuzzing); run it longer after upgrading TOMLKit.
    static func parse(_ text: String) throws(SyntaxError) -> TOMLNode {
        try precheck(text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(message: error.description, line: error.source.begin.line, column: error.source.begin.column)
        } catch {
            throw SyntaxError(message: "\(error)", line: 1, column: 1)
        }
        return try convert(table, depth: 0)
    }

    /// toml++ caps nested *values* at 256 but not dotted keys or table headers (`[a.a.a…]` 5000 deep); the schema
    /// never goes deeper than 8, so anything past this is rejected before it can exhaust a thread's stack.
    static let maxDepth = 256

    /// Rejects, with a position, the inputs toml++ must never see. A small lexer (strings, comments, value
    /// brackets) so that brackets inside strings and multi-line arrays are not mistaken for table headers.
    private static func precheck(_ text: String) throws(SyntaxError) {
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var atLineStart = true
        var open: [UInt8] = []  // `[`/`{` opened by values (not headers), innermost last.
        var lastSignificant: UInt8 = 0x0A  // Last byte outside blanks, comments and strings.
        var index = 0
        func error(_ message: String, _ at: Int) -> SyntaxError {
            SyntaxError(message: message, line: line, column: bytes[lineStart..<at].filter { $0 & 0xC0 != 0x80 }.count + 1)
        }
        func isKeyStart(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
                || c == 0x22 || c == 0x27 || c == UInt8(ascii: "]")
        }
        func newline(_ at: Int) {
            line += 1
            lineStart = at + 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0:
                throw error("NUL characters are not allowed in TOML", index)
            case 0x0A:
                newline(index)
                atLineStart = true
                index += 1
                continue
            case 0x20, 0x09, 0x0D:
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A {
                    if bytes[index] == 0 { throw error("NUL characters are not allowed in TOML", index) }
                    index += 1
                }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let multiline = index + 2 < bytes.count && bytes[index + 1] == byte && bytes[index + 2] == byte
                index += multiline ? 3 : 1
                while index < bytes.count {
                    let c = bytes[index]
                    if c == 0 { throw error("NUL characters are not allowed in TOML", index) }
                    if c == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") { index += 2; continue }
                    if c == 0x0A {
                        guard multiline else { break }  // toml++ reports the unterminated string.
                        newline(index)
                    }
                    if c == byte && (!multiline || (index + 2 < bytes.count && bytes[index + 1] == byte && bytes[index + 2] == byte)) {
                        index += multiline ? 3 : 1
                        while multiline, index < bytes.count, bytes[index] == byte { index += 1 }
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: "[") where atLineStart && open.isEmpty:
                // A table header: after `[` or `[[` (and blanks) toml++ *assumes* a key character (debug builds
                // abort, release builds are undefined), so anything else is rejected here.
                var probe = index + 1
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "[") { probe += 1 }
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe < bytes.count, !isKeyStart(bytes[probe]) {
                    throw error("Error while parsing table header: expected a key, saw '\(Character(Unicode.Scalar(bytes[probe])))'", probe)
                }
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != UInt8(ascii: "#") {
                    if bytes[index] == 0 { throw error("NUL characters are not allowed in TOML", index) }
                    if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") { break }
                    index += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(byte)
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // A `}` closing an array (or `]` an inline table) trips a toml++ assertion in `parse_value`.
                let expected = byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                if let last = open.popLast(), last != expected {
                    throw error("unexpected '\(Character(Unicode.Scalar(byte)))' inside \(last == UInt8(ascii: "[") ? "an array" : "an inline table")", index)
                }
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9")
            where lastSignificant == UInt8(ascii: "=") || (open.last == UInt8(ascii: "[")
                && (lastSignificant == UInt8(ascii: ",") || lastSignificant == UInt8(ascii: "["))):
                // A value starting like a date (`1979-05-27`) or a time (`07:32`). qik's schema has no date or time
                // values, and toml++'s date-time parser asserts on malformed ones: reject them all here.
                func digits(_ count: Int) -> Bool {
                    index + count <= bytes.count && bytes[index..<(index + count)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                }
                if (digits(4) && index + 4 < bytes.count && bytes[index + 4] == UInt8(ascii: "-"))
                    || (digits(2) && index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: ":"))
                {
                    throw error("dates and times are not supported in qik.toml", index)
                }
                index += 1
            default:
                index += 1
            }
            index = min(index, bytes.count)  // An escape at the very end steps past it.
            lastSignificant = bytes[index - 1]
            atLineStart = false
        }
    }

    private static func convert(_ value: TOMLValueConvertible, depth: Int) throws(SyntaxError) -> TOMLNode {
        switch value.type {
        case .table:
            return try convert(value.table!, depth: depth + 1)
        case .array:
            guard depth < maxDepth else { throw tooDeep() }
            var items: [TOMLNode] = []
            for item in value.array! { items.append(try convert(item, depth: depth + 1)) }
            return .array(items)
        case .string: return .string(value.string ?? "")
        case .int: return .int(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .datetime
        }
    }

    private static func convert(_ table: TOMLTable, depth: Int) throws(SyntaxError) -> TOMLNode {
        guard depth < maxDepth else { throw tooDeep() }
        var entries: [(key: String, value: TOMLNode)] = []
        for (key, value) in table {
            entries.append((key, try convert(value, depth: depth)))
        }
        return .table(entries)
    }

    private static func tooDeep() -> SyntaxError {
        SyntaxError(message: "tables or arrays nested deeper than \(maxDepth) levels", line: 1, column: 1)
    }
}
