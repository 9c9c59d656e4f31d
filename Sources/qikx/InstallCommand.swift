import Foundation
import QikCore

/// `qikx -i`: replaces the process with `qik <plugin>.install` (0.2.10 ran the literal `qik uv.install`, which
/// fails when the uv plugin has another name). The `qik` next to `qikx` is preferred over the one on PATH, so a
/// build tree's `qikx` never runs an installed `qik` of another version.
struct InstallCommand {
    let command: String

    init?(config: ProjectConfig) {
        guard let plugin = config.plugins.first(where: { if case .uv = $0.kind { true } else { false } }) else { return nil }
        command = plugin.name + ".install"
    }

    func exec() -> Never {
        let sibling = ((Self.executablePath() as NSString).deletingLastPathComponent as NSString).appendingPathComponent("qik")
        let qik = FileManager.default.isExecutableFile(atPath: sibling) ? sibling : "qik"
        let words: [String] = [qik, command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        execvp(qik, argv)
        fail(QikError("exec0", "Could not run \"qik\": \(String(cString: strerror(errno))).", hint: "Check that it is on PATH."))
    }

    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
