import Foundation
import Testing

@testable import QikCore

@Suite("ConfigLoader.discover")
struct DiscoveryTests {
    @Test func outermostQikTomlBelowGitRootWins() throws {
        let project = try TempProject(files: ["qik.toml": "", "sub/qik.toml": "", "sub/deeper/x.txt": ""])
        #expect(try ConfigLoader.discover(from: project.root + "/sub/deeper") == project.root + "/qik.toml")
        #expect(try ConfigLoader.discover(from: project.root + "/sub") == project.root + "/qik.toml")
    }

    @Test func stopsAtGitDirectory() throws {
        // Given an outer qik.toml above a nested repository, When discovering inside it, Then the walk stops at its .git.
        let outer = try TempProject(files: ["qik.toml": "", "inner/qik.toml": ""])
        try outer.mkdir("inner/.git")
        try outer.mkdir("inner/pkg")
        #expect(try ConfigLoader.discover(from: outer.root + "/inner/pkg") == outer.root + "/inner/qik.toml")
    }

    /// Linked worktrees and submodules have a `.git` *file*; the walk must stop there too.
    @Test func stopsAtGitFile() throws {
        let outer = try TempProject(files: ["qik.toml": "", "wt/.git": "gitdir: /elsewhere\n", "wt/src/a.py": ""])
        let error = qikError { _ = try ConfigLoader.discover(from: outer.root + "/wt/src") }
        #expect(error == QikError.configNotFound())
        try outer.write("wt/qik.toml", "")
        #expect(try ConfigLoader.discover(from: outer.root + "/wt/src") == outer.root + "/wt/qik.toml")
    }

    @Test func noConfigIsConf0() throws {
        let project = try TempProject(files: ["README": ""])
        let error = qikError { _ = try ConfigLoader.discover(from: project.root) }
        #expect(error?.code == "conf0")
        #expect(error?.message == "Could not locate qik.toml configuration file.")
    }

    @Test func pyprojectFallbackOnlyWithToolQik() throws {
        let project = try TempProject(files: ["pyproject.toml": "[project]\nname = \"x\"\n", "pkg/pyproject.toml": "[tool.qik]\n"])
        #expect(try ConfigLoader.discover(from: project.root + "/pkg") == project.root + "/pkg/pyproject.toml")
        // A qik.toml anywhere on the walk beats pyproject.toml.
        try project.write("qik.toml", "")
        #expect(try ConfigLoader.discover(from: project.root + "/pkg") == project.root + "/qik.toml")
    }

    @Test func aDirectoryNamedQikTomlIsIgnored() throws {
        let project = try TempProject(files: ["qik.toml": "", "sub/x": ""])
        try project.mkdir("sub/qik.toml")
        #expect(try ConfigLoader.discover(from: project.root + "/sub") == project.root + "/qik.toml")
    }

    /// The start directory is taken by spelling: `.`, `..`, doubled and trailing slashes resolve as
    /// `URL.standardizedFileURL` did, paths with spaces work, and the found file is named without them.
    @Test func startPathIsStandardizedBySpelling() throws {
        let project = try TempProject(files: ["qik.toml": "", "a dir/b/x.txt": ""])
        try project.mkdir(".git")
        let expected = project.root + "/qik.toml"
        for start in ["/a dir/b/", "/a dir/./b", "/a dir/b/../b//", "//a dir/b/..", ""] {
            #expect(try ConfigLoader.discover(from: project.root + start) == expected, "\(start)")
        }
        #expect(ConfigLoader.standardized("/x/./y//z/../") == "/x/y")
        #expect(ConfigLoader.standardized("/..") == "/")
        #expect(ConfigLoader.standardized("/") == "/")
        // The same resolution serves work-tree paths (`sub/` + `../.gitattributes`), which stay relative.
        #expect(PathSpelling.resolvingDots("sub/../.gitattributes") == ".gitattributes")
        #expect(PathSpelling.resolvingDots("a/./b//c/") == "a/b/c")
    }

    @Test func loadFromCwdResolvesModuleFilesAgainstRoot() throws {
        let project = try TempProject(files: [
            "qik.toml": "[spaces.default]\nmodules = [\"b\"]\n", "b/qik.toml": "[commands]\nm = \"echo\"\n",
        ])
        // 0.2.10 QUIRK fixed: running from a sub-directory no longer loses module commands.
        let config = try ConfigLoader.load(cwd: project.root + "/b", environment: [:])
        #expect(config.moduleCommands["b"]?.map(\.name) == ["m"])
        #expect(config.root == project.root)
    }
}
