import Foundation
import Testing
@testable import QikCore

/// The spec JSON feeds the cache key: it must be byte-identical to msgspec's encoding in qik 0.2.10.
@Suite struct SpecJSONTests {
    @Test func lintRunnableMatchesTheOriginalsBytes() {
        // Given the runnable of §16 item 4 (verified against qik 0.2.10)
        let runnable = Runnable(
            name: "lint@default", command: "lint", exec: "echo linting dflt && cat a.py", cache: "local",
            cacheWhen: .success, tags: [], deps: [.glob("*.py")], artifacts: [], module: nil, space: "default")
        // Then its spec JSON is the original's, with cache and cache-when blanked
        #expect(
            runnable.specJSON.encoded
                == #"{"name":"lint@default","cmd":"lint","val":"echo linting dflt && cat a.py","cache":"","cache_when":"","shell":true,"tags":[],"deps":[{"type":"Glob","val":"*.py"}],"artifacts":[],"module":null,"args":{},"space":"default","venv":[null],"environ":{}}"#
        )
    }

    @Test func everyDepKindSerialisesAsMsgspecDoes() {
        // Literal output of msgspec.json.encode on qik 0.2.10's dep classes.
        let deps: [RunnableDep] = [
            .glob("a"), .const("c"), .command(name: "x", strict: false, isolated: nil),
            .command(name: "y", strict: true, isolated: false), .pydist("p"), .load(path: "l", default: ["x"]),
            .load(path: "l2", default: []),
        ]
        #expect(
            CompactJSON.array(deps.map(\.specJSON)).encoded
                == #"[{"type":"Glob","val":"a"},{"type":"Const","val":"c"},{"type":"Cmd","val":"x","strict":false,"isolated":[null],"args":{}},{"type":"Cmd","val":"y","strict":true,"isolated":false,"args":{}},{"type":"Pydist","val":"p"},{"type":"Load","val":"l","default":["x"]},{"type":"Load","val":"l2","default":[]}]"#
        )
    }

    @Test func stringsEscapeOnlyWhatMsgspecEscapes() {
        let json = CompactJSON.string("a\"b\\c\nd\u{01}é/🚀").encoded
        #expect(json == "\"a\\\"b\\\\c\\nd\\u0001é/🚀\"")
    }

    @Test func slugReplacesEveryNonAlphanumericWithTwoUnderscores() {
        #expect(Runnable.slug("modular_lint@default#a") == "modular__lint__default__a")
        #expect(Runnable.slug("b_module/modcmd@default") == "b__module__modcmd__default")
        #expect(Runnable.slug("pygraph.lock@default?pyimport=a") == "pygraph__lock__default__pyimport__a")
        #expect(Runnable.slug("é1") == "__1")
    }

    @Test func manifestKeepsTheOriginalsKeyOrderAndOmitsDefaults() {
        let manifest = CacheManifest(name: "lint@default", hash: "870130cd1ee3417a10120e284b45310d", code: 0, log: "lint__default.out")
        #expect(manifest.json == #"{"name":"lint@default","hash":"870130cd1ee3417a10120e284b45310d","code":0,"log":"lint__default.out"}"#)
        let bare = CacheManifest(name: "x", hash: "h", code: 3, artifacts: ["out/gen.txt"])
        #expect(bare.json == #"{"name":"x","hash":"h","code":3,"artifacts":["out/gen.txt"]}"#)
    }

    /// What `read` must accept (every manifest either tool writes) and refuse (anything else is a miss, never a
    /// replay with half the entry).
    @Test func manifestReadRoundTripsAndRefusesMalformedEntries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func read(_ json: String) throws -> CacheManifest? {
            let path = directory + "/m.json"
            try json.write(toFile: path, atomically: true, encoding: .utf8)
            return CacheManifest.read(path)
        }
        let written = [
            CacheManifest(name: "lint@default", hash: "870130cd1ee3417a10120e284b45310d", code: 0, log: "lint__default.out"),
            CacheManifest(name: "q\"uote é", hash: "h", code: -3, artifacts: ["out/gen.txt", "b c"]),
            CacheManifest(name: "x", hash: "h", code: 255),
        ]
        for manifest in written { #expect(try read(manifest.json) == manifest) }
        #expect(try read(#"{"name":"x","hash":"h","code":0,"log":null}"#) == CacheManifest(name: "x", hash: "h", code: 0))
        for malformed in [
            "", "[]", #"{"name":"x","hash":"h"}"#, #"{"name":"x","hash":"h","code":"0"}"#,
            #"{"name":"x","hash":"h","code":1.5}"#, #"{"name":"x","hash":"h","code":4294967296}"#,
            #"{"name":"x","hash":"h","code":0,"log":3}"#, #"{"name":"x","hash":"h","code":0,"artifacts":"a"}"#,
            #"{"name":"x","hash":"h","code":0,"artifacts":[1]}"#, #"{"name":1,"hash":"h","code":0}"#,
        ] {
            #expect(try read(malformed) == nil, "\(malformed)")
        }
    }
}
