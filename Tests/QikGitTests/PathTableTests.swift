import Foundation
@testable import QikGit
import Testing

/// Index entries keep their paths in a shared table; the stat batch reads them (and extra paths) in place.
@Suite("Path table and stat paths")
struct PathTableTests {
    private static let stat = IndexSnapshot.IndexStat(mtimeSeconds: 0, mtimeNanoseconds: 0, ctimeSeconds: 0, ctimeNanoseconds: 0,
                                                      device: 0, inode: 0, uid: 0, gid: 0, size: 0)

    private func entries(_ paths: [String]) -> [IndexFile.Entry] {
        let table = PathTable(capacity: paths.reduce(0) { $0 + $1.utf8.count })
        return paths.map { path in
            let bytes = Array(path.utf8)
            let start = bytes.withUnsafeBufferPointer { table.append($0) }
            return IndexFile.Entry(paths: table, pathStart: start, pathLength: Int32(bytes.count), id: OID.zero, mode: 0o100644,
                                   recorded: Self.stat, stage: 0, intentToAdd: false)
        }
    }

    @Test func entriesReadBackTheirPathsFromOneTable() {
        let paths = ["a.py", "dir with space/b.py", "é/ü.txt", "", "deep/er/than/that/c"]
        let made = entries(paths)
        #expect(made.map(\.path) == paths)
        #expect(made.map(\.pathBytes) == paths.map { Array($0.utf8) })
        #expect(made.allSatisfy { $0.paths === made[0].paths })
        #expect(PathBytes.equal(made[0], entries(["a.py"])[0]))
        #expect(made.withPath(at: 1) { PathBytes.compare(Array("a.py".utf8), $0) } < 0)
        #expect(made.withPath(at: 1) { PathBytes.hasPrefix($0, Array("dir with".utf8)) && !PathBytes.hasPrefix($0, Array("dir/".utf8)) })
        #expect(made.withPath(at: 2) { String(decoding: $0, as: UTF8.self) } == "é/ü.txt")
    }

    @Test func standaloneEntriesOwnTheirTable() {
        let entry = IndexFile.Entry(path: "x/y.py", id: OID.zero, mode: 0o100644, recorded: Self.stat, stage: 0, intentToAdd: false)
        #expect(entry.path == "x/y.py")
    }

    @Test func statPathsListEntriesThenOtherPaths() {
        let made = entries(["a", "b/c", "d/e/f"])
        let others = ["b", "d", "d/e", "ü"]
        let paths = StatPaths(entries: made, positions: [2, 0], then: others.map { Array($0.utf8) })
        #expect(paths.count == 6)
        let read = (0..<paths.count).map { paths.withPath($0) { String(decoding: $0, as: UTF8.self) } }
        #expect(read == ["d/e/f", "a"] + others)
        #expect(StatPaths([]).count == 0)
        #expect(StatPaths(["only", ""]).withPath(0) { String(decoding: $0, as: UTF8.self) } == "only")
        #expect(StatPaths(["only", ""]).withPath(1) { $0.count } == 0)
    }

    @Test func lightIndexMembershipFromBytes() {
        let made = entries([".gitattributes", "sub/.gitattributes", "x.gitattributes", ".gitmodules", "a/.gitmodules", "plain"])
        #expect(made.map(\.belongsInLightIndex) == made.map { GitRepository.belongsInLightIndex(path: $0.path, mode: $0.mode) })
        #expect(made.map(\.belongsInLightIndex) == [true, true, false, true, false, false])
    }
}
