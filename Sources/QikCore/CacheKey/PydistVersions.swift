import Foundation

/// Versions of Python distributions for `pydist` deps (§8.3), read from `*.dist-info` directory names of the
/// active virtual environment, then `[pydist.versions]`, then `ignore-missing`.
///
/// The active environment is `$VIRTUAL_ENV`, else `<root>/.venv`; qik never runs Python to find it.
struct PydistVersions: Sendable {
    let overrides: [String: String]
    let ignoreMissing: Bool
    let installed: [String: String]

    init(config: ProjectConfig, environment: [String: String]) {
        overrides = Dictionary(config.pydist.versions.map { (Self.normalize($0.key), $0.value) }) { a, _ in a }
        ignoreMissing = config.pydist.ignoreMissing
        let venv = environment["VIRTUAL_ENV"] ?? config.root + "/.venv"
        installed = Self.scan(venv: venv)
    }

    func version(of name: String, space: String) throws -> String {
        let key = Self.normalize(name)
        if let version = installed[key] ?? overrides[key] { return version }
        if ignoreMissing { return "" }
        throw QikError(
            "pydist1", "Distribution \"\(name)\" not found in active virtual environment.",
            hint: "Install it, or set [pydist] versions or ignore-missing in qik.toml.")
    }

    /// PEP 503 normalisation with `_` as the separator, as 0.2.10 compares names.
    static func normalize(_ name: String) -> String {
        var out = ""
        var pendingSeparator = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                pendingSeparator = true
            } else {
                if pendingSeparator, !out.isEmpty { out += "_" }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func scan(venv: String) -> [String: String] {
        let fm = FileManager.default
        guard let libs = try? fm.contentsOfDirectory(atPath: venv + "/lib") else { return [:] }
        var versions: [String: String] = [:]
        for lib in libs where lib.hasPrefix("python") {
            let site = "\(venv)/lib/\(lib)/site-packages"
            for entry in (try? fm.contentsOfDirectory(atPath: site)) ?? [] where entry.hasSuffix(".dist-info") {
                let stem = entry.dropLast(".dist-info".count)
                guard let dash = stem.firstIndex(of: "-") else { continue }
                versions[normalize(String(stem[..<dash]))] = String(stem[stem.index(after: dash)...])
            }
        }
        return versions
    }
}
