import Foundation
import QikTestSupport
import Testing

/// `qik :git …` (hidden, for benchmarks) prints what git prints, whether the quick path or argument-parser parses it.
@Suite struct GitPlumbingTests {
    @Test func blobsAndSinceAgreeWithGit() throws {
        let repo = try GitFixture()
        try repo.write("a.py", "a\n")
        try repo.write("dir with space/b.txt", "b\n")
        _ = try repo.commitAll()
        try repo.write("a.py", "edited\n")
        try repo.write("c.py", "new\n")
        try repo.git("add", "c.py")
        _ = try repo.commitAll()
        try repo.write("dir with space/b.txt", "unstaged\n")

        let blobs = try QikBinary.run([":git", "blobs"], in: repo.root)
        #expect(blobs.code == 0)
        let expectedBlobs = try ["a.py", "c.py", "dir with space/b.txt"].map { "\(try repo.hashObject($0)) \($0)" }
        #expect(blobs.lines == expectedBlobs)

        let expectedSince = try repo.git("diff", "--name-only", "HEAD~1").split(separator: "\n").map(String.init).sorted()
        for arguments in [[":git", "since", "HEAD~1"], [":git", "since", "HEAD~1", "--mode", "merge-base"]] {
            let since = try QikBinary.run(arguments, in: repo.root)
            #expect(since.code == 0, "\(arguments)")
            #expect(since.lines == expectedSince, "\(arguments)")
        }
        #expect(try QikBinary.run([":git", "since", "no-such-ref"], in: repo.root).code != 0)
    }
}
