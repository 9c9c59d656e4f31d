/// Parses the tokens of one `import …` or `from … import …` statement (brackets and line continuations
/// already folded by the tokenizer). Returns nil for a malformed statement.
struct ImportStatementParser {
    let source: UnsafeBufferPointer<UInt8>
    let tokens: [PythonToken]

    func parse(line: Int, typeChecking: Bool) -> [PythonImport]? {
        guard let first = tokens.first else { return nil }
        if first.kind == .name, equals(first, "import") { return parsePlain(line: line, typeChecking: typeChecking) }
        return parseFrom(line: line, typeChecking: typeChecking)
    }

    /// `import a.b [as c], d …`
    private func parsePlain(line: Int, typeChecking: Bool) -> [PythonImport]? {
        var imports: [PythonImport] = []
        var i = 1
        while true {
            guard let (name, next) = dottedName(from: i) else { return nil }
            imports.append(PythonImport(module: name, line: line, typeChecking: typeChecking))
            i = next
            if i < tokens.count, isWord(i, "as") {
                guard identifier(at: i + 1) != nil else { return nil }
                i += 2
            }
            if i == tokens.count { return imports }
            guard isOp(i, ","), i + 1 < tokens.count else { return nil }
            i += 1
        }
    }

    /// `from .a.b import (c as d, e,)` / `from . import *`
    private func parseFrom(line: Int, typeChecking: Bool) -> [PythonImport]? {
        var i = 1
        var level = 0
        while i < tokens.count, isOp(i, ".") {
            level += 1
            i += 1
        }
        var module = ""
        if i < tokens.count, !isWord(i, "import") {
            guard let (name, next) = dottedName(from: i) else { return nil }
            module = name
            i = next
        }
        guard level > 0 || !module.isEmpty, i < tokens.count, isWord(i, "import") else { return nil }
        i += 1
        var names: [String] = []
        if i < tokens.count, isOp(i, "*") {
            names = ["*"]
            i += 1
        } else {
            let parenthesised = i < tokens.count && isOp(i, "(")
            if parenthesised { i += 1 }
            while true {
                guard let name = identifier(at: i) else { return nil }
                names.append(name)
                i += 1
                if i < tokens.count, isWord(i, "as") {
                    guard identifier(at: i + 1) != nil else { return nil }
                    i += 2
                }
                guard i < tokens.count, isOp(i, ",") else { break }
                i += 1
                if parenthesised, i < tokens.count, isOp(i, ")") { break }
            }
            if parenthesised {
                guard i < tokens.count, isOp(i, ")") else { return nil }
                i += 1
            }
        }
        guard i == tokens.count else { return nil }
        return [PythonImport(module: module, level: level, names: names, line: line, typeChecking: typeChecking, isFrom: true)]
    }

    // Bytes, not Strings: a String and a Set lookup per token made these few statements cost as much as scanning
    // whole files.
    private func dottedName(from start: Int) -> (String, Int)? {
        guard let first = identifierToken(at: start) else { return nil }
        var name = Array(bytes(first))
        var i = start + 1
        while i + 1 < tokens.count, isOp(i, "."), let part = identifierToken(at: i + 1) {
            name.append(UInt8(ascii: "."))
            name.append(contentsOf: bytes(part))
            i += 2
        }
        return (String(decoding: name, as: UTF8.self), i)
    }

    private func identifier(at i: Int) -> String? {
        identifierToken(at: i).map { String(decoding: bytes($0), as: UTF8.self) }
    }

    private func identifierToken(at i: Int) -> PythonToken? {
        guard i < tokens.count, tokens[i].kind == .name else { return nil }
        let t = tokens[i]
        let length = t.end - t.start
        if length < Self.keywordsByLength.count, Self.keywordsByLength[length].contains(where: { equals(t, $0) }) {
            return nil
        }
        return t
    }

    private func isWord(_ i: Int, _ word: StaticString) -> Bool {
        tokens[i].kind == .name && equals(tokens[i], word)
    }

    private func isOp(_ i: Int, _ op: Unicode.Scalar) -> Bool {
        tokens[i].kind == .op && tokens[i].op == UInt8(ascii: op)
    }

    private func bytes(_ t: PythonToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: source[t.start..<t.end])
    }

    private func equals(_ t: PythonToken, _ word: StaticString) -> Bool {
        guard t.end - t.start == word.utf8CodeUnitCount else { return false }
        return bytes(t).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Python 3 hard keywords, never a module or imported name, by length.
    static let keywordsByLength: [[StaticString]] = {
        let keywords: [StaticString] = [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        ]
        var byLength = [[StaticString]](repeating: [], count: 9)
        for word in keywords { byLength[word.utf8CodeUnitCount].append(word) }
        return byLength
    }()
}
