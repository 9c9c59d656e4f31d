import Foundation
import Testing

@testable import QikCore

@Suite("FileBytes")
struct FileBytesTests {
    @Test func readsWholeFilesAndRefusesWhatIsNotOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qik-filebytes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let content = [UInt8]((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(FileManager.default.createFile(atPath: directory + "/big bin", contents: Data(content)))
        #expect(FileManager.default.createFile(atPath: directory + "/empty", contents: Data()))
        #expect(FileBytes.read(directory + "/big bin") == content)
        #expect(FileBytes.read(directory + "/empty") == [])
        #expect(FileBytes.read(directory + "/missing") == nil)
        #expect(FileBytes.read(directory) == nil)
    }

    /// Files whose size `stat` does not know (procfs says 0) are read to their end all the same.
    @Test func readsPastAStatSizeOfZero() throws {
        let bytes = try #require(FileBytes.read("/proc/self/status"))
        #expect(bytes.count > 100)
        #expect(String(decoding: bytes, as: UTF8.self).contains("Name:"))
    }
}
