import Foundation

/// `<root>/._qik`, never committed: qik keeps a `.gitignore` of `*` in it (as 0.2.10 does).
public enum PrivateDirectory {
    public static func ensure(root: String) throws {
        let directory = root + "/._qik"
        let ignore = directory + "/.gitignore"
        if FileManager.default.fileExists(atPath: ignore) { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write("*", to: ignore)
    }
}
