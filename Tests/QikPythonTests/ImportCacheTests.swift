import Foundation
import QikPython
import Testing

@Suite struct ImportCacheTests {
    @Test func rebuildAfterOneChangeScansOneFile() throws {
        // Given a tree built once with content ids, and the cache saved
        let tree = try SourceTree(["p/__init__.py": "", "p/a.py": "import p.b\n", "p/b.py": "import requests\n", "p/c.py": "x = 1\n"])
        defer { tree.remove() }
        let dir = tree.root.appendingPathComponent("._qik/pygraph/imports")
        let builder = ImportGraphBuilder()
        func files(_ ids: [String: String]) -> [ImportGraphBuilder.SourceFile] {
            tree.files.map { .init(path: $0, contentID: ids[$0] ?? "id-\($0)") }
        }
        var cache = ImportCache.load(from: dir)
        let first = try builder.build(files: files([:]), cache: &cache, read: tree.read)
        #expect(first.scannedFiles == 4)
        try cache.save(to: dir)

        // When one file changes (new content id) and the graph is rebuilt from the saved cache
        try Data("import p.c\n".utf8).write(to: tree.root.appendingPathComponent("p/b.py"))
        var reloaded = ImportCache.load(from: dir)
        let second = try builder.build(files: files(["p/b.py": "id-new"]), cache: &reloaded, read: tree.read)

        // Then only that file is scanned and the graph reflects the change
        #expect(second.scannedFiles == 1)
        #expect(reloaded.hits == 3)
        #expect(second.directImports["p.b"] == ["p.c"])
        #expect(second.graph.modules.map(\.name) == ["p", "p.a", "p.b", "p.c"])
    }

    @Test func missingOrCorruptCacheIsEmpty() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qikpy-\(UUID().uuidString)")
        #expect(ImportCache.load(from: dir).entries.isEmpty)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: ImportCache.fileURL(in: dir))
        #expect(ImportCache.load(from: dir).entries.isEmpty)
        try? FileManager.default.removeItem(at: dir)
    }
}

@Suite struct ImportCacheFileTests {
    @Test func fileRoundTripsImportsAndProblems() throws {
        let tree = try SourceTree(["x": ""])
        defer { tree.remove() }
        var cache = ImportCache()
        let result = ScanResult(
            imports: [PythonImport(module: "a.b", level: 2, names: ["c", "d"], line: 3, typeChecking: true, isFrom: true),
                      PythonImport(module: "os", line: 1)],
            problems: [ScanProblem(file: "f.py", line: 9, message: "bad\tthing\\ here\nnext")])
        cache.store(result, for: "id1")
        cache.store(ScanResult(), for: "id2")
        try cache.save(to: tree.root)
        var loaded = ImportCache.load(from: tree.root)
        var expected = result
        expected.problems[0].file = ""
        #expect(loaded.result(for: "id1") == expected)
        #expect(loaded.result(for: "id2") == ScanResult())
        try Data("garbage".utf8).write(to: ImportCache.fileURL(in: tree.root))
        #expect(ImportCache.load(from: tree.root).entries.isEmpty)
    }

    /// Every prefix of a valid file, and the file with any one byte flipped, loads without trapping; a prefix is
    /// never mistaken for a complete cache.
    @Test func truncatedOrDamagedFilesAreEmptyCaches() throws {
        let tree = try SourceTree(["x": ""])
        defer { tree.remove() }
        var cache = ImportCache()
        cache.store(ScanResult(imports: [PythonImport(module: "a.b", level: 1, names: ["c"], line: 2, isFrom: true)],
                               problems: [ScanProblem(file: "", line: 1, message: "unclosed bracket")]), for: "id1")
        cache.store(ScanResult(imports: [PythonImport(module: "os", line: 1)]), for: "id2")
        try cache.save(to: tree.root)
        let url = ImportCache.fileURL(in: tree.root)
        let bytes = Array(try Data(contentsOf: url))
        #expect(ImportCache.load(from: tree.root).entries.count == 2)
        for length in 0..<bytes.count {
            try Data(bytes[..<length]).write(to: url)
            #expect(ImportCache.load(from: tree.root).entries.isEmpty, "prefix of \(length) bytes")
        }
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0xFF
            try Data(damaged).write(to: url)
            _ = ImportCache.load(from: tree.root)
        }
    }

    @Test func needsSavingOnlyAfterNewResultsOrUnusedEntries() {
        var cache = ImportCache(entries: ["a": ScanResult(), "b": ScanResult()])
        _ = cache.result(for: "a")
        _ = cache.result(for: "a")
        #expect(cache.needsSaving, "b is unused and would be dropped")
        _ = cache.result(for: "b")
        #expect(!cache.needsSaving)
        _ = cache.result(for: "c")
        #expect(!cache.needsSaving, "a miss alone changes nothing")
        cache.store(ScanResult(), for: "c")
        #expect(cache.needsSaving)
    }
}
