import QikPython
import Testing

/// Every statement form of the scanner's contract (docs/pygraph.md), one literal source each.
@Suite struct ImportScannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let forms: [Case] = [
        Case(name: "plain", source: "import a", expected: ["a"]),
        Case(name: "dotted with alias and list", source: "import a.b as c, d", expected: ["a.b", "d"]),
        Case(name: "aliases everywhere", source: "import  foo  as  FOO ,  bar  as  BAR", expected: ["foo", "bar"]),
        Case(name: "from absolute", source: "from a.b import c", expected: ["a.b:c"]),
        Case(name: "from dot", source: "from . import x", expected: [".:x"]),
        Case(name: "from dots parenthesised", source: "from ..a.b import (c, d)", expected: ["..a.b:c,d"]),
        Case(name: "ellipsis token counts three", source: "from ... import x\nfrom ....a import y", expected: ["...:x", "....a:y"]),
        Case(name: "star", source: "from .foo import *", expected: [".foo:*"]),
        Case(name: "multi-line parenthesised with comments", source: """
            from foo import ( # C
                # C
                bar as BAR, # C
                baz,
            ) # C
            import z
            """, expected: ["foo:bar,baz", "z"]),
        Case(name: "backslash continuation", source: "import a, b, \\\n       c\nfrom foo \\\n    import *", expected: ["a", "b", "c", "foo:*"]),
        Case(name: "semicolons", source: "import a; from b import c; from d import (e); from f import *;", expected: ["a", "b:c", "d:e", "f:*"]),
        Case(name: "after other statements on the line", source: "x = 1; import a", expected: ["a"]),
        Case(name: "in function, class, try, with, if", source: """
            def f():
                import a
            class C:
                from b import c
            try:
                import d
            except ImportError:
                import e
            finally:
                import f
            with x:
                import g
            if y:
                    import h
            else:
             import i
            """, expected: ["a", "b:c", "d", "e", "f", "g", "h", "i"]),
        Case(name: "inline block bodies", source: "try: import a\nexcept ImportError: import b\ndef f(): import c\nif x == {1: 2}: import d\nf = lambda: 1; import e\nasync def g(): import h",
             expected: ["a", "b", "c", "d", "e", "h"]),
        Case(name: "walrus is not a block colon", source: "if (n := 3): import a", expected: ["a"]),
        Case(name: "TYPE_CHECKING block", source: """
            import foo
            if TYPE_CHECKING:
                import bar
                def f():
                    from baz import q
            import after
            """, expected: ["foo", "bar tc", "baz:q tc", "after"]),
        Case(name: "typing.TYPE_CHECKING and inline", source: "if typing.TYPE_CHECKING: import bar; import bar2\nimport baz\nif  t.x.TYPE_CHECKING :  import q",
             expected: ["bar tc", "bar2 tc", "baz", "q tc"]),
        Case(name: "TYPE_CHECKING else branch is runtime", source: "if TYPE_CHECKING:\n    import a\nelse:\n    import b\n", expected: ["a tc", "b"]),
        Case(name: "nested TYPE_CHECKING block inside function", source: "def f():\n    if TYPE_CHECKING:\n\n        # c\n        import a\n    import b\nimport c",
             expected: ["a tc", "b", "c"]),
        Case(name: "not TYPE_CHECKING", source: "if not TYPE_CHECKING:\n    import a\nif TYPE_CHECKING or x:\n    import b", expected: ["a", "b"]),
        Case(name: "TYPE_CHECKING with docstring inside", source: "if TYPE_CHECKING:\n    \"\"\"\n    doc\n    \"\"\"\n    import bar\nimport baz", expected: ["bar tc", "baz"]),
        Case(name: "comments", source: "import foo\n# import bar\nimport baz # import q", expected: ["foo", "baz"]),
        Case(name: "strings", source: """
            s = "import a"; t = 'from b import c'
            u = \"\"\"
            import d
            \"\"\"
            v = '''
            import e'''
            w = r"import \\" f"; x = b'import g'; y = rb"\\"import h"
            import ok
            """, expected: ["ok"]),
        Case(name: "docstrings", source: "def f():\n    \"\"\"import a\n    from b import c\n    \"\"\"\n    import d", expected: ["d"]),
        Case(name: "f-strings with nested quotes and f-strings", source: """
            a = f"{x["import q"]} {f'{y}'} {{import r}} {z:>{w}} {u!r}"
            b = f'''{
                "import s" # comment
            }'''
            c = rf"\\{x}" ; d = F"{'}'}"
            e = f"{a!=b}" ; g = t"{x}"
            import ok
            """, expected: ["ok"]),
        Case(name: "string with comment-like and triple-quote-like content", source: "import foo\nx = 42 # \"\"\"\nimport bar\nprint('\"\"\"')\nimport baz",
             expected: ["foo", "bar", "baz"]),
        Case(name: "BOM and coding declaration", source: "\u{FEFF}# -*- coding: latin-1 -*-\nimport a", expected: ["a"]),
        Case(name: "tabs", source: "if TYPE_CHECKING:\n\timport a\n        import b\nimport c", expected: ["a tc", "b tc", "c"]),
        Case(name: "CRLF and lone CR", source: "import a\r\nif TYPE_CHECKING:\r    import b\rimport c\r\n", expected: ["a", "b tc", "c"]),
        Case(name: "python 2 syntax", source: "print 'import x'\nprint >>sys.stderr, `y`\nexec \"import z\"\nimport a\nexec code in ns\nfrom b import c",
             expected: ["a", "b:c"]),
        Case(name: "unicode identifiers", source: "import café.naïve as x", expected: ["café.naïve"]),
        Case(name: "yield from and raise from are not imports", source: "def g():\n    yield from x\n    raise E from e\nimport a", expected: ["a"]),
        Case(name: "soft keywords", source: "match x:\n    case 1: import a\ntype X = int\nimport b", expected: ["a", "b"]),
    ]

    @Test(arguments: forms)
    func scansForm(_ c: Case) {
        #expect(describe(c.source) == c.expected)
    }

    @Test func reportsLineNumbersOfStatementStart() {
        let source = "\nimport a\nfrom b import (\n  c)\nif TYPE_CHECKING:\n    from f import *\n\"\"\"\n\n\"\"\"; import g"
        let result = ImportScanner().scan(source)
        #expect(result.imports.map(\.line) == [2, 3, 6, 9])
        #expect(result.problems.isEmpty)
    }

    @Test func fromImportFieldsAreSeparate() {
        let imp = ImportScanner().scan("from ..a.b import (c as C, d)").imports
        #expect(imp == [PythonImport(module: "a.b", level: 2, names: ["c", "d"], line: 1, isFrom: true)])
        #expect(imp[0].importedObjects == ["..a.b.c", "..a.b.d"])
    }

    @Test func unterminatedTripleQuotedStringIsAProblem() {
        let result = ImportScanner().scan("import a\nx = 1\ns = '''\nimport b\n", file: "m.py")
        #expect(result.imports.map(\.module) == ["a"])
        #expect(result.problems == [ScanProblem(file: "m.py", line: 3, message: "unterminated triple-quoted string literal")])
    }

    @Test func unterminatedStringEndsAtLineAndScanGoesOn() {
        let result = ImportScanner().scan("s = 'oops\nimport a\n", file: "m.py")
        #expect(result.imports.map(\.module) == ["a"])
        #expect(result.problems.map(\.line) == [1])
    }

    @Test func unclosedBracketRecoversAtNextImport() {
        let result = ImportScanner().scan("x = foo(\nimport a\nfrom b import c\n")
        #expect(result.imports.map(describe) == ["a", "b:c"])
        #expect(result.problems.map(\.message) == ["unclosed bracket"])
    }

    @Test func malformedImportIsAProblem() {
        let result = ImportScanner().scan("import\nfrom a import\nimport ok")
        #expect(result.imports.map(describe) == ["ok"])
        #expect(result.problems.map(\.line) == [1, 2])
    }
}
