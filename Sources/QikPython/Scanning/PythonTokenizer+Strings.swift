/// String literals. Raw and ordinary strings end the same way (a backslash always protects the next byte from
/// ending the string), so only f/t-strings need their own scanner: since Python 3.12 (PEP 701) a replacement
/// field may contain the enclosing quote, comments and nested f-strings.
extension PythonTokenizer {
    struct StringPrefix {
        var raw: Bool
        var formatted: Bool
    }

    /// `r`, `u`, `b`, `f`, `t` and two-letter combinations of them (any case) directly before a quote.
    static func stringPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> StringPrefix? {
        guard end - start <= 2 else { return nil }
        var prefix = StringPrefix(raw: false, formatted: false)
        for i in start..<end {
            switch bytes[i] | 0x20 {
            case UInt8(ascii: "r"): prefix.raw = true
            case UInt8(ascii: "f"), UInt8(ascii: "t"): prefix.formatted = true
            case UInt8(ascii: "b"), UInt8(ascii: "u"): break
            default: return nil
            }
        }
        return prefix
    }

    /// Consumes the string whose opening quote is at `quoteAt`; `pos` ends after the closing quote, or at the
    /// line end (unterminated single-quoted string) or the end of the file (unterminated triple-quoted string).
    mutating func scanString(quoteAt: Int, raw: Bool, formatted: Bool) {
        if formatted, !fieldsDisabled {
            pos = quoteAt
            if scanFString(quoteAt: quoteAt, raw: raw, nesting: 0) { return }
            // Not a well-formed f-string by 3.12 rules: fall back to the pre-3.12 view (fields ignored), for
            // the rest of the file too, so a malformed file cannot make field scanning quadratic.
            pos = quoteAt
            fieldsDisabled = true
        }
        _ = scanPlainString(quoteAt: quoteAt, reportProblems: true)
    }

    private func isTriple(_ q: Int) -> Bool {
        q + 2 < bytes.count && bytes[q + 1] == bytes[q] && bytes[q + 2] == bytes[q]
    }

    /// Offset after a backslash escape starting at `i` (the backslash); `\` CR LF counts as one line break.
    private func skipEscape(_ i: Int) -> Int {
        let j = i + 1
        guard j < bytes.count else { return j }
        if bytes[j] == UInt8(ascii: "\r"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\n") { return j + 2 }
        return j + 1
    }

    @discardableResult
    mutating func scanPlainString(quoteAt q: Int, reportProblems: Bool) -> Bool {
        let quote = bytes[q]
        let triple = isTriple(q)
        let n = bytes.count
        var i = q + (triple ? 3 : 1)
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") {
                i = skipEscape(i)
            } else if c == quote {
                if !triple {
                    pos = i + 1
                    return true
                }
                if isTriple(i) {
                    pos = i + 3
                    return true
                }
                i += 1
            } else if !triple, c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                pos = i
                if reportProblems { report(q, "unterminated string literal") }
                return false
            } else {
                i += 1
            }
        }
        pos = n
        if reportProblems { report(q, triple ? "unterminated triple-quoted string literal" : "unterminated string literal") }
        return false
    }

    /// Scans an f-string by Python 3.12 rules; returns false (position unspecified) if it is not well formed.
    private mutating func scanFString(quoteAt q: Int, raw: Bool, nesting: Int) -> Bool {
        guard nesting < Self.maxNesting else { return scanPlainString(quoteAt: q, reportProblems: false) }
        let quote = bytes[q]
        let triple = isTriple(q)
        let n = bytes.count
        var i = q + (triple ? 3 : 1)
        while i < n {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\\"):
                if !raw, i + 2 < n, bytes[i + 1] == UInt8(ascii: "N"), bytes[i + 2] == UInt8(ascii: "{") {
                    i += 3  // \N{NAME}: the braces are not a field
                    while i < n, bytes[i] != UInt8(ascii: "}"), bytes[i] != quote, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                    if i < n, bytes[i] == UInt8(ascii: "}") { i += 1 }
                } else if i + 1 < n, bytes[i + 1] == UInt8(ascii: "{") {
                    i += 1  // `\{` is a backslash followed by a field
                } else {
                    i = skipEscape(i)
                }
            case quote:
                if !triple {
                    pos = i + 1
                    return true
                }
                if isTriple(i) {
                    pos = i + 3
                    return true
                }
                i += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if !triple { return false }
                i += 1
            case UInt8(ascii: "{"):
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "{") {
                    i += 2
                } else {
                    pos = i + 1
                    guard scanField(quote: quote, triple: triple, nesting: nesting + 1) else { return false }
                    i = pos
                }
            default:
                i += 1
            }
        }
        return false
    }

    /// Scans a replacement field from just after its `{` to just after its `}`.
    private mutating func scanField(quote: UInt8, triple: Bool, nesting: Int) -> Bool {
        guard nesting < Self.maxNesting else { return false }
        let n = bytes.count
        var brackets = 0
        var inSpec = false
        while pos < n {
            let c = bytes[pos]
            if inSpec {
                switch c {
                case UInt8(ascii: "{"):
                    pos += 1
                    guard scanField(quote: quote, triple: triple, nesting: nesting + 1) else { return false }
                case UInt8(ascii: "}"):
                    pos += 1
                    return true
                case quote:
                    return false
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if !triple { return false }
                    pos += 1
                default:
                    pos += 1
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard scanNestedString(quoteAt: pos, raw: false, formatted: false, nesting: nesting) else { return false }
            case UInt8(ascii: "#"):
                while pos < n, bytes[pos] != UInt8(ascii: "\n"), bytes[pos] != UInt8(ascii: "\r") { pos += 1 }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                brackets += 1
                pos += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                if brackets > 0 { brackets -= 1 }
                pos += 1
            case UInt8(ascii: "}"):
                pos += 1
                if brackets == 0 { return true }
                brackets -= 1
            case UInt8(ascii: ":"):
                pos += 1
                if brackets == 0 { inSpec = true }
            default:
                if Self.isNameByte(c) {
                    let start = pos
                    while pos < n, Self.isNameByte(bytes[pos]) || Self.isDigit(bytes[pos]) { pos += 1 }
                    if pos < n, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'"),
                       let prefix = Self.stringPrefix(bytes, start, pos) {
                        guard scanNestedString(quoteAt: pos, raw: prefix.raw, formatted: prefix.formatted, nesting: nesting)
                        else { return false }
                    }
                } else if c == UInt8(ascii: "!"), pos + 1 < n, bytes[pos + 1] == UInt8(ascii: "=") {
                    pos += 2  // `!=`, not a conversion
                } else {
                    pos += 1
                }
            }
        }
        return false
    }

    private mutating func scanNestedString(quoteAt q: Int, raw: Bool, formatted: Bool, nesting: Int) -> Bool {
        if formatted { return scanFString(quoteAt: q, raw: raw, nesting: nesting + 1) }
        return scanPlainString(quoteAt: q, reportProblems: false)
    }
}
