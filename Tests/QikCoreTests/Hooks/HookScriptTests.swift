import Foundation
import QikCore
import Testing

@Suite struct HookScriptTests {
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The text embedded in the binary is the file in `hooks/`, byte for byte.
    @Test func embeddedTemplateMatchesHooksDirectory() throws {
        let file = try String(contentsOf: Self.sourceRoot.appendingPathComponent("hooks/qik-hook.sh"), encoding: .utf8)
        #expect(file == HookScript.template)
    }

    @Test func merge_driverTemplateMatchesHooksDirectory() throws {
        let file = try String(contentsOf: Self.sourceRoot.appendingPathComponent("hooks/merge-qik.sh"), encoding: .utf8)
        #expect(file == MergeDriverScript.contents)
    }

    /// Paths with quotes survive shell quoting, and the rendered script names its qik.
    @Test func renderQuotesAndRoundTrips() {
        let script = HookScript.render(hook: .prePush, qikPath: "/opt/it's here/qik", projectDirectory: "sub dir")
        #expect(script.contains("hook='pre-push'"))
        #expect(script.contains("project='sub dir'"))
        #expect(HookScript.qikPath(in: script) == "/opt/it's here/qik")
        #expect(HookScript.qikPath(in: "#!/bin/sh\nqik=/x\n") == nil)
    }

    @Test func unknownSkipRuleIsAnError() throws {
        #expect(throws: QikError.self) { try HookSkipRule.parse(["merges"], hook: .preCommit) }
        #expect(try HookSkipRule.parse(["merge", "cherry-pick"], hook: .preCommit) == [.merge, .cherryPick])
    }
}
