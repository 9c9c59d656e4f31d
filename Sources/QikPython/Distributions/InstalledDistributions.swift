import Foundation

/// Distributions installed in a virtual environment, read from `*.dist-info` metadata without running Python
/// (behaviour spec §8.3): name and version from `METADATA`, top-level modules from `top_level.txt`, else inferred
/// from `RECORD` as `importlib.metadata.packages_distributions` does.
public struct InstalledDistribution: Sendable, Hashable {
    /// As the metadata spells it (`PyYAML`).
    public var name: String
    public var version: String
    /// Top-level importable names it provides.
    public var topLevel: [String]
}

public enum InstalledDistributions {
    /// `site-packages` directories of a venv (`lib/python*/site-packages`, `Lib/site-packages`).
    public static func sitePackages(venv: String) -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        for lib in ((try? fm.contentsOfDirectory(atPath: venv + "/lib")) ?? []).sorted() where lib.hasPrefix("python") {
            result.append("\(venv)/lib/\(lib)/site-packages")
        }
        if fm.fileExists(atPath: venv + "/Lib/site-packages") { result.append(venv + "/Lib/site-packages") }
        return result
    }

    public static func scan(venv: String) -> [InstalledDistribution] {
        sitePackages(venv: venv).flatMap(scan(sitePackages:))
    }

    /// Every `*.dist-info` directory of one site-packages directory, in name order.
    public static func scan(sitePackages: String) -> [InstalledDistribution] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: sitePackages)) ?? []).sorted()
        return entries.compactMap { entry -> InstalledDistribution? in
            guard entry.hasSuffix(".dist-info") else { return nil }
            return read(distInfo: sitePackages + "/" + entry)
        }
    }

    static func read(distInfo directory: String) -> InstalledDistribution? {
        let stem = ((directory as NSString).lastPathComponent as NSString).deletingPathExtension
        var name: String?
        var version: String?
        if let metadata = text(directory + "/METADATA") {
            for line in metadata.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.isEmpty || line == "\r" { break }
                if line.hasPrefix("Name:"), name == nil { name = line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines) }
                if line.hasPrefix("Version:"), version == nil { version = line.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines) }
            }
        }
        if name == nil || version == nil {
            guard let dash = stem.firstIndex(of: "-") else { return nil }
            name = name ?? String(stem[..<dash])
            version = version ?? String(stem[stem.index(after: dash)...])
        }
        guard let name, let version else { return nil }
        var topLevel: [String] = []
        if let declared = text(directory + "/top_level.txt") {
            topLevel = declared.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        if topLevel.isEmpty, let record = text(directory + "/RECORD") {
            topLevel = inferTopLevel(record: record)
        }
        return InstalledDistribution(name: name, version: version, topLevel: topLevel)
    }

    /// `importlib.metadata._top_level_inferred`: the first component of each RECORD path (the module name for a
    /// top-level file), without names containing a dot.
    static func inferTopLevel(record: String) -> [String] {
        var names = Set<String>()
        for line in record.split(whereSeparator: \.isNewline) {
            var path = Substring(line)
            if path.hasPrefix("\"") {
                path = path.dropFirst().prefix { $0 != "\"" }
            } else if let comma = path.firstIndex(of: ",") {
                path = path[..<comma]
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            guard let first = parts.first else { continue }
            let name: String
            if parts.count > 1 {
                name = String(first)
            } else {
                name = moduleName(String(first)) ?? String(first)
            }
            if !name.contains(".") { names.insert(name) }
        }
        return names.sorted()
    }

    /// `inspect.getmodulename`: the name without a module suffix (`.py`, `.pyc`, extension-module suffixes).
    static func moduleName(_ file: String) -> String? {
        for suffix in [".py", ".pyc", ".pyw", ".so", ".pyd"] where file.hasSuffix(suffix) {
            var stem = String(file.dropLast(suffix.count))
            // `name.cpython-312-x86_64-linux-gnu.so`, `name.abi3.so`
            if suffix == ".so" || suffix == ".pyd", let dot = stem.firstIndex(of: ".") { stem = String(stem[..<dot]) }
            return stem
        }
        return nil
    }

    public static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
