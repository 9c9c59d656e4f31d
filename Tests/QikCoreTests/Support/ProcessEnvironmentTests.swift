import Foundation
import Testing

@testable import QikCore

/// The C-library readings that replace `ProcessInfo` and `FileManager` at start-up must answer as they did.
@Suite("ProcessEnvironment and DetachedThread")
struct ProcessEnvironmentTests {
    @Test func environmentMatchesFoundation() {
        let foundation = ProcessInfo.processInfo.environment
        let direct = ProcessEnvironment.current()
        #expect(direct == foundation)
        #expect(!direct.isEmpty)
        // (No setenv here to test values holding "=": tests run in parallel, and setenv may move `environ` under a
        // reader. PATH-like values with "=" are covered by the equality above whenever the environment has one.)
    }

    @Test func workingDirectoryMatchesFoundation() {
        #expect(ProcessEnvironment.currentDirectory() == FileManager.default.currentDirectoryPath)
        #expect(ProcessEnvironment.currentDirectory().hasPrefix("/"))
    }

    @Test func processorCountIsPositive() {
        #expect(ProcessEnvironment.processorCount >= 1)
        #expect(ProcessEnvironment.processorCount <= ProcessInfo.processInfo.processorCount)
    }

    @Test func detachedThreadRunsTheWorkOnAnotherThread() {
        let done = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        final class Seen: @unchecked Sendable { var other = false }
        let seen = Seen()
        DetachedThread.start {
            seen.other = pthread_equal(pthread_self(), caller) == 0
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(seen.other)
    }
}
