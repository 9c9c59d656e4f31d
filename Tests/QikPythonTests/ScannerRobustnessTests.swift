import Foundation
import QikPython
import QikTestSupport
import Testing

/// The scanner must never trap or hang, whatever the bytes. (No time limits here: a hang stops the run, and the
/// scanner's speed is measured by `bench/run pygraph-*`.)
@Suite struct ScannerRobustnessTests {
    static let alphabet = Array("import from as . , ( ) [ ] { } : ; \\ \n \r \t # ' \" f r b x TYPE_CHECKING if = é".utf8)

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 42)
        for round in 0..<300 {
            let count = Int.random(in: 0..<4096, using: &rng)
            let bytes: [UInt8] = round.isMultiple(of: 2)
                ? (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : (0..<count).map { _ in Self.alphabet.randomElement(using: &rng)! }
            _ = ImportScanner().scan(bytes)
        }
    }

    @Test func everyTruncationOfARealisticFile() {
        let source = Array("""
            \u{FEFF}\"\"\"Doc.\"\"\"
            from __future__ import annotations
            import os, sys as system
            from .x import (a,
                b as c)  # comment
            if TYPE_CHECKING:
                from typing import Any
            s = f"{x!r:>{width}} {'q'}" + r'\\' + b'''z'''
            def f(): import json; return `x`
            """.utf8)
        for end in 0...source.count {
            let result = ImportScanner().scan(Array(source[..<end]))
            #expect(result.imports.count <= 6)
        }
    }

    @Test func oneMegabyteSingleLine() {
        var line = [UInt8]()
        while line.count < 1_000_000 { line += Array("x = foo(a, 'b', f\"{c}\") ; ".utf8) }
        line += Array("import tail".utf8)
        let result = ImportScanner().scan(line)
        #expect(result.imports.map(\.module) == ["tail"])
    }

    @Test func tenThousandNestedBrackets() {
        let deep = Array(String(repeating: "(", count: 10_000).utf8) + [UInt8(ascii: "1")] + Array(String(repeating: ")", count: 10_000).utf8)
        let unclosed = Array(String(repeating: "[", count: 10_000).utf8)
        let fstrings = Array(String(repeating: "f'{", count: 10_000).utf8)
        for bytes in [deep + Array("\nimport a".utf8), unclosed + Array("\nimport a".utf8), fstrings + Array("\nimport a".utf8)] {
            let result = ImportScanner().scan(bytes)
            #expect(result.imports.map(\.module) == ["a"])
        }
    }
}
