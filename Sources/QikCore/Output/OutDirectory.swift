import Foundation

/// `._qik/out`: the record of the last run (§2.5) — `manifest.json` and one `<runnable name>.out` per runnable
/// that printed something (with its newlines; 0.2.10 glued live lines together).
public struct OutDirectory: Sendable {
    let root: String
    let directory: String

    public init(root: String) {
        self.root = root
        directory = root + "/._qik/out"
    }

    public func writeManifest(graph: RunnableGraph, outcomes: [String: RunnableOutcome]) throws {
        let nodes = graph.nodes
        var commandStatus: [(String, CompactJSON)] = []
        var seen: Set<String> = []
        for command in nodes.map(\.command) where seen.insert(command).inserted {
            let statuses = nodes.filter { $0.command == command }.map { status(outcomes[$0.name]) }
            let overall = statuses.contains("failed") ? "failed" : statuses.allSatisfy({ $0 == "success" }) ? "success"
                : statuses.contains("pending") ? "pending" : "skipped"
            commandStatus.append((command, .string(overall)))
        }
        let json = CompactJSON.object([
            ("cmd_status", .object(commandStatus)),
            ("runnables", .strings(nodes.map(\.name))),
            ("runnable_status", .object(nodes.map { ($0.name, .string(status(outcomes[$0.name]))) })),
            ("cached_runnables", .strings(nodes.filter { outcomes[$0.name]?.isReplay == true }.map(\.name))),
        ])
        try PrivateDirectory.ensure(root: root)
        try AtomicFile.writeIfChanged(json.encoded, to: directory + "/manifest.json")
    }

    public func writeLog(_ runnable: Runnable, output: String) throws {
        guard !output.isEmpty else { return }
        try AtomicFile.writeIfChanged(output, to: "\(directory)/\(runnable.name).out")
    }

    private func status(_ outcome: RunnableOutcome?) -> String {
        switch outcome {
        case nil: "pending"
        case .ran(let code, _), .replayed(let code, _): code == 0 ? "success" : "failed"
        case .skipped, .cancelled: "skipped"
        }
    }
}
