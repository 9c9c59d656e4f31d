import Testing
@testable import QikCore

@Suite("H and HS (spec §4)")
struct QikHashTests {
    @Test("H of the empty string, which is also HS of nothing")
    func emptyInput() {
        #expect(QikHash.hash("") == "99aa06d3014798d86001c324468d497f")
        #expect(QikHash.hashSorted([String]()) == QikHash.empty)
        #expect(QikHash.empty == "99aa06d3014798d86001c324468d497f")
    }

    @Test("HS vectors from qik's own tests", arguments: [
        (["str1"], "b1c699cb2c59f52c4cb89ca551547bb4"),
        (["str1", "str2"], "244ffb46948d48baf3c76226c4344018"),
        (["str2", "str1"], "244ffb46948d48baf3c76226c4344018"),
    ])
    func sortedVectors(strings: [String], expected: String) {
        #expect(QikHash.hashSorted(strings) == expected)
    }

    @Test("HS is H of the sorted concatenation, duplicates kept")
    func sortedIsConcatenation() {
        #expect(QikHash.hashSorted(["b", "a", "b"]) == QikHash.hash("abb"))
    }

    /// Swift's `String.<` orders by canonical equivalence (NFC), Python by raw code points; HS must follow Python.
    @Test("sorting follows Python's code-point order, not Swift's String order")
    func codePointOrder() {
        let angstromSign = "\u{212B}", eth = "\u{D0}"
        // Given strings Swift and Python order differently,
        #expect(angstromSign < eth)  // Swift compares the NFC form, U+00C5.
        // when HS sorts them, then it uses code points like Python: U+00D0 before U+212B.
        #expect(QikHash.hashSorted([angstromSign, eth]) == QikHash.hash(eth + angstromSign))

        // Canonically equivalent strings are equal to Swift but distinct and ordered to Python.
        let decomposed = "e\u{301}", precomposed = "\u{E9}"
        #expect(decomposed == precomposed)
        #expect(QikHash.precedes(decomposed, precomposed))
        #expect(QikHash.hashSorted([precomposed, decomposed]) == QikHash.hash(decomposed + precomposed))
    }

    @Test("code-point order and UTF-8 byte order agree across planes")
    func byteOrderIsCodePointOrder() {
        // U+FFFD sorts before U+1F600 by code point; UTF-16 code-unit order (U+D83D…) would say the opposite.
        #expect(QikHash.precedes("\u{FFFD}", "\u{1F600}"))
        #expect(QikHash.precedes("a", "ab"))
        #expect(!QikHash.precedes("ab", "ab"))
    }
}
