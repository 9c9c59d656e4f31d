import Foundation

/// Differential-testing harness around the published Python qik 0.2.10 ("the anchor").
///
/// The anchor lives in a venv made by `bench/setup --anchors` (qik==0.2.10 + grimp).
/// Location: `$QIK_PYTHON_VENV`, else `<package root>/bench/.venv`.
///
/// Tests that need it use
/// ```swift
/// @Test(.enabled(if: PythonQik.shouldRun)) func x() throws {
///     let anchor = try PythonQik.required()
/// ```
/// so they are skipped on a machine without the venv, but FAIL when `QIK_REQUIRE_ANCHORS=1`
/// (set by `.ci/run`) and the venv is missing.
public struct PythonQik: Sendable {
    /// The venv root (contains `bin/qik` and `bin/python`).
    public let venv: URL

    public var qikExecutable: URL { venv.appendingPathComponent("bin/qik") }
    public var pythonExecutable: URL { venv.appendingPathComponent("bin/python") }

    public init(venv: URL) {
        self.venv = venv
    }

    // MARK: Locating

    /// `<package root>` derived from this source file's path (Sources/QikTestSupport/PythonQik.swift).
    public static var packageRoot: URL {
        URL(fileURLWithPath: thisFile)
            .deletingLastPathComponent()  // QikTestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// The venv the harness would use, whether or not it exists.
    public static func venvLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["QIK_PYTHON_VENV"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent("bench/.venv")
    }

    /// The anchor if its venv has an executable `bin/qik` and `bin/python`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> PythonQik? {
        let candidate = PythonQik(venv: venvLocation(environment: environment))
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: candidate.qikExecutable.path),
              fm.isExecutableFile(atPath: candidate.pythonExecutable.path)
        else { return nil }
        return candidate
    }

    public static var isAvailable: Bool { locate() != nil }

    /// `QIK_REQUIRE_ANCHORS=1`: a missing anchor is a test failure, not a skip.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["QIK_REQUIRE_ANCHORS"] == "1" }

    /// Use as `.enabled(if: PythonQik.shouldRun)`: run when available, or when required (then fail).
    public static var shouldRun: Bool { isAvailable || isRequired }

    /// The anchor, or an error explaining how to install it.
    public static func required() throws -> PythonQik {
        if let found = locate() { return found }
        throw PythonQikError.missing(venv: venvLocation().path)
    }

    // MARK: Running

    /// Runs Python qik with `arguments` in `directory`. `environment` entries override the
    /// inherited environment (a `nil`-like removal is spelled by passing an empty string).
    public func run(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        try ProcessRunner.run(qikExecutable, arguments, in: directory, environment: environment)
    }

    /// Runs the venv's python with `arguments` (e.g. `["-c", source]`).
    public func runPython(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        try ProcessRunner.run(pythonExecutable, arguments, in: directory, environment: environment)
    }

    /// `qik --ls <extra>`: the printed runnable names, one per line. Throws on a non-zero exit.
    public func ls(
        _ extraArguments: [String] = [],
        in directory: URL,
        environment: [String: String] = [:]
    ) throws -> [String] {
        let result = try run(["--ls"] + extraArguments, in: directory, environment: environment)
        guard result.exitCode == 0 else {
            throw PythonQikError.failed(arguments: ["--ls"] + extraArguments, result: result)
        }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    // MARK: Cache manifests

    /// Every cache manifest (`*.json`) under `<root>/._qik/cache` and `<root>/.qik/cache`,
    /// keyed by path relative to `root` (e.g. `._qik/cache/lint/lint.json`), value = raw JSON text.
    public static func cacheManifests(in root: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        let fm = FileManager.default
        for base in ["._qik/cache", ".qik/cache"] {
            let dir = root.appendingPathComponent(base)
            guard let walker = fm.enumerator(atPath: dir.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".json") {
                let file = dir.appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue else { continue }
                found["\(base)/\(relative)"] = try String(contentsOf: file, encoding: .utf8)
            }
        }
        return found
    }

    /// The `hash` field of a raw manifest JSON text, if present.
    public static func hash(ofManifest json: String) -> String? {
        (try? PythonCacheManifest.decode(json))?.hash
    }

    // MARK: Import graph

    /// The `graph.json` qik 0.2.10's `pygraph.build` would write for `directory`, computed with
    /// grimp from the venv. `packages` defaults to every top-level package in `directory`.
    public func importGraph(
        in directory: URL,
        packages: [String]? = nil,
        ignoreTypeChecking: Bool = false,
        ignorePydists: Bool = false
    ) throws -> PythonImportGraph {
        let raw = try importGraphJSON(
            in: directory, packages: packages,
            ignoreTypeChecking: ignoreTypeChecking, ignorePydists: ignorePydists)
        return try PythonImportGraph.decode(raw)
    }

    /// Same as `importGraph` but the raw compact JSON text.
    public func importGraphJSON(
        in directory: URL,
        packages: [String]? = nil,
        ignoreTypeChecking: Bool = false,
        ignorePydists: Bool = false
    ) throws -> String {
        // One copy of the grimp logic: the benchmark's own script.
        let script = Self.packageRoot.appendingPathComponent("bench/tools/grimp_graph.py").path
        var args = [script]
        for package in packages ?? [] { args += ["--package", package] }
        if ignoreTypeChecking { args.append("--ignore-type-checking") }
        if ignorePydists { args.append("--ignore-pydists") }
        let result = try runPython(args, in: directory)
        guard result.exitCode == 0 else {
            throw PythonQikError.failed(arguments: ["python", script], result: result)
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private let thisFile = #filePath
