/// Finds where keys are written in raw TOML text, and in which order.
///
/// TOMLKit (toml++) tables carry no source positions and iterate keys sorted (`std::map`), so the loader asks this
/// lexical scanner for two things it lost: the `line:column` of a key path named in a schema error, and the file
/// order of the children of an order-sensitive table (`commands`, `spaces`, `plugins`, `caches`).
///
/// It runs only after toml++ accepted the text (or when an error must be placed), so it may be lenient: anything it
/// does not understand ends the scan and later lookups fall back to the nearest known parent (best effort).
/// One pass, linear in the text; never recurses deeper than `maxDepth`.
struct TOMLKeyLocator {
    /// Key path → byte offset of its first mention. Path components are keys, or `[i]` for array elements.
    private(set) var offsets: [[String]: Int] = [:]
    /// Parent path → child keys in first-mention order.
    private(set) var children: [[String]: [String]] = [:]
    private let bytes: [UInt8]
    private var i = 0
    private var arrayOfTablesCount: [[String]: Int] = [:]
    /// When set, only children of these tables are recorded (the file-order pass on every successful load).
    private let onlyChildrenOf: Set<[String]>?
    /// Key paths longer than this cannot name a recorded key in the ordering pass: their keys are skipped unbuilt.
    private let maxRecordedLength: Int
    private static let maxDepth = 64

    /// Records every key path (for locating an error).
    init(text: String) {
        bytes = Array(text.utf8)
        onlyChildrenOf = nil
        maxRecordedLength = Self.maxDepth
        scanDocument()
    }

    /// Records only the children of `parents` (for restoring file order): much cheaper per key.
    init(text: String, childrenOf parents: Set<[String]>) {
        bytes = Array(text.utf8)
        onlyChildrenOf = parents
        maxRecordedLength = (parents.map(\.count).max() ?? 0) + 1
        scanDocument()
    }

    /// `line:column` (1-based) of the deepest known prefix of `path`, or nil when not even its first key is known.
    func lineColumn(of path: [String]) -> (line: Int, column: Int)? {
        var probe = path
        while !probe.isEmpty {
            if let offset = offsets[probe] { return lineColumn(atOffset: offset) }
            probe.removeLast()
        }
        return nil
    }

    func childOrder(of path: [String]) -> [String] { children[path] ?? [] }

    func lineColumn(atOffset offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = bytes[lineStart..<min(offset, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
        return (line, column)
    }

    private mutating func record(_ path: [String], at offset: Int) {
        guard !path.isEmpty, path.count <= Self.maxDepth else { return }
        if let parents = onlyChildrenOf, !parents.contains(Array(path.dropLast())) { return }
        guard offsets[path] == nil else { return }
        offsets[path] = offset
        children[Array(path.dropLast()), default: []].append(path[path.count - 1])
    }

    private mutating func recordPrefixes(_ path: [String], at offset: Int) {
        // Capped: a 5000-part dotted key must not cost 5000² work; the schema is never that deep.
        for length in 1...max(min(path.count, Self.maxDepth), 1) where length <= path.count {
            record(Array(path.prefix(length)), at: offset)
        }
    }

    // MARK: Scanning

    private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func peek(_ ahead: Int) -> UInt8? { i + ahead < bytes.count ? bytes[i + ahead] : nil }

    private mutating func skipBlanks() {
        while let c = current, c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Whitespace, newlines and comments (inside arrays).
    private mutating func skipTrivia() {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else if c == UInt8(ascii: "#") { skipLine() } else { return }
        }
    }

    private mutating func skipLine() {
        while let c = current, c != 0x0A { i += 1 }
    }

    private mutating func scanDocument() {
        var table: [String] = []
        while i < bytes.count {
            skipTrivia()
            guard let c = current else { return }
            let start = i
            if c == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                i += isArray ? 2 : 1
                skipBlanks()
                guard let key = scanKey() else { return }
                recordPrefixes(key, at: start)
                if isArray {
                    let index = arrayOfTablesCount[key, default: 0]
                    arrayOfTablesCount[key] = index + 1
                    table = key + ["[\(index)]"]
                    record(table, at: start)
                } else {
                    table = key
                }
                skipLine()
            } else {
                let path: [String]
                if table.count >= maxRecordedLength {
                    guard skipKey() else { return }
                    path = table
                } else {
                    guard let key = scanKey() else { return }
                    path = table + key
                    recordPrefixes(path, at: start)
                }
                skipBlanks()
                guard current == UInt8(ascii: "=") else { return }
                i += 1
                skipBlanks()
                guard scanValue(path, depth: 0) else { return }
                skipBlanks()
                if current == UInt8(ascii: "#") { skipLine() }
            }
        }
    }

    /// A dotted key (`a."b.c".d`); nil when malformed.
    private mutating func scanKey() -> [String]? {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let c = current else { return nil }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let s = scanString() else { return nil }
                parts.append(s)
            } else {
                let start = i
                while let c = current, Self.isBareKey(c) { i += 1 }
                guard i > start else { return nil }
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            skipBlanks()
            guard current == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    /// Advances over a dotted key without building it.
    private mutating func skipKey() -> Bool {
        while true {
            skipBlanks()
            guard let c = current else { return false }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard scanString(capture: false) != nil else { return false }
            } else {
                let start = i
                while let c = current, Self.isBareKey(c) { i += 1 }
                guard i > start else { return false }
            }
            skipBlanks()
            guard current == UInt8(ascii: ".") else { return true }
            i += 1
        }
    }

    private static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
    }

    private mutating func scanValue(_ path: [String], depth: Int) -> Bool {
        guard depth < Self.maxDepth, let c = current else { return false }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return scanString(capture: false) != nil
        case UInt8(ascii: "["):
            i += 1
            var index = 0
            while true {
                skipTrivia()
                guard let c = current else { return false }
                if c == UInt8(ascii: "]") { i += 1; return true }
                if c == UInt8(ascii: ",") { i += 1; continue }
                // The ordering pass never needs array elements: skip building their paths.
                let element = onlyChildrenOf == nil ? path + ["[\(index)]"] : path
                if onlyChildrenOf == nil { record(element, at: i) }
                guard scanValue(element, depth: depth + 1) else { return false }
                index += 1
            }
        case UInt8(ascii: "{"):
            i += 1
            while true {
                skipTrivia()
                guard let c = current else { return false }
                if c == UInt8(ascii: "}") { i += 1; return true }
                if c == UInt8(ascii: ",") { i += 1; continue }
                let start = i
                var keyPath = path
                if path.count >= maxRecordedLength {
                    guard skipKey() else { return false }
                } else {
                    guard let key = scanKey() else { return false }
                    keyPath = path + key
                    recordPrefixes(keyPath, at: start)
                }
                skipBlanks()
                guard current == UInt8(ascii: "=") else { return false }
                i += 1
                skipBlanks()
                guard scanValue(keyPath, depth: depth + 1) else { return false }
            }
        default:
            // Numbers, booleans, dates: up to the next delimiter.
            while let c = current, !(c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                || c == 0x0A || c == UInt8(ascii: "#")) { i += 1 }
            return true
        }
    }

    /// A basic, literal or multi-line string starting at `i`; returns its raw content (escapes are kept as written:
    /// good enough for quoted keys, which rarely contain escapes).
    private mutating func scanString(capture: Bool = true) -> String? {
        guard let quote = current else { return nil }
        let multiline = peek(1) == quote && peek(2) == quote
        i += multiline ? 3 : 1
        let start = i
        while let c = current {
            if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
            if !multiline && c == 0x0A { return nil }
            if c == quote && (!multiline || (peek(1) == quote && peek(2) == quote)) {
                // A multi-line string may end with up to two extra quotes: `""""" ` closes after the content's quotes.
                var end = i
                if multiline {
                    while peek(3) == quote { i += 1 }
                    end = i
                }
                i += multiline ? 3 : 1
                return capture ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
            }
            i += 1
        }
        return nil
    }
}
