import Foundation
import QikTestSupport
import Testing

@testable import QikCore

/// Deterministic mutation fuzzing of the parser entry point: byte flips, insertions of TOML punctuation and
/// truncations of a representative `qik.toml`. Each mutant must parse or fail with a syntax error — a toml++
/// assertion would abort the test process.
/// Knobs for longer runs: `FUZZ_SEED`, `FUZZ_ITERATIONS` (default 4000) and `FUZZ_DUMP=<file>` (each mutant is written
/// there before it is parsed, so after a crash the file holds the culprit).
@Suite("TOML parser fuzz")
struct ConfigFuzzTests {
    static let seedDocument = #"""
        ctx = ["a", {name = "n", type = "int", default = 3}]
        [plugins]
        pygraph = "qik.pygraph"
        [[hooks.x]]
        [commands.lint]
        exec = """ruff {module.dir} \
          --fix"""
        deps = ["*.py", {type = "command", name = 'gen', strict = true}, 0x1F, -3.5e2, inf]
        [spaces."a.b"]
        modules = [ "x" , {name = "y", path = "z/"} ]
        # comment
        [a."b c".'d']
        e.f = 0o17
        g = [0b101, +1_000, 6.02e+23, -0.0, nan, true, false]
        h = "\u00e9\U0001F600\t\\"
        i = 'C:\path'
        j = { k = { l = [ [], [[]], {} ] } }
        [[arr]]
        m = '''
        multi ''line'' '''
        """#

    static let punctuation: [UInt8] = Array("[]{}=.,\"'#\n \t\\:-+_0aZ".utf8) + [0xC3, 0xE2, 0x80, 0xFF]

    @Test func mutantsNeverCrash() {
        var rng = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 0x5EED)
        let seed = Array(Self.seedDocument.utf8)
        var parsed = 0
        var rejected = 0
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 4_000) {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0..<max(bytes.count, 1), using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where !bytes.isEmpty: bytes[position] = Self.punctuation.randomElement(using: &rng)!
                case 1: bytes.insert(Self.punctuation.randomElement(using: &rng)!, at: position)
                case 2 where !bytes.isEmpty: bytes.remove(at: position)
                default: bytes = Array(bytes.prefix(position))
                }
            }
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            if let dump = ProcessInfo.processInfo.environment["FUZZ_DUMP"] {
                try? text.write(toFile: dump, atomically: false, encoding: .utf8)
            }
            do {
                let tree = try TOMLNode.parse(text)
                parsed += 1
                // Decode too, and place any schema error: the key locator must survive every mutant.
                var config = ProjectConfig(root: "/", file: "/qik.toml")
                do {
                    _ = try ConfigDecoder.decodeRoot(tree, into: &config)
                } catch {
                    let located = ConfigLoader.schemaFailure(error, text: text, prefix: [], displayName: "qik.toml")
                    #expect(located.code.hasPrefix("conf"))
                }
            } catch {
                rejected += 1
            }
        }
        #expect(parsed + rejected > 3_000)
        #expect(rejected > 0)
    }
}
