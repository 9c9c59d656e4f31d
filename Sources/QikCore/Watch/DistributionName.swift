/// Python distribution names as `qik watch` compares them (PEP 503: lowercase, runs of `-`, `_`, `.` become one
/// `-`). 0.2.10 compared raw names, so `Django` never matched a `django` dist (§6.2 QUIRK); this port normalises
/// both sides.
public enum DistributionName {
    public static func normalize(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                pendingDash = true
            } else {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The distribution a site-packages path belongs to: `Foo_Bar-1.0.dist-info/RECORD` → `foo-bar`. Nil for
    /// anything outside a top-level `*.dist-info` directory, and for pip's `~`-prefixed scratch copies.
    public static func fromSitePackagesPath(_ path: String) -> String? {
        guard let first = path.split(separator: "/", maxSplits: 1).first, first.hasSuffix(".dist-info"),
            !first.hasPrefix("~")
        else { return nil }
        let stem = first.dropLast(".dist-info".count)
        // The wheel spec escapes `-` in names to `_`, so the first `-` ends the name.
        let name = stem.split(separator: "-", maxSplits: 1).first.map(String.init) ?? String(stem)
        let normalized = normalize(name)
        return normalized.isEmpty ? nil : normalized
    }
}
