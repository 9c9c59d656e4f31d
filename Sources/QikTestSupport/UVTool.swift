import Foundation

/// The `uv` that `bench/setup --anchors` installs next to the Python anchor (`bench/.venv/bin/uv`), and whether
/// PyPI answers: tests that lock or install venvs resolve a real package.
///
/// Use `.enabled(if: UVTool.shouldRun, Comment(rawValue: UVTool.skipReason))`: with `QIK_REQUIRE_ANCHORS=1` (CI) a missing `uv` is a
/// failure, not a skip; an unreachable PyPI always skips, with that reason.
public enum UVTool {
    public static var binDirectory: String { PythonQik.venvLocation().appendingPathComponent("bin").path }
    public static var executable: String { binDirectory + "/uv" }
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Environment entries that put `uv` (and the anchor's `qik`) first on PATH.
    public static var environment: [String: String] {
        ["PATH": binDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// Asked once per test process: one HTTPS request to PyPI's simple index, through the anchor's Python.
    public static let pypiIsReachable: Bool = {
        guard let python = PythonQik.locate() else { return false }
        let probe = "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/six/', timeout=15).read(1)"
        let result = try? python.runPython(["-c", probe], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        return result?.exitCode == 0
    }()

    /// Run when uv is installed (or required, then fail on its absence) and PyPI answers.
    public static var shouldRun: Bool { (isInstalled || PythonQik.isRequired) && pypiIsReachable }

    public static var skipReason: String {
        isInstalled || PythonQik.isRequired
            ? "PyPI (https://pypi.org) is unreachable: uv cannot lock or install, so this test is skipped."
            : "uv is not installed in \(binDirectory): run bench/setup --anchors."
    }

    /// Throws when `uv` is missing (reached only when it is required).
    public static func required() throws {
        if !isInstalled { throw PythonQikError.missing(venv: PythonQik.venvLocation().path) }
    }
}
