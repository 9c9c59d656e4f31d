import Foundation

/// Distribution versions pinned by a project's lock files, for environments that are not installed (CI jobs that
/// only compute cache keys): `requirements*.txt` (`name==version`), `uv.lock` and `poetry.lock` (`[[package]]`),
/// `pylock.toml` (`[[packages]]`). Names are returned as written.
public enum LockFileVersions {
    /// Every lock file in `root`, in the order `requirements*.txt`, `pylock.toml`, `uv.lock`, `poetry.lock`; the
    /// first pin of a name wins.
    public static func read(projectRoot root: String) -> [String: String] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        var result: [String: String] = [:]
        func merge(_ pins: [(String, String)]) { for (name, version) in pins where result[name] == nil { result[name] = version } }
        for entry in entries where entry.hasPrefix("requirements") && entry.hasSuffix(".txt") {
            if let text = InstalledDistributions.text(root + "/" + entry) { merge(requirements(text)) }
        }
        for (file, header) in [("pylock.toml", "[[packages]]"), ("uv.lock", "[[package]]"), ("poetry.lock", "[[package]]")] {
            if let text = InstalledDistributions.text(root + "/" + file) { merge(tomlPackages(text, header: header)) }
        }
        return result
    }

    /// `name==version` lines (extras and markers allowed); options, comments, URLs and ranges are skipped.
    public static func requirements(_ text: String) -> [(String, String)] {
        var pins: [(String, String)] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = Substring(raw)
            if let hash = line.range(of: " #") ?? line.range(of: "\t#") { line = line[..<hash.lowerBound] }
            if let marker = line.firstIndex(of: ";") { line = line[..<marker] }
            line = Substring(line.trimmingCharacters(in: .whitespaces))
            if line.hasSuffix("\\") { line = Substring(line.dropLast().trimmingCharacters(in: .whitespaces)) }
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("-"),
                  let range = line.range(of: "==") else { continue }
            var name = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
            var version = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if let space = version.firstIndex(where: { $0 == " " || $0 == "," }) { version = String(version[..<space]) }
            if version.hasPrefix("=") { version.removeFirst() }  // `===`
            guard !name.isEmpty, !version.isEmpty else { continue }
            pins.append((name, version))
        }
        return pins
    }

    /// `name = "…"` / `version = "…"` at the top level of each `header` table.
    public static func tomlPackages(_ text: String, header: String) -> [(String, String)] {
        var pins: [(String, String)] = []
        var inPackage = false
        var name: String?
        var version: String?
        func flush() {
            if let name, let version { pins.append((name, version)) }
            name = nil
            version = nil
        }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                if line == header {
                    flush()
                    inPackage = true
                } else {
                    // A sub-table (`[package.dependencies]`, `[[package.wheels]]`) ends the top-level keys.
                    if inPackage { flush() }
                    inPackage = false
                }
                continue
            }
            guard inPackage else { continue }
            if let value = stringValue(line, key: "name") { name = name ?? value }
            if let value = stringValue(line, key: "version") { version = version ?? value }
        }
        if inPackage { flush() }
        return pins
    }

    static func stringValue(_ line: String, key: String) -> String? {
        guard line.hasPrefix(key) else { return nil }
        let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
        guard rest.first == "=" else { return nil }
        let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        let body = value.dropFirst()
        guard let end = body.firstIndex(of: quote) else { return nil }
        return String(body[..<end])
    }
}
