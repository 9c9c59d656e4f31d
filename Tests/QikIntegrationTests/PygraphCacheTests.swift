import Foundation
import QikTestSupport
import Testing

/// The per-file import cache behind `qik :graph` and `pygraph.build`, end to end (no Python needed).
@Suite struct PygraphCacheTests {
    static let cacheFile = "._qik/pygraph/imports/imports-v1.bin"

    func fixture() throws -> GitFixture {
        let fixture = try GitFixture()
        // Two empty `__init__.py` files share one blob id.
        try fixture.write("app/__init__.py", "")
        try fixture.write("app/sub/__init__.py", "")
        try fixture.write("app/a.py", "import app.sub\nimport requests\n")
        try fixture.write("app/b.py", "from . import a\n")
        try fixture.write("tests/test_app.py", "import app\n")
        try fixture.write(".gitignore", "._qik/\n")
        _ = try fixture.commitAll("fixture")
        return fixture
    }

    func inode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test func unchangedRebuildLeavesTheCacheFileAlone() throws {
        let fixture = try fixture()
        let first = try QikBinary.run([":graph"], in: fixture.root)
        #expect(first.code == 0, "\(first.stderr)")
        let before = try inode(fixture.path(Self.cacheFile))
        let second = try QikBinary.run([":graph"], in: fixture.root)
        #expect(second.stdout.contains(" 0 parsed"), "\(second.stdout)")
        // The cache was rewritten (atomically: a new inode) on every build when two files shared content.
        #expect(try inode(fixture.path(Self.cacheFile)) == before)
    }

    @Test func rebuildAfterAnEditParsesOnlyThatFileAndListsOnlyPackageFiles() throws {
        let fixture = try fixture()
        _ = try QikBinary.run([":graph"], in: fixture.root)
        try fixture.write("app/b.py", "from . import a\nimport app.sub\n")
        let result = try QikBinary.run([":graph", "--json"], in: fixture.root)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"["app.b",true]"#))
        let summary = try QikBinary.run([":graph"], in: fixture.root)
        // tests/ is not a package: its files are neither listed nor parsed.
        #expect(summary.stdout.hasPrefix("5 modules, "), "\(summary.stdout)")
        #expect(summary.stdout.contains("; 4 files, 0 parsed"), "\(summary.stdout)")
    }

    /// Garbage, empty, the right header with an absurd entry count, and a real cache cut in half.
    @Test(arguments: [Array("garbage".utf8), [], Array("qikimprt".utf8) + [2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F], nil])
    func corruptedCacheIsAMissNotACrash(content: [UInt8]?) throws {
        let fixture = try fixture()
        let clean = try QikBinary.run([":graph", "--json"], in: fixture.root)
        let url = URL(fileURLWithPath: fixture.path(Self.cacheFile))
        let written = try Data(contentsOf: url)
        try (content.map { Data($0) } ?? written.prefix(written.count / 2)).write(to: url)
        let again = try QikBinary.run([":graph", "--json"], in: fixture.root)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout == clean.stdout)
        let summary = try QikBinary.run([":graph"], in: fixture.root)
        #expect(summary.stdout.contains(" 0 parsed"), "the rewritten cache is used again: \(summary.stdout)")
    }
}
