@testable import QikPython
import Testing

@Suite struct GraphJSONDecodingTests {
    /// What `jsonBytes()` writes takes the byte-level path and comes back unchanged, non-ASCII names included.
    @Test func compactFormRoundTripsWithoutFoundation() throws {
        let graph = ImportGraph(
            modules: [.init("a", isInternal: true), .init("a.é", isInternal: true), .init("zlib_x", isInternal: false)],
            edges: [.init(0, 1), .init(0, 1), .init(1, 2), .init(2, 2)])
        let json = graph.jsonBytes()
        #expect(CompactGraphJSON.decode(json) == graph)
        #expect(try ImportGraph(json: json) == graph)
        let empty = ImportGraph(modules: [], edges: [])
        #expect(CompactGraphJSON.decode(empty.jsonBytes()) == empty)
    }

    /// msgspec omits a trailing default (`is_internal = True`).
    @Test func omittedInternalFlagMeansInternal() throws {
        let json = Array(#"{"modules":[["a"],["b",false]],"edges":[[0,1]]}"#.utf8)
        let expected = ImportGraph(modules: [.init("a", isInternal: true), .init("b", isInternal: false)], edges: [.init(0, 1)])
        #expect(CompactGraphJSON.decode(json) == expected)
    }

    /// Escapes, whitespace and other valid JSON the compact reader does not take go through JSONSerialization.
    @Test(arguments: [
        #"{"modules":[["a\"b",true]],"edges":[]}"#,
        #"{ "modules": [["a", true]], "edges": [] }"#,
        #"{"edges":[],"modules":[["a",true]]}"#,
    ])
    func otherJSONFallsBack(text: String) throws {
        #expect(CompactGraphJSON.decode(Array(text.utf8)) == nil)
        #expect(try ImportGraph(json: Array(text.utf8)).modules.count == 1)
    }

    @Test(arguments: [
        #"{"modules":[["a",true]],"edges":[[0,1]]}"#, #"{"modules":[["a",true]],"edges":[[00,0]]}"#,
        #"{"modules":[["a",true]],"edges":[[0,0]]"#, #"{"modules":[["a",tru]],"edges":[]}"#, "",
    ])
    func invalidGraphsThrow(text: String) {
        #expect(CompactGraphJSON.decode(Array(text.utf8)) == nil)
        #expect(throws: (any Error).self) { try ImportGraph(json: Array(text.utf8)) }
    }
}
