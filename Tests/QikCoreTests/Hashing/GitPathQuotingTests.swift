import Testing
@testable import QikCore

@Suite("git ls-files path quoting")
struct GitPathQuotingTests {
    @Test("paths as git 2.39 prints them with core.quotePath=true", arguments: [
        ("my_file", "my_file"),
        ("my file", "my file"),
        ("it's", "it's"),
        ("caf\u{E9}.py", #""caf\303\251.py""#),
        ("quo\"te", #""quo\"te""#),
        ("new\nline", #""new\nline""#),
        ("back\\slash", #""back\\slash""#),
        ("tab\there", #""tab\there""#),
        ("\u{07}\u{08}\u{0B}\u{0C}\r", #""\a\b\v\f\r""#),
        ("ctrl\u{01}del\u{7F}", #""ctrl\001del\177""#),
    ])
    func quotedPaths(path: String, expected: String) {
        #expect(GitPathQuoting.quote(path) == expected)
    }

    @Test("core.quotePath=false leaves non-ASCII alone but still quotes control characters")
    func quotePathOff() {
        #expect(GitPathQuoting.quote("caf\u{E9}.py", quotePath: false) == "caf\u{E9}.py")
        #expect(GitPathQuoting.quote("caf\u{E9}\n", quotePath: false) == "\"caf\u{E9}\\n\"")
    }
}
