import Foundation
import QikPython

/// A temporary directory of Python files, for graph tests.
struct SourceTree {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qikpy-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    init(existing root: URL) {
        self.root = root
    }

    /// Every regular file under the root, relative, sorted (stands in for `git ls-files`).
    var files: [String] {
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var out: [String] = []
        while let url = e?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
            }
        }
        return out.sorted()
    }

    func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    func build(_ options: ImportGraphBuilder.Options = .init()) throws -> ImportGraphBuilder.Result {
        try ImportGraphBuilder(options: options).build(files: files.map { .init(path: $0) }, read: read)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
