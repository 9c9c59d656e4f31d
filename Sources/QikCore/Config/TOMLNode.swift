import TOMLKit

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

    /// Parses `text` into a tree. Guards the inputs known to abort or mislead toml++ first:
    /// NUL bytes (the C bridge would silently truncate the document at the first one) and `[[[` table headers
    /// (a debug assertion in toml++ 3.x `parse_key`).
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
        return convert(table)
    }

    private static func precheck(_ text: String) throws(SyntaxError) {
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var atLineStart = true
        var index = 0
        func column(_ at: Int) -> Int { bytes[lineStart..<at].filter { $0 & 0xC0 != 0x80 }.count + 1 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                throw SyntaxError(message: "NUL characters are not allowed in TOML", line: line, column: column(index))
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                atLineStart = true
            } else if atLineStart && byte == UInt8(ascii: "[") {
                // `[[` then blanks then `[`: not a valid header, and toml++ asserts on it.
                var brackets = 0
                var probe = index
                while probe < bytes.count, bytes[probe] == UInt8(ascii: "[") || bytes[probe] == 0x20 || bytes[probe] == 0x09 {
                    if bytes[probe] == UInt8(ascii: "[") { brackets += 1 }
                    probe += 1
                }
                if brackets > 2 {
                    throw SyntaxError(message: "Error while parsing table header: too many '[' in table header",
                                      line: line, column: column(index))
                }
                atLineStart = false
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                atLineStart = false
            }
            index += 1
        }
    }

    private static func convert(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .table:
            return convert(value.table!)
        case .array:
            return .array(value.array!.map { convert($0) })
        case .string: return .string(value.string ?? "")
        case .int: return .int(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .datetime
        }
    }

    private static func convert(_ table: TOMLTable) -> TOMLNode {
        var entries: [(key: String, value: TOMLNode)] = []
        for (key, value) in table {
            entries.append((key, convert(value)))
        }
        return .table(entries)
    }
}
