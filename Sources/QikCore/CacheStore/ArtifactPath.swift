import Foundation

/// Artifact paths of the local cache. qik stores them relative to the project root (0.2.10 stored absolute paths,
/// tying entries to one checkout); entries written by the original, with absolute paths, still restore.
enum ArtifactPath {
    /// `artifact-<urlsafe base64 of the path as listed in the manifest>`.
    static func storedName(_ path: String) -> String {
        "artifact-" + Data(path.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// Where a manifest's artifact goes, refusing anything outside the project root (`..`, absolute paths elsewhere,
    /// or a symlinked directory leading out of the tree).
    static func destination(of artifact: String, root: String) throws -> String {
        var relative = artifact
        if artifact.hasPrefix("/") {
            guard artifact.hasPrefix(root + "/") else { throw outside(artifact) }
            relative = String(artifact.dropFirst(root.count + 1))
        }
        let parts = relative.split(separator: "/")
        guard !parts.isEmpty, !parts.contains("..") else { throw outside(artifact) }
        let destination = root + "/" + parts.joined(separator: "/")
        // Resolve the deepest existing ancestor: a symlink pointing out of the tree is rejected.
        var ancestor = (destination as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: ancestor) { ancestor = (ancestor as NSString).deletingLastPathComponent }
        let realRoot = (root as NSString).resolvingSymlinksInPath
        let realAncestor = (ancestor as NSString).resolvingSymlinksInPath
        guard realAncestor == realRoot || realAncestor.hasPrefix(realRoot + "/") else { throw outside(artifact) }
        return destination
    }

    private static func outside(_ artifact: String) -> QikError {
        QikError(
            "cache1", "Cache entry lists artifact \"\(artifact)\" outside the project root; refusing to restore it.",
            hint: "Delete the entry (or run with -f) to rebuild it.")
    }

    /// Expands artifact globs from the root, file by file. `*` and `?` stay inside one path component, `**` spans
    /// directories, and a pattern that names a directory (e.g. `site/**`) means every file below it.
    static func expand(_ patterns: [String], root: String) -> [String] {
        var found: Set<String> = []
        for pattern in patterns {
            let parts = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
            walk(parts[...], relative: "", root: root, into: &found)
        }
        return found.sorted()
    }

    private static func walk(_ parts: ArraySlice<String>, relative: String, root: String, into found: inout Set<String>) {
        let absolute = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let part = parts.first else {
            addFiles(at: relative, root: root, into: &found)
            return
        }
        let rest = parts.dropFirst()
        if part == "**" {
            walk(rest, relative: relative, root: root, into: &found)
            for child in children(absolute) where isDirectory("\(absolute)/\(child)") {
                walk(parts, relative: join(relative, child), root: root, into: &found)
            }
            return
        }
        if !part.contains(where: { "*?[".contains($0) }) {
            if FileManager.default.fileExists(atPath: "\(absolute)/\(part)") {
                walk(rest, relative: join(relative, part), root: root, into: &found)
            }
            return
        }
        for child in children(absolute) where fnmatch(part, child, 0) == 0 {
            walk(rest, relative: join(relative, child), root: root, into: &found)
        }
    }

    private static func addFiles(at relative: String, root: String, into found: inout Set<String>) {
        let absolute = "\(root)/\(relative)"
        if isDirectory(absolute) {
            for child in children(absolute) { addFiles(at: join(relative, child), root: root, into: &found) }
        } else if !relative.isEmpty {
            found.insert(relative)
        }
    }

    private static func children(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0 != ".git" }.sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a)/\(b)" }
}
