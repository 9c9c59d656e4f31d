import Foundation

/// The repo cache's once-per-process setup (§5.3).
enum RepoCacheSetup {
    /// Ensures `<top>/.gitattributes` holds `<root rel>/.qik/**/* linguist-generated=true merge=qik`, prepending it.
    static func ensureGitAttributes(projectRoot: String, workTreeRoot: String, repository: any RepositoryWriting) throws {
        let top = workTreeRoot.hasSuffix("/") ? String(workTreeRoot.dropLast()) : workTreeRoot
        let prefix = projectRoot == top ? "" : String(projectRoot.dropFirst(top.count + 1)) + "/"
        let line = "\(prefix).qik/**/* linguist-generated=true merge=qik\n"
        let path = "\(top)/.gitattributes"
        if let data = FileManager.default.contents(atPath: path) {
            let existing = String(decoding: data, as: UTF8.self)
            if !existing.contains(line) { try AtomicFile.write(line + existing, to: path) }
        } else {
            try AtomicFile.write(line, to: path)
            let relative = projectRoot == top ? ".gitattributes" : String(repeating: "../", count: prefix.split(separator: "/").count) + ".gitattributes"
            try repository.intentToAdd([relative])
        }
    }

    /// The merge driver keeps the local side of a cache file (see hooks/merge-qik.sh).
    static func mergeDriverCommand() -> String {
        "sh \(MergeDriverScript.installedPath()) %O %A %B"
    }
}
