/// A single-pass tokenizer over Python source bytes that yields only what `ImportScanner` needs: names,
/// operators and logical-line ends. Strings (every prefix, triple quotes, f/t-strings with nested fields),
/// comments, numbers and backslash continuations are consumed without building values.
///
/// Never traps and always advances: every branch consumes at least one byte, recursion into f-string fields
/// is capped at `maxNesting`, and bracket depth is a counter. Problems are recorded as byte offsets.
struct PythonTokenizer {
    /// Deeper f-string nesting than this is scanned as a plain string (CPython itself stops at ~150 levels).
    static let maxNesting = 100

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Set after the first malformed f-string (see `scanString`).
    var fieldsDisabled = false
    /// Bracket depth after the last token.
    private(set) var depth = 0
    private(set) var problems: [(offset: Int, message: String)] = []
    private var logicalLineHasToken = false
    private var physicalLineHasToken = false
    private var indent = 0
    private var lastWasYield = false
    private var pending: PythonToken?
    private var openedAt: [Int] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        measureIndent()
    }

    mutating func next() -> PythonToken {
        if let token = pending {
            pending = nil
            return token
        }
        let n = bytes.count
        while pos < n {
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C, 0x00:
                var end = pos + 1  // Runs of spaces without a trip through the switch per byte.
                while end < n, bytes[end] == UInt8(ascii: " ") { end += 1 }
                pos = end
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeNewline()
                physicalLineHasToken = false
                measureIndent()
                if depth == 0, logicalLineHasToken {
                    logicalLineHasToken = false
                    return PythonToken(kind: .newline, start: pos, end: pos)
                }
            case UInt8(ascii: "#"):
                var end = pos + 1
                while end < n, bytes[end] > UInt8(ascii: "\r") || bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") {
                    end += 1
                }
                pos = end
            case UInt8(ascii: "\\"):
                pos += 1
                if pos < n, bytes[pos] == UInt8(ascii: "\n") || bytes[pos] == UInt8(ascii: "\r") { consumeNewline() }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let start = pos
                scanString(quoteAt: pos, raw: false, formatted: false)
                return token(.string, start, pos)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return scanNumber()
            case UInt8(ascii: "."):
                if pos + 1 < n, Self.isDigit(bytes[pos + 1]) { return scanNumber() }
                pos += 1
                return token(.op, pos - 1, pos, op: c)
            default:
                if Self.isNameByte(c) { return scanName() }
                return scanOperator(c)
            }
        }
        if logicalLineHasToken {
            logicalLineHasToken = false
            return PythonToken(kind: .newline, start: n, end: n)
        }
        if depth > 0, let opened = openedAt.last {
            problems.append((opened, "unclosed bracket"))
            depth = 0
            openedAt.removeAll()
        }
        return PythonToken(kind: .end, start: n, end: n)
    }

    // MARK: Tokens

    @inline(__always)
    private mutating func token(_ kind: PythonToken.Kind, _ start: Int, _ end: Int, op: UInt8 = 0) -> PythonToken {
        let t = PythonToken(kind: kind, start: start, end: end, op: op, indent: indent, firstInLogicalLine: !logicalLineHasToken)
        logicalLineHasToken = true
        physicalLineHasToken = true
        lastWasYield = false
        return t
    }

    private mutating func scanName() -> PythonToken {
        let start = pos
        let n = bytes.count
        var end = pos + 1  // A local index: the loop runs for every byte of every name.
        while end < n, Self.isNameOrDigit(bytes[end]) { end += 1 }
        pos = end
        if pos < n, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'"),
           let prefix = Self.stringPrefix(bytes, start, pos) {
            scanString(quoteAt: pos, raw: prefix.raw, formatted: prefix.formatted)
            return token(.string, start, pos)
        }
        // Recovery from an unclosed bracket: `import`/`from` can never start a physical line inside brackets
        // (except `yield from`), so end the runaway logical line there and keep scanning.
        if depth > 0, !physicalLineHasToken,
           equals(start, pos, "import") || (equals(start, pos, "from") && !lastWasYield) {
            problems.append((openedAt.first ?? start, "unclosed bracket"))
            depth = 0
            openedAt.removeAll()
            if logicalLineHasToken {
                logicalLineHasToken = false
                let newline = PythonToken(kind: .newline, start: start, end: start)
                pending = token(.name, start, pos)
                return newline
            }
        }
        let isYield = equals(start, pos, "yield")
        let t = token(.name, start, pos)
        lastWasYield = isYield
        return t
    }

    private mutating func scanNumber() -> PythonToken {
        let start = pos
        let n = bytes.count
        pos += 1
        while pos < n {
            let c = bytes[pos]
            if Self.isDigit(c) || Self.isNameByte(c) && c < 0x80 || c == UInt8(ascii: ".") {
                pos += 1
            } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")),
                      bytes[pos - 1] | 0x20 == UInt8(ascii: "e") {
                pos += 1
            } else {
                break
            }
        }
        return token(.number, start, pos)
    }

    private mutating func scanOperator(_ c: UInt8) -> PythonToken {
        let start = pos
        pos += 1
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            if openedAt.count < 64 { openedAt.append(start) }
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if depth > 0 {
                depth -= 1
                if depth < openedAt.count { openedAt.removeLast() }
            }
        case UInt8(ascii: ":"):
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "=") {
                pos += 1
                return token(.op, start, pos, op: PythonToken.walrus)
            }
        default:
            break
        }
        return token(.op, start, pos, op: c)
    }

    // MARK: Lines

    private mutating func consumeNewline() {
        if bytes[pos] == UInt8(ascii: "\r"), pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\n") {
            pos += 2
        } else {
            pos += 1
        }
    }

    private mutating func measureIndent() {
        var column = 0
        let n = bytes.count
        while pos < n {
            switch bytes[pos] {
            case UInt8(ascii: " "):
                var end = pos + 1  // The usual indentation: a run of spaces.
                while end < n, bytes[end] == UInt8(ascii: " ") { end += 1 }
                column += end - pos
                pos = end
                continue
            case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8
            case 0x0C: column = 0
            default:
                indent = column
                return
            }
            pos += 1
        }
        indent = column
    }

    // MARK: Byte classes

    static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    /// Letters, `_`, and every non-ASCII byte (UTF-8 identifiers; latin-1 files only matter for ASCII).
    static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- UInt8(ascii: "a") < 26 || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// `isNameByte || isDigit` from two 64-bit masks, without branches for ASCII.
    @inline(__always)
    static func isNameOrDigit(_ c: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_0000_0000_0000  // `0`…`9`
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE  // `A`…`Z`, `_`, `a`…`z`
        return c >= 0x80 || ((c < 64 ? low : high) >> UInt64(c & 63)) & 1 != 0
    }

    @inline(__always)
    func equals(_ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<(end - start) where bytes[start + i] != w[i] { return false }
        return true
    }

    mutating func report(_ offset: Int, _ message: String) {
        problems.append((offset, message))
    }
}
