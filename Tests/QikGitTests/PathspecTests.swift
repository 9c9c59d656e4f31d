@testable import QikGit
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

    /// Patterns matched without libgit2 (`SimplePattern`) give libgit2's answer for every path.
    @Test func simplePatternsAgreeWithLibgit2() throws {
        let pieces = ["", "a", "a/", "ab", "a/b", "pkg", "pkg/", ".py", "/x.py", "x.py", "a.b", "-_", "b/"]
        let stars = ["", "*", "**", "***"]
        let paths = ["a", "ab", "a/b", "a/b/c", "a/b.py", "a.b", "ab/x.py", "pkg", "pkg/x.py", "pkg/a/x.py", "pkgs/x.py",
                     "x.py", "a/x.py/y", "b/a/x.py", "pkg/.py", "a/b/c.py", "-_/x.py", ".py", "a*b", "a/**.py"]
        var checked = 0
        for left in pieces {
            for star in stars {
                for right in pieces where !(star.isEmpty && !right.isEmpty) {
                    let pattern = left + star + right
                    guard !pattern.isEmpty, SimplePattern(pattern) != nil else { continue }
                    let spec = try Pathspec([pattern])
                    for path in paths {
                        #expect(spec.matches(path) == spec.matchesThroughLibgit2(path), "\(pattern) vs \(path)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 1_000)
        for unsupported in ["a?", "[ab]", "!a", ":(glob)a", "a/*/b*", "/a", "a/", "./a", "a//b", "a/../b", "é*"] {
            #expect(SimplePattern(unsupported) == nil, "\(unsupported)")
        }
    }

    @Test func emptyMatchesNothingAndAnyPatternSuffices() throws {
        #expect(try !Pathspec([]).matches("a.py"))
        #expect(try Pathspec(["x", "*.py"]).matches("a.py"))
        #expect(Pathspec.everything.matches("deep/path/file"))
    }
}
