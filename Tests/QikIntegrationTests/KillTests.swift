import Foundation
import QikTestSupport
import Testing

/// Killing qik with SIGKILL at any moment must never lead to a wrong replay: afterwards every cache entry either
/// replays the right result for the current inputs or is a miss.
@Suite(.serialized) struct KillTests {
    @Test func randomKillsNeverCorruptTheCache() throws {
        let repo = try GitFixture()
        try repo.write("qik.toml", """
            [commands.gen]
            exec = "for i in 1 2 3; do cat input.txt; done; mkdir -p out && cat input.txt > out/result.txt"
            deps = ["input.txt"]
            artifacts = ["out/result.txt"]

            [commands.shared]
            exec = "cat input.txt"
            deps = ["input.txt"]
            cache = "repo"
            """)
        try repo.write("input.txt", "v0\n")
        try repo.write(".gitignore", "out/\n")
        _ = try repo.commitAll()
        var generator = SplitMix64(seed: 0x5EED)
        let iterations = Int(ProcessInfo.processInfo.environment["QIK_KILL_ITERATIONS"] ?? "") ?? 100
        for iteration in 0..<iterations {
            // Given inputs that may or may not have been seen before
            let version = "v\(Int.random(in: 0..<6, using: &generator))\n"
            try repo.write("input.txt", version)
            // When qik is killed at a random moment
            let delay = UInt32.random(in: 0..<60_000, using: &generator)
            try killDuringRun(in: repo.root, afterMicroseconds: delay)
            // Then the next run prints exactly what the inputs produce, replayed or not, and restores the artifact
            try? FileManager.default.removeItem(atPath: repo.path("out"))
            let run = try QikBinary.run(["-n", "1"], in: repo.root)
            #expect(run.code == 0, "iteration \(iteration): \(run.stderr)")
            // Output lines are the only ones not starting with a glyph (🚧 ⏩ ✅, each followed by U+FE0F).
            let outputLines = run.lines.filter { $0.unicodeScalars.first.map { $0.isASCII } ?? false }
            #expect(outputLines == Array(repeating: version.trimmingCharacters(in: .newlines), count: 4),
                    "iteration \(iteration) (killed after \(delay) µs): \(run.stdout)")
            #expect((try? repo.read("out/result.txt")) == version, "iteration \(iteration): artifact")
        }
    }

    /// Starts qik, sends SIGKILL after `delay` µs (or lets it finish), and waits.
    func killDuringRun(in directory: String, afterMicroseconds delay: UInt32) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QikBinary.path)
        process.arguments = ["-n", "2"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        // Orphaned children of a killed qik may still be writing; let them finish before checking.
        usleep(30_000)
    }
}

