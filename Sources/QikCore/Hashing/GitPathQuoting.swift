/// Git's C-style path quoting (`quote_c_style` in git's quote.c), as `git ls-files` prints paths without `-z`.
///
/// qik 0.2.10 builds the glob hash from `git ls-files -cms` output, so its bytes contain paths in this form: a path with
/// a control character, `"`, `\` or DEL, or (with the default `core.quotePath=true`) any byte ≥ 0x80, is wrapped in
/// double quotes with C escapes and three-digit octal for the rest. `café.py` enters the hash as `"caf\303\251.py"`.
/// Checked against git 2.39 and qik 0.2.10 (a repository with `my file`, `café.py`, `quo"te`, `new⏎line`, `it's`).
enum GitPathQuoting {
    /// The path exactly as `git ls-files` would print it under `core.quotePath = quotePath`.
    static func quote(_ path: String, quotePath: Bool = true) -> String {
        quote(path, quotePath: { quotePath })
    }

    /// `quotePath` is asked only for a path with a byte ≥ 0x80: reading git's config costs more than quoting.
    static func quote(_ path: String, quotePath setting: () -> Bool) -> String {
        var path = path
        let (special, high) = path.withUTF8 { bytes -> (Bool, Bool) in
            var special = false, high = false
            for byte in bytes {
                if byte >= 0x80 { high = true } else if mustQuote(byte, quotePath: false) { special = true }
            }
            return (special, high)
        }
        if !special && !high { return path }
        let quotePath = high ? setting() : true
        if !special && !quotePath { return path }
        let bytes = path.utf8
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            guard mustQuote(byte, quotePath: quotePath) else {
                out.append(byte)
                continue
            }
            out.append(UInt8(ascii: "\\"))
            if let letter = escapeLetter(byte) {
                out.append(letter)
            } else {
                // `\%03o`: always three octal digits.
                out.append(UInt8(ascii: "0") + (byte >> 6))
                out.append(UInt8(ascii: "0") + ((byte >> 3) & 7))
                out.append(UInt8(ascii: "0") + (byte & 7))
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` can make `quote` change a path under either `core.quotePath` setting.
    static func mayQuote(_ byte: UInt8) -> Bool { mustQuote(byte, quotePath: true) }

    /// git's `cq_must_quote`: control characters, `"`, `\` and DEL always; bytes ≥ 0x80 only under `core.quotePath`.
    private static func mustQuote(_ byte: UInt8, quotePath: Bool) -> Bool {
        switch byte {
        case 0x00..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x7F: true
        case 0x80...: quotePath
        default: false
        }
    }

    /// The named escapes of git's `cq_lookup` table; every other quoted byte is written in octal.
    private static func escapeLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x07: UInt8(ascii: "a")
        case 0x08: UInt8(ascii: "b")
        case 0x09: UInt8(ascii: "t")
        case 0x0A: UInt8(ascii: "n")
        case 0x0B: UInt8(ascii: "v")
        case 0x0C: UInt8(ascii: "f")
        case 0x0D: UInt8(ascii: "r")
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
        default: nil
        }
    }
}
