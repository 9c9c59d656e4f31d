@testable import QikGit
import QikTestSupport
import Testing

@Suite("Pathspec")
struct PathspecTests {
    @Test(arguments: [
        ("**.py", "a/b/c.py", true), ("**.py", "c.py", true), ("*.py", "a/b.py", true),
        ("a/**.py", "a/x/y.py", true), ("a/**.py", "b/y.py", false), ("pkg", "pkg/x/y.txt", true),
        ("pkg", "pkgs/x", false), ("pkg/", "pkg/x", true), ("f?.txt", "f1.txt", true), ("f?.txt", "f12.txt", false),
        ("[ab].txt", "b.txt", true), ("[ab].txt", "c.txt", false), ("requirements.txt", "requirements.txt", true),
        ("*", ".hidden/x", true), ("dir with space", "dir with space/f", true),
    ])
    func gitDefaultWildcards(pattern: String, path: String, expected: Bool) throws {
        #expect(try Pathspec([pattern]).matches(path) == expected)
    }

    @Test func emptyMatchesNothingAndAnyPatternSuffices() throws {
        #expect(try !Pathspec([]).matches("a.py"))
        #expect(try Pathspec(["x", "*.py"]).matches("a.py"))
        #expect(Pathspec.everything.matches("deep/path/file"))
    }

    /// The byte matcher (`SimplePattern`) must agree with libgit2 on every pattern it accepts; patterns it does not
    /// accept go to libgit2 anyway, so random ones exercise both sides.
    @Test func simpleMatchingAgreesWithLibgit2() throws {
        var random = SplitMix64(seed: 0x9A7B)
        let pieces = ["a", "b", "/", ".py", "*", "**", "?", " ", "!", "./", "[ab]", "é", "\\*", "x/"]
        let simplePieces = ["a", "b", "/", ".py", "*", "**", "é", "x/"]
        let paths = (0..<300).map { _ in
            (0..<Int.random(in: 1...5, using: &random)).map { _ in ["a", "b", "ab", "a.py", "b.py", "é", "x y", "*", "!a"].randomElement(using: &random)! }
                .joined(separator: "/")
        }
        var simpleShapes = 0
        for round in 0..<600 {
            // Single patterns, then lists, where patterns that cover others (`**.py`, `a/**.py`) are dropped.
            let count = round < 300 ? 1 : Int.random(in: 2...4, using: &random)
            let source = round % 2 == 0 ? pieces : simplePieces
            let patterns = (0..<count).map { _ in
                (0..<Int.random(in: 1...5, using: &random)).map { _ in source.randomElement(using: &random)! }.joined()
            }
            let fast = try Pathspec(patterns)
            let reference = try Pathspec(patterns, simpleMatching: false)
            if patterns.allSatisfy({ SimplePattern($0) != nil }) { simpleShapes += count > 1 ? 1 : 0 }
            for path in paths {
                #expect(fast.matches(path) == reference.matches(path), "patterns \(patterns) path \(path)")
            }
        }
        #expect(simpleShapes > 25, "lists of simple patterns only")
    }

    @Test(arguments: [
        (["django/apps/**.py"], ["django/apps/"]), (["docs/x/", "a/b"], ["docs/", "a/"]), (["**.py"], nil),
        (["a/**.py", "*.txt"], nil), (["!a/b"], nil), (["./a/b"], nil), (["a/[bc]/d"], ["a/"]),
        (["a/b"], ["a/"]), (["top"], nil),
    ] as [([String], [String]?)])
    func directoryPrefixes(patterns: [String], expected: [String]?) {
        #expect(Pathspec.directoryPrefixes(of: patterns) == expected)
    }
}

/// NFC and NFD spellings of a pattern are different byte strings, and git matches bytes: neither the process-wide
/// compilation cache nor the snapshot's per-pattern positions may serve one spelling's answer for the other.
@Suite("Pathspec: Unicode spellings")
struct PathspecSpellingTests {
    static let nfc = "docs/caf\u{E9}/*.md"
    static let nfd = "docs/cafe\u{301}/*.md"

    @Test func compilationCacheKeepsSpellingsApart() throws {
        let nfdPath = "docs/cafe\u{301}/a.md"
        #expect(Self.nfc == Self.nfd, "Swift calls them equal, which is the trap")
        #expect(try !Pathspec([Self.nfc]).matches(nfdPath))
        #expect(try Pathspec([Self.nfd]).matches(nfdPath))
        #expect(try !Pathspec([Self.nfc]).matches(nfdPath), "still apart once both are cached")
    }

    @Test func snapshotPositionsKeepSpellingsApart() throws {
        let fixture = try GitFixture()
        try fixture.write("docs/cafe\u{301}/a.md", "decomposed\n")
        try fixture.write("docs/caf\u{E9}/b.md", "composed\n")
        _ = try fixture.commitAll()
        let subject = try Subject(fixture)
        let composed = try subject.files.trackedFiles(matching: [Self.nfc]).map(\.path)
        let decomposed = try subject.files.trackedFiles(matching: [Self.nfd]).map(\.path)
        #expect(composed.map { Array($0.utf8) } == [Array("docs/caf\u{E9}/b.md".utf8)])
        #expect(decomposed.map { Array($0.utf8) } == [Array("docs/cafe\u{301}/a.md".utf8)])
    }
}
