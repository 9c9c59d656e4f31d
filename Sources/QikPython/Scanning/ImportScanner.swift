/// Finds the import statements of a Python source without running Python.
///
/// Pipeline: `PythonTokenizer` turns bytes into names/operators/logical-line ends; this type walks the
/// statements of each logical line (`;`-separated, and the inline body after a block header's `:`), collects
/// the tokens of every statement that starts with `import` or `from`, and hands them to
/// `ImportStatementParser`. `if TYPE_CHECKING:` blocks are tracked by indentation. Everything else (Python 2
/// `print x`, backticks, syntax errors) is skipped.
public struct ImportScanner: Sendable {
    public init() {}

    public func scan(_ source: [UInt8], file: String = "") -> ScanResult {
        source.withUnsafeBufferPointer { scan($0, file: file) }
    }

    public func scan(_ source: String, file: String = "") -> ScanResult {
        scan(Array(source.utf8), file: file)
    }

    public func scan(_ source: UnsafeBufferPointer<UInt8>, file: String = "") -> ScanResult {
        var walker = StatementWalker(source: source)
        walker.run()
        var lines = LineCounter(source)
        var result = ScanResult()
        result.imports.reserveCapacity(walker.statements.count)
        var problems = walker.tokenizer.problems
        for statement in walker.statements {
            let line = lines.line(at: statement.tokens[0].start)
            let parser = ImportStatementParser(source: source, tokens: statement.tokens)
            if let imports = parser.parse(line: line, typeChecking: statement.typeChecking) {
                result.imports.append(contentsOf: imports)
            } else {
                problems.append((statement.tokens[0].start, "invalid import statement"))
            }
        }
        problems.sort { $0.offset < $1.offset }
        result.problems = problems.map { ScanProblem(file: file, line: lines.line(at: $0.offset), message: $0.message) }
        return result
    }
}

/// Walks the statements of a token stream and keeps the token lists of import statements.
struct StatementWalker {
    struct Statement {
        var tokens: [PythonToken]
        var typeChecking: Bool
    }

    private enum Mode { case statementStart, importStatement, other }
    /// Progress through an `if NAME(.NAME)*:` header.
    private enum IfHeader { case none, afterIf, afterName, afterDot }

    var tokenizer: PythonTokenizer
    private(set) var statements: [Statement] = []
    private var typeCheckingIndents: [Int] = []
    private var lineIndent = 0
    private var lineTypeChecking = false
    private var inlineTypeChecking = false
    private var awaitingTypeCheckingBody = false
    private var mode = Mode.statementStart
    private var ifHeader = IfHeader.none
    private var lastNameIsTypeChecking = false
    private var lambdas = 0
    private var current: [PythonToken] = []

    init(source: UnsafeBufferPointer<UInt8>) {
        tokenizer = PythonTokenizer(source)
    }

    mutating func run() {
        while true {
            let t = tokenizer.next()
            if t.kind == .end { break }
            if t.firstInLogicalLine { startLogicalLine(indent: t.indent) }
            if t.kind == .newline {
                finishStatement()
                if awaitingTypeCheckingBody { typeCheckingIndents.append(lineIndent) }
                awaitingTypeCheckingBody = false
                mode = .statementStart
                continue
            }
            if awaitingTypeCheckingBody {
                awaitingTypeCheckingBody = false
                inlineTypeChecking = true  // `if TYPE_CHECKING: import x`
            }
            if mode == .statementStart {
                if t.kind == .name, word(t, "import") || word(t, "from") {
                    mode = .importStatement
                    current = [t]
                    continue
                }
                mode = .other
                lambdas = 0
                ifHeader = t.firstInLogicalLine && word(t, "if") ? .afterIf : .none
                if ifHeader == .afterIf { continue }
            }
            if mode == .importStatement {
                if t.kind == .op, t.op == UInt8(ascii: ";"), tokenizer.depth == 0 {
                    finishStatement()
                    mode = .statementStart
                } else if current.count < 100_000 {
                    current.append(t)
                }
                continue
            }
            other(t)
        }
        finishStatement()
    }

    private mutating func startLogicalLine(indent: Int) {
        finishStatement()
        while let last = typeCheckingIndents.last, last >= indent { typeCheckingIndents.removeLast() }
        lineIndent = indent
        lineTypeChecking = !typeCheckingIndents.isEmpty
        inlineTypeChecking = false
        awaitingTypeCheckingBody = false
        mode = .statementStart
    }

    /// A token of a statement that is not an import: look for the `;` or block `:` after which a new
    /// statement starts, and for the `if [x.]TYPE_CHECKING:` header. (Inlined: it runs for most tokens.)
    @inline(__always)
    private mutating func other(_ t: PythonToken) {
        let atDepth0 = tokenizer.depth == 0
        switch t.kind {
        case .name:
            if atDepth0, word(t, "lambda") { lambdas += 1 }
            switch ifHeader {
            case .afterIf, .afterDot:
                ifHeader = .afterName
                lastNameIsTypeChecking = word(t, "TYPE_CHECKING")
            default:
                ifHeader = .none
            }
        case .op where t.op == UInt8(ascii: ";") && atDepth0:
            mode = .statementStart
            ifHeader = .none
        case .op where t.op == UInt8(ascii: ":") && atDepth0:
            if lambdas > 0 {
                lambdas -= 1
                ifHeader = .none
                return
            }
            if ifHeader == .afterName, lastNameIsTypeChecking { awaitingTypeCheckingBody = true }
            ifHeader = .none
            mode = .statementStart
        case .op where t.op == UInt8(ascii: ".") && ifHeader == .afterName:
            ifHeader = .afterDot
        default:
            ifHeader = .none
        }
    }

    private mutating func finishStatement() {
        guard mode == .importStatement, !current.isEmpty else { return }
        statements.append(Statement(tokens: current, typeChecking: lineTypeChecking || inlineTypeChecking))
        current.removeAll(keepingCapacity: true)
        mode = .other
    }

    private func word(_ t: PythonToken, _ w: StaticString) -> Bool {
        tokenizer.equals(t.start, t.end, w)
    }
}
