import Testing
@testable import QikCore

/// Real `git hash-object` ids of the contents the fixtures use.
enum Blob {
    static let helloBang = "3462721fd4da6b3f451e6e720c547d0bbd546db3"  // "hello!"
    static let helloThere = "f01621dba03fdb0bed27a0b2bc16a4305e4d6582"  // "hello there!"
    static let artifact = "0025c3bf41838a681192d5e9619fdb2c25c5ca49"  // "artifact"
    static let deleted = TrackedFile.deletedBlobID
}

@Suite("glob hash (spec §4.3)")
struct GlobHasherTests {
    static let root = "/repo"

    struct Row: Sendable, CustomTestStringConvertible {
        let state: String
        /// What QikGit reports for the tracked files: the worktree id when modified, zeros when deleted from disk.
        let tracked: [String: String]
        let expected: String
        var testDescription: String { state }
    }

    /// The conformance table of spec §4.3 (qik's own tests, re-verified against 0.2.10): `my_file` and `another_file`.
    static let conformance: [Row] = [
        Row(state: "my_file not in git (absent or untracked)", tracked: [:], expected: "99aa06d3014798d86001c324468d497f"),
        Row(state: "my_file = hello! staged", tracked: ["my_file": Blob.helloBang], expected: "132383b5d4ac79bf3afd3d2b5e5411a2"),
        Row(state: "worktree changed to hello there! (unstaged)", tracked: ["my_file": Blob.helloThere],
            expected: "9d82a0ed5bf63cc6faf372a8d18d98ae"),
        Row(state: "same content committed", tracked: ["my_file": Blob.helloThere], expected: "9d82a0ed5bf63cc6faf372a8d18d98ae"),
        // Untracked files never reach the provider's answer.
        Row(state: "plus untracked another_file", tracked: ["my_file": Blob.helloThere], expected: "9d82a0ed5bf63cc6faf372a8d18d98ae"),
        Row(state: "both committed (another_file = hello!)", tracked: ["my_file": Blob.helloThere, "another_file": Blob.helloBang],
            expected: "9faff63beca6b3a9fc15692c1bcf8c38"),
        Row(state: "both deleted from disk, not staged", tracked: ["my_file": Blob.deleted, "another_file": Blob.deleted],
            expected: "0f25ee40196b9e61afe8675a7a441be3"),
        Row(state: "deletion committed", tracked: [:], expected: "99aa06d3014798d86001c324468d497f"),
    ]

    @Test("conformance table", arguments: conformance)
    func conformanceRow(row: Row) throws {
        // Given the repository state as git reports it, when hashing both files' patterns, then the 0.2.10 digest results.
        let hasher = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: row.tracked))
        #expect(try hasher.hash(["my_file", "another_file"]) == row.expected)
    }

    @Test("no patterns gives the empty string, not a hash")
    func noPatterns() throws {
        let hasher = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: ["my_file": Blob.helloBang]))
        #expect(try hasher.hash([String]()) == "")
    }

    @Test("duplicate and reordered patterns hash the same; pathspecs reach git sorted")
    func patternSetSemantics() throws {
        let files = InMemoryFileState(tracked: ["my_file": Blob.helloThere, "another_file": Blob.helloBang])
        let hasher = GlobHasher(root: Self.root, files: files)
        // The fake throws if the pathspecs arrive unsorted or duplicated.
        #expect(try hasher.hash(["my_file", "another_file", "my_file"]) == "9faff63beca6b3a9fc15692c1bcf8c38")
        #expect(try hasher.hash(["*_file"]) == "9faff63beca6b3a9fc15692c1bcf8c38")
    }

    /// Differential vectors: qik 0.2.10's `qik.hash.globs` run in a git 2.39 repository holding `my file` (hello!),
    /// `café.py` (x), `quo"te` (y), `new⏎line` (z), `it's` (w), all committed, with pattern `*`.
    static let awkwardPaths: [String: String] = [
        "my file": Blob.helloBang,
        "caf\u{E9}.py": "c1b0730e0133447badcfd47fd144e254807b06e1",
        "quo\"te": "e25f1814e51579d5f55c0f1fe0135ddb28a47f4a",
        "new\nline": "fa7af8bf5fdd704f73beb3adc5612682a98e1af5",
        "it's": "6bf0c97a7f84620a0bb4cf6380ec307748e043bd",
    ]

    @Test("paths with spaces, quotes, newlines and non-ASCII enter R as git ls-files prints them")
    func awkwardPathsQuoted() throws {
        let hasher = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: Self.awkwardPaths))
        let input = try #require(try hasher.input(["*"]))
        #expect(input == [
            #""caf\303\251.py"c1b0730e0133447badcfd47fd144e254807b06e1"#,
            #""new\nline"fa7af8bf5fdd704f73beb3adc5612682a98e1af5"#,
            #""quo\"te"e25f1814e51579d5f55c0f1fe0135ddb28a47f4a"#,
            "it's6bf0c97a7f84620a0bb4cf6380ec307748e043bd",
            "my file3462721fd4da6b3f451e6e720c547d0bbd546db3",
        ])
        #expect(try hasher.hash(["*"]) == "f012d93f11ecd84c8c7177b9b96319df")
    }

    /// Reading git's config costs more than the hash: `core.quotePath` is asked only when a non-ASCII path is hashed.
    @Test func quotePathIsAskedOnlyForNonASCIIPaths() throws {
        final class Asked: @unchecked Sendable { var count = 0 }
        let asked = Asked()
        let files = InMemoryFileState(tracked: ["a.py": Blob.helloBang, "caf\u{E9}.py": Blob.helloBang])
        let hasher = GlobHasher(root: Self.root, files: files, quotePath: { asked.count += 1; return true })
        _ = try hasher.hash(["a.py"])
        #expect(asked.count == 0)
        #expect(try hasher.hash(["*"]) == GlobHasher(root: Self.root, files: files, quotePath: true).hash(["*"]))
        #expect(asked.count > 0)
    }

    @Test("with core.quotePath=false non-ASCII paths enter R as raw UTF-8")
    func awkwardPathsUnquoted() throws {
        let hasher = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: Self.awkwardPaths), quotePath: false)
        #expect(try hasher.hash(["*"]) == "4d2e5a1e1a031d4e879a5762b66b79fa")
    }

    /// The byte fast path trusts the provider's order only while it is strictly ascending; otherwise the sorted
    /// slow path decides, so a provider listing a path twice or out of order changes nothing.
    @Test("paths listed out of order or twice hash as the sorted, unique listing")
    func unsortedProviderFallsBack() throws {
        struct Unsorted: FileStateProviding {
            let files: [TrackedFile]
            func trackedFiles(matching pathspecs: [String]) throws -> [TrackedFile] { files }
            func blobID(ofFileAt absolutePath: String) throws -> String? { nil }
        }
        let sorted = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: ["a.py": Blob.helloBang, "b.py": Blob.helloThere]))
        let expected = try sorted.hash(["*"])
        #expect(expected == QikHash.hash("a.py" + Blob.helloBang + "b.py" + Blob.helloThere))
        let reversed = [TrackedFile(path: "b.py", blobID: Blob.helloThere), TrackedFile(path: "a.py", blobID: Blob.helloBang)]
        #expect(try GlobHasher(root: Self.root, files: Unsorted(files: reversed)).hash(["*"]) == expected)
        let twice = [TrackedFile(path: "a.py", blobID: Blob.helloBang)] + reversed.reversed()
        #expect(try GlobHasher(root: Self.root, files: Unsorted(files: twice)).hash(["*"]) == expected)
    }

    @Test("a path's bytes are hashed exactly, one differing byte changes the hash")
    func pathBytesMatter() throws {
        let precomposed = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: ["\u{E9}": Blob.helloBang]), quotePath: false)
        let decomposed = GlobHasher(root: Self.root, files: InMemoryFileState(tracked: ["e\u{301}": Blob.helloBang]), quotePath: false)
        #expect(try precomposed.hash(["*"]) != decomposed.hash(["*"]))
        #expect(try precomposed.hash(["*"]) == QikHash.hash("\u{E9}" + Blob.helloBang))
    }
}

@Suite("glob hash of private artifacts (spec §4.3 step 1)")
struct GlobHasherArtifactTests {
    static let root = "/repo"

    /// Differential vectors from qik 0.2.10 with `._qik/artifacts/a` (artifact) and `._qik/artifacts/a!b` (hello!) on
    /// disk. 0.2.10 sorts the shell-quoted names, so `'a!b'` comes before `'a'`.
    @Test("artifact ids form P, one line each, in 0.2.10's quoted-name order")
    func artifactPrefix() throws {
        let files = InMemoryFileState(
            tracked: ["it's": "6bf0c97a7f84620a0bb4cf6380ec307748e043bd", "my file": Blob.helloBang],
            onDisk: ["/repo/._qik/artifacts/a": Blob.artifact, "/repo/._qik/artifacts/a!b": Blob.helloBang]
        )
        let hasher = GlobHasher(root: Self.root, files: files)
        let artifacts = ["._qik/artifacts/a", "._qik/artifacts/a!b"]
        #expect(try hasher.input(artifacts) == [Blob.helloBang + "\n", Blob.artifact + "\n"])
        #expect(try hasher.hash(artifacts) == "65f7b2c6fa517be5b2d196602de5274c")
        #expect(try hasher.hash(artifacts + ["it*"]) == "8d3354cf30500f1a60ab585c2b73663e")
    }

    @Test("a root with a trailing slash resolves the same files")
    func rootTrailingSlash() throws {
        let files = InMemoryFileState(onDisk: ["/repo/._qik/artifacts/a": Blob.artifact])
        #expect(try GlobHasher(root: "/repo/", files: files).hash(["._qik/artifacts/a"])
            == GlobHasher(root: "/repo", files: files).hash(["._qik/artifacts/a"]))
    }

    /// 0.2.10 crashes here (`git hash-object` fails on the missing file); the port hashes forty zeros instead.
    @Test("a missing artifact counts as forty zeros instead of failing")
    func missingArtifact() throws {
        let hasher = GlobHasher(root: Self.root, files: InMemoryFileState())
        #expect(try hasher.input(["._qik/artifacts/pygraph/lock.json"]) == [Blob.deleted + "\n"])
        #expect(try hasher.hash(["._qik/artifacts/pygraph/lock.json"]) == "0a98b7fe91ed3cc47617d6c911f35d86")
    }
}
