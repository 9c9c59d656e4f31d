import Foundation
import QikTestSupport
import Testing

/// Scenario 29: `qikx` runs any executable in a space's environment.
@Suite struct QikxTests {
    var qikx: String { (QikBinary.path as NSString).deletingLastPathComponent + "/qikx" }

    func repo() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("qik.toml", """
            [spaces.s2]
            root = "sub/"
            dotenv = "my.env"

            [commands.x]
            exec = "true"
            """)
        try repo.write("my.env", "HELLO=\"world\"\nHI=mom\n")
        try repo.write("sub/keep.txt", "k\n")
        _ = try repo.commitAll()
        return repo
    }

    @Test func runsInTheNamedSpace() throws {
        let repo = try repo()
        let run = try QikBinary.run(["sh@s2", "-c", "echo $HELLO $HI"], in: repo.root, executable: qikx)
        #expect(run.code == 0)
        #expect(run.stdout == "\"world\" mom\n")
    }

    @Test func usesTheWorkingSpaceFromTheCurrentDirectory() throws {
        let repo = try repo()
        #expect(try QikBinary.run(["sh", "-c", "echo $HI"], in: repo.path("sub"), executable: qikx).stdout == "mom\n")
        #expect(try QikBinary.run(["sh", "-c", "echo ${HI:-unset}"], in: repo.root, executable: qikx).stdout == "unset\n")
    }

    @Test func usageAndErrors() throws {
        let repo = try repo()
        let usage = try QikBinary.run([], in: repo.root, executable: qikx)
        #expect(usage.code == 1 && usage.stdout == "Usage: qikx <command@space command_args>\n")
        let unknown = try QikBinary.run(["x@nosp"], in: repo.root, executable: qikx)
        #expect(unknown.code == 1 && unknown.stderr.contains("conf8"))
        // Any executable, not a qik command: `qikx env` is the system's env.
        #expect(try QikBinary.run(["env"], in: repo.root, executable: qikx).stdout.contains("PATH="))
    }
}
