import Foundation

/// Versions of Python distributions for `pydist` deps (§8.3), read from `*.dist-info` directory names of the
/// runnable's venv, then `[pydist.versions]`, then the venv's lock pins, then `ignore-missing`.
///
/// Names are compared PEP 503-normalised (`DistributionName`, the rule `qik watch` uses too).
/// The active environment is `$VIRTUAL_ENV`, else `<root>/.venv`; a uv space's venv is `._qik/venv/<name>`, read
/// again whenever its site-packages or lock file changes (`uv.install` fills it during the run). qik never runs
/// Python to find them. Reading an environment is QikPython's job (`DistributionProviding`); without a provider
/// only `[pydist]` is known.
struct PydistVersions: Sendable {
    let overrides: [String: String]
    let ignoreMissing: Bool
    let ignored: Set<String>
    /// The active venv's installed distributions, then lock files (QikPython's `DistributionScanner`, injected).
    var catalog: DistributionCatalog { active.catalog }
    /// Read on first use: most projects have no `pydist` deps, and a cached run should not list the venv and the
    /// project's lock files for nothing.
    private var active: NormalizedCatalog { activeCatalog.value }
    private let activeCatalog: LazyCatalog
    private let uvVenvs: UVVenvCatalogs

    init(config: ProjectConfig, environment: [String: String], provider: (any DistributionProviding)?) {
        overrides = Dictionary(config.pydist.versions.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
        ignoreMissing = config.pydist.ignoreMissing
        ignored = Set(config.pydist.ignore.map(DistributionName.normalize))
        let venv = environment["VIRTUAL_ENV"] ?? config.root + "/.venv"
        let root = config.root
        activeCatalog = LazyCatalog { NormalizedCatalog(provider?.catalog(venv: venv, projectRoot: root) ?? DistributionCatalog()) }
        uvVenvs = UVVenvCatalogs(root: config.root, provider: provider)
    }

    /// Installed and locked distributions of a runnable's venv (nil: the active venv).
    func catalog(for venv: UVVenv?) -> DistributionCatalog {
        venv.map { uvVenvs.catalog(of: $0).catalog } ?? catalog
    }

    /// Installed version, else `[pydist.versions]`, else a lock pin, else `""` when ignored or `ignore-missing`,
    /// else `pydist1`.
    func version(of name: String, venv: UVVenv?) throws -> String {
        let key = DistributionName.normalize(name)
        if ignored.contains(key) { return "" }
        let known = venv.map { uvVenvs.catalog(of: $0) } ?? active
        if let version = known.installed[key] ?? overrides[key] ?? known.locked[key] { return version }
        if ignoreMissing { return "" }
        let place = venv.map { "\"\($0.name)\" space" } ?? "active virtual environment"
        throw QikError(
            "pydist1", "Distribution \"\(name)\" not found in \(place).",
            hint: "Install it, or set [pydist] versions, ignore or ignore-missing in qik.toml.")
    }
}

/// A catalog built by the first thread that asks for it.
final class LazyCatalog: @unchecked Sendable {
    private let lock = NSLock()
    private let build: @Sendable () -> NormalizedCatalog
    private var built: NormalizedCatalog?

    init(_ build: @escaping @Sendable () -> NormalizedCatalog) { self.build = build }

    var value: NormalizedCatalog {
        lock.withLock {
            if let built { return built }
            let fresh = build()
            built = fresh
            return fresh
        }
    }
}

/// A catalog with names normalised for lookups.
struct NormalizedCatalog: Sendable {
    let catalog: DistributionCatalog
    let installed: [String: String]
    let locked: [String: String]

    init(_ catalog: DistributionCatalog) {
        self.catalog = catalog
        installed = Dictionary(catalog.installed.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
        locked = Dictionary(catalog.locked.map { (DistributionName.normalize($0.key), $0.value) }) { a, _ in a }
    }
}

/// Catalogs of uv venvs, rebuilt when a venv's site-packages listing or lock file changes: `uv.install` creates
/// the venv in the middle of a run, after which the space's runnables hash what it installed.
final class UVVenvCatalogs: @unchecked Sendable {
    private let root: String
    private let provider: (any DistributionProviding)?
    private let lock = NSLock()
    private var entries: [String: (stamp: String, catalog: NormalizedCatalog)] = [:]

    init(root: String, provider: (any DistributionProviding)?) {
        self.root = root
        self.provider = provider
    }

    func catalog(of venv: UVVenv) -> NormalizedCatalog {
        let directory = root + "/" + venv.directory
        let lockFile = root + "/" + venv.lock
        let stamp = Self.stamp(venv: directory, lockFile: lockFile)
        if let entry = lock.withLock({ entries[venv.name] }), entry.stamp == stamp { return entry.catalog }
        var catalog = DistributionCatalog()
        if let provider {
            // The venv directory holds no project lock files: only its own lock pins count.
            catalog = provider.catalog(venv: directory, projectRoot: directory)
            catalog.locked = provider.pins(lockFile: lockFile)
        }
        let normalized = NormalizedCatalog(catalog)
        lock.withLock { entries[venv.name] = (stamp, normalized) }
        return normalized
    }

    /// Names in `lib/python*/site-packages` plus the lock file's size and modification time.
    private static func stamp(venv: String, lockFile: String) -> String {
        let fm = FileManager.default
        var parts: [String] = []
        for lib in ((try? fm.contentsOfDirectory(atPath: venv + "/lib")) ?? []).sorted() where lib.hasPrefix("python") {
            parts += ((try? fm.contentsOfDirectory(atPath: "\(venv)/lib/\(lib)/site-packages")) ?? []).sorted()
        }
        if let attributes = try? fm.attributesOfItem(atPath: lockFile) {
            parts.append("\(attributes[.size] ?? 0)@\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        return parts.joined(separator: "\n")
    }
}
