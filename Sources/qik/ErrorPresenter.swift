import Foundation
import QikCore

/// Turns a `QikError` into one line on standard error and an exit code: 1 for user errors (as 0.2.10), 70 for bugs.
enum ErrorPresenter {
    static func render(_ error: QikError, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let terminal = Terminal(environment: environment, fd: STDERR_FILENO)
        var text = "\(Glyph.failure) \(error.code): "
        if let location = error.location { text += "\(location): " }
        text += error.message
        if let hint = error.hint { text += " \(hint)" }
        if error.fault == .bug { text += " This is a bug in qik: please report it." }
        text += " See \(error.docsURL)"
        return terminal.paint(text, .red)
    }

    static func exit(with error: QikError) -> Never {
        FileHandle.standardError.write(Data((render(error) + "\n").utf8))
        Foundation.exit(error.fault == .bug ? 70 : 1)
    }
}
