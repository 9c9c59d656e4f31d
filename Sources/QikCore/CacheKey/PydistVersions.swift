import Foundation

/// Versions of Python distributions for `pydist` deps (§8.3), read from `*.dist-info` directory names of the
/// active virtual environment, then `[pydist.versions]`, then `ignore-missing`.
///
/// Names are compared PEP 503-normalised (`DistributionName`, the rule `qik watch` uses too).
/// The active environment is `$VIRTUAL_ENV`, else `<root>/.venv`; qik never runs Python to find it. Reading the
/// environment is QikPython's job (`DistributionProviding`); without a provider only `[pydist]` is known.
struct PydistVersions: Sendable {
    let overrides: [String: String]
    let ignoreMissing: Bool
    let ignored: Set<String>
    /// Installed distributions, then lock files (QikPython's `DistributionScanner`, injected).
    let catalog: DistributionCatalog
    private let installed: [String: String]
    private let locked: [String: String]

    init(config: ProjectConfig, environment: [String: String], provider: (any DistributionProviding)?) {
        overrides = Dictionary(config.pydist.versions.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
        ignoreMissing = config.pydist.ignoreMissing
        ignored = Set(config.pydist.ignore.map(DistributionName.normalize))
        let venv = environment["VIRTUAL_ENV"] ?? config.root + "/.venv"
        catalog = provider?.catalog(venv: venv, projectRoot: config.root) ?? DistributionCatalog()
        installed = Dictionary(catalog.installed.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
        locked = Dictionary(catalog.locked.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
    }

    /// Installed version, else `[pydist.versions]`, else a lock file's pin, else `""` when ignored or
    /// `ignore-missing`, else `pydist1`.
    func version(of name: String, space: String) throws -> String {
        let key = DistributionName.normalize(name)
        if ignored.contains(key) { return "" }
        if let version = installed[key] ?? overrides[key] ?? locked[key] { return version }
        if ignoreMissing { return "" }
        throw QikError(
            "pydist1", "Distribution \"\(name)\" not found in active virtual environment.",
            hint: "Install it, or set [pydist] versions, ignore or ignore-missing in qik.toml.")
    }
}
