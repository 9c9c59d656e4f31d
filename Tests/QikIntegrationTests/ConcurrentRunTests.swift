import Foundation
import QikTestSupport
import Testing

/// Two qik processes in one project (a hook while `qik watch` runs, two terminals) never corrupt a cache entry or
/// `._qik/out`: every write is atomic and each entry is written under its own lock.
@Suite(.serialized) struct ConcurrentRunTests {
    @Test func parallelRunsLeaveConsistentCachesAndRecords() throws {
        let repo = try GitFixture()
        var toml = ""
        for index in 0..<8 {
            toml += """
                [commands.c\(index)]
                exec = "for i in 1 2 3 4 5; do echo line$i-\(index); done; cat input.txt"
                deps = ["input.txt"]
                cache = "\(index.isMultiple(of: 2) ? "local" : "repo")"

                """
        }
        try repo.write("qik.toml", toml)
        try repo.write("input.txt", "v0\n")
        _ = try repo.commitAll()

        for round in 0..<5 {
            try repo.write("input.txt", "v\(round)\n")
            // When two runs race on the same inputs
            let processes = try (0..<2).map { _ -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: QikBinary.path)
                process.arguments = ["-n", "4", "-f"]
                process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            // Then the out record parses, and a third run replays every command with the right output
            let manifest = try repo.read("._qik/out/manifest.json")
            #expect((try? JSONSerialization.jsonObject(with: Data(manifest.utf8))) != nil, "round \(round): \(manifest)")
            let replay = try QikBinary.run(["-n", "1"], in: repo.root)
            #expect(replay.code == 0)
            for index in 0..<8 {
                #expect(replay.stdout.contains("⏩\u{FE0F} c\(index) "), "round \(round): c\(index) not replayed")
                let log = try repo.read("._qik/out/c\(index).out")
                #expect(log == (1...5).map { "line\($0)-\(index)\n" }.joined() + "v\(round)\n", "round \(round): c\(index)")
            }
        }
    }
}
