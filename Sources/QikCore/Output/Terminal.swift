import Foundation

/// Terminal facts and ANSI styling; `NO_COLOR` (any value) turns colour off, as no-color.org asks.
public struct Terminal: Sendable {
    public let isTTY: Bool
    public let colors: Bool
    public let width: Int

    public init(environment: [String: String], fd: Int32 = STDOUT_FILENO) {
        isTTY = isatty(fd) == 1
        colors = isTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        var size = winsize()
        if isTTY, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else {
            width = Int(environment["COLUMNS"] ?? "") ?? 80
        }
    }

    public enum Style: String, Sendable {
        case cyan = "36", green = "32", red = "31", yellow = "33", dim = "2", bold = "1", blue = "34", boldBlue = "1;34"
    }

    public func paint(_ text: String, _ style: Style) -> String {
        colors ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// A horizontal rule with a left title, truncated with `…` to the width.
    public func rule(_ title: String, style: Style? = nil) -> String {
        let plainWidth = Self.displayWidth(title)
        var text = title
        if plainWidth + 2 > width {
            text = String(title.prefix(max(1, width - 3))) + "…"
        }
        let fill = String(repeating: "─", count: max(0, width - Self.displayWidth(text) - 1))
        let line = "\(text) \(fill)"
        return style.map { paint(line, $0) } ?? line
    }

    /// Rough column count: emoji and wide characters take two columns, variation selectors none.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFE00...0xFE0F, 0x200B...0x200F: continue
            case 0x1F000...0x1FAFF, 0x2600...0x27BF, 0x2B00...0x2BFF, 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3,
                0xF900...0xFAFF, 0xFF00...0xFF60:
                width += 2
            default: width += 1
            }
        }
        return width
    }
}

/// Serialised writes to standard output.
public final class ConsoleOutput: @unchecked Sendable {
    private let lock = NSLock()
    public init() {}

    public func write(_ text: String) {
        lock.withLock {
            var data = Array(text.utf8)
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeMutableBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
                if written <= 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }

    public func line(_ text: String) { write(text + "\n") }
}
