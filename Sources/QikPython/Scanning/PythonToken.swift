/// A token of `PythonTokenizer`: byte offsets into the source, never a copied string.
struct PythonToken {
    enum Kind: UInt8 {
        case name, number, string, op
        /// End of a logical line (a NEWLINE at bracket depth 0, or the end of the file after a statement).
        case newline
        case end
    }

    /// `op` of the walrus operator `:=`, so that it is never taken for a block's colon.
    static let walrus: UInt8 = 0xFF

    var kind: Kind
    var start: Int
    var end: Int
    /// The operator byte for `.op` tokens (`(`, `.`, `;`, `:` …, or `walrus`).
    var op: UInt8 = 0
    /// Column of the first token of the physical line it starts on (tabs to multiples of 8, as CPython).
    var indent: Int = 0
    /// The first token of a logical line (statement, or compound-statement header).
    var firstInLogicalLine = false
}
