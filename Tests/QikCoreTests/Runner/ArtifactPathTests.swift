import Foundation
import Testing
@testable import QikCore

@Suite struct ArtifactPathTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "qik-artifacts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/out/sub", withIntermediateDirectories: true)
        for file in ["out/gen.txt", "out/sub/deep.txt", "top.txt", "other.log"] {
            _ = FileManager.default.createFile(atPath: "\(root)/\(file)", contents: Data(file.utf8))
        }
    }

    @Test func globsExpandFileByFileAndDirectoriesMeanEverythingBelow() {
        #expect(ArtifactPath.expand(["out/gen.txt"], root: root) == ["out/gen.txt"])
        #expect(ArtifactPath.expand(["*.txt"], root: root) == ["top.txt"])
        #expect(ArtifactPath.expand(["out/**"], root: root) == ["out/gen.txt", "out/sub/deep.txt"])
        #expect(ArtifactPath.expand(["**/*.txt"], root: root) == ["out/gen.txt", "out/sub/deep.txt", "top.txt"])
        #expect(ArtifactPath.expand(["missing/*"], root: root) == [])
    }

    @Test func restoringOutsideTheRootIsRefused() throws {
        #expect(try ArtifactPath.destination(of: "out/gen.txt", root: root) == root + "/out/gen.txt")
        #expect(try ArtifactPath.destination(of: root + "/out/gen.txt", root: root) == root + "/out/gen.txt")
        for bad in ["../escape.txt", "out/../../escape.txt", "/etc/passwd"] {
            let error = #expect(throws: QikError.self) { try ArtifactPath.destination(of: bad, root: root) }
            #expect(error?.code == "cache1")
        }
    }

    @Test func aSymlinkOutOfTheTreeIsRefused() throws {
        let outside = NSTemporaryDirectory() + "qik-outside-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: outside)
        let error = #expect(throws: QikError.self) { try ArtifactPath.destination(of: "link/file.txt", root: root) }
        #expect(error?.code == "cache1")
    }

    @Test func storedNamesAreURLSafeBase64OfTheListedPath() {
        // base64("/tmp/p/out/gen.txt") as Python's urlsafe_b64encode gives it
        #expect(ArtifactPath.storedName("/tmp/p/out/gen.txt") == "artifact-L3RtcC9wL291dC9nZW4udHh0")
        #expect(ArtifactPath.storedName("??>") == "artifact-Pz8-")
    }
}
