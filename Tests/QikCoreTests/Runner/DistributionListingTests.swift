import Foundation
import Testing

@testable import QikCore

/// The active venv is listed once, before any runnable runs, and only when a runnable will ask for its versions.
@Suite("Active venv listing")
struct DistributionListingTests {
    private final class CountingProvider: DistributionProviding, @unchecked Sendable {
        private let lock = NSLock()
        private var listed = 0
        var count: Int { lock.withLock { listed } }

        func catalog(venv: String, projectRoot: String) -> DistributionCatalog {
            lock.withLock { listed += 1 }
            var catalog = DistributionCatalog()
            catalog.installed = ["requests": "2.32.0"]
            return catalog
        }

        func pins(lockFile: String) -> [String: String] { [:] }
    }

    private func runnable(_ name: String, deps: [RunnableDep]) -> Runnable {
        Runnable(name: name, command: name, exec: "true", cache: "local", cacheWhen: .success, tags: [], deps: deps,
                 artifacts: [], module: nil, space: "default")
    }

    @Test func listedBeforeTheRunOnlyWhenAsked() throws {
        let config = try loadConfig("")
        let provider = CountingProvider()
        let keys = CacheKeyBuilder(config: config, files: InMemoryFileState(), environment: ["VIRTUAL_ENV": "/nonexistent"],
                                   distributions: provider)
        let plain = runnable("lint", deps: [.glob("**.py")])
        keys.readDistributions(askedBy: [plain])
        #expect(provider.count == 0, "no pydist dep: the venv is not listed")
        let versioned = runnable("test", deps: [.glob("**.py"), .pydist("requests")])
        keys.readDistributions(askedBy: [plain, versioned])
        #expect(provider.count == 1, "listed up front, before any key asks")
        #expect(try keys.version(ofDistribution: "requests", in: versioned) == "2.32.0")
        _ = try keys.key(for: versioned, dependencies: [])
        #expect(provider.count == 1, "keys reuse that listing")
    }
}
