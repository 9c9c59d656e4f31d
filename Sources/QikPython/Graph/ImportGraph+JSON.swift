extension ImportGraph {
    /// `graph.json` exactly as qik 0.2.10 writes it with msgspec: compact, `[name, is_internal]` arrays,
    /// non-ASCII characters as raw UTF-8.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(modules.count * 24 + edges.count * 10 + 32)
        out.append(contentsOf: #"{"modules":["#.utf8)
        for (i, module) in modules.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            Self.appendJSONString(module.name, to: &out)
            out.append(contentsOf: module.isInternal ? ",true]".utf8 : ",false]".utf8)
        }
        out.append(contentsOf: #"],"edges":["#.utf8)
        for (i, edge) in edges.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            Self.appendDecimal(edge.importer, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendDecimal(edge.imported, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    public func jsonString() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// A non-negative index in decimal: digits are packed four bits each, least significant first into the high
    /// end, then read back from the low end (string interpolation per edge showed up in profiles, as did reversing
    /// an array slice).
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt64(value), packed: UInt64 = 0, count = 0
        repeat {
            packed = packed << 4 | rest % 10
            rest /= 10
            count += 1
        } while rest > 0 && count < 16
        if rest > 0 {  // Beyond sixteen digits (never an index): the slow, obvious way.
            out.append(contentsOf: String(value).utf8)
            return
        }
        for _ in 0..<count {
            out.append(UInt8(ascii: "0") | UInt8(truncatingIfNeeded: packed & 0xF))
            packed >>= 4
        }
    }

    /// msgspec escapes `"`, `\` and control characters (`\n`, `\t`… short forms, others `\u00XX`).
    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
