/// Reads `graph.json` in exactly the compact form `jsonBytes()` and msgspec write — no whitespace, names without
/// escapes, `[name,bool]` or `[name]` modules — straight from bytes. `pygraph.lock`/`check` decode the graph once per
/// runnable (per fence root for `check`), and Foundation's JSONSerialization was most of that. Anything else gives
/// nil and the caller takes the general decoder.
enum CompactGraphJSON {
    static func decode(_ json: [UInt8]) -> ImportGraph? {
        json.withUnsafeBufferPointer { bytes in
            var reader = Reader(bytes: bytes)
            return reader.graph()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func graph() -> ImportGraph? {
            guard literal(#"{"modules":["#) else { return nil }
            var modules: [ImportGraph.Module] = []
            if !peek(UInt8(ascii: "]")) {
                repeat {
                    guard literal("["), let name = string() else { return nil }
                    var isInternal = true
                    if literal(",") {
                        if literal("true") {
                            isInternal = true
                        } else if literal("false") {
                            isInternal = false
                        } else {
                            return nil
                        }
                    }
                    guard literal("]") else { return nil }
                    modules.append(ImportGraph.Module(name, isInternal: isInternal))
                } while literal(",")
            }
            guard literal(#"],"edges":["#) else { return nil }
            var edges: [ImportGraph.Edge] = []
            if !peek(UInt8(ascii: "]")) {
                repeat {
                    guard literal("["), let importer = number(), literal(","), let imported = number(), literal("]"),
                          importer < modules.count, imported < modules.count else { return nil }
                    edges.append(ImportGraph.Edge(importer, imported))
                } while literal(",")
            }
            guard literal("]}"), at == bytes.count else { return nil }
            return ImportGraph(modules: modules, edges: edges)
        }

        func peek(_ byte: UInt8) -> Bool { at < bytes.count && bytes[at] == byte }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - at >= count else { return false }
            for i in 0..<count where bytes[at + i] != text.utf8Start[i] { return false }
            at += count
            return true
        }

        /// A string without escapes or control characters.
        mutating func string() -> String? {
            guard peek(UInt8(ascii: "\"")) else { return nil }
            let start = at + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                guard bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 else { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            at = end + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// A non-negative decimal without leading zeros.
        mutating func number() -> Int? {
            let start = at
            var value = 0
            while at < bytes.count, bytes[at] &- UInt8(ascii: "0") < 10 {
                guard at - start < 15 else { return nil }
                value = value * 10 + Int(bytes[at] &- UInt8(ascii: "0"))
                at += 1
            }
            guard at > start, bytes[start] != UInt8(ascii: "0") || at - start == 1 else { return nil }
            return value
        }
    }
}
