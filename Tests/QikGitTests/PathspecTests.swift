import QikGit
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
}
