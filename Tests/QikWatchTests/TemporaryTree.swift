import Foundation
import Glibc
import Testing
@testable import QikWatch

/// A scratch directory tree for tests against the real kernel; removed on deinit.
final class TemporaryTree {
    let root: String

    init() {
        var template = Array("/tmp/qik-watch-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// open(O_CREAT|O_TRUNC), write, close: one IN_CLOSE_WRITE, like an editor's in-place save.
    func write(_ relative: String, _ content: String = "x") {
        let fd = open(path(relative), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "open \(relative): \(errno)")
        _ = content.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    func mkdir(_ relative: String) {
        try! FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    func rename(_ from: String, _ to: String) {
        precondition(Glibc.rename(path(from), path(to)) == 0, "rename \(from) \(to): \(errno)")
    }

    func remove(_ relative: String) { try! FileManager.default.removeItem(atPath: path(relative)) }

    /// Sets the times to now without touching the content: IN_ATTRIB only.
    func touch(_ relative: String) {
        precondition(utimensat(AT_FDCWD, path(relative), nil, 0) == 0)
    }
}

/// Takes batches until `done` holds for everything seen so far, or `within` passes.
/// The merged view keeps the last kind reported for each path.
func collect(
    _ session: WatchSession, within: Duration = .seconds(2),
    until done: ([String: PathChange.Kind], _ rescan: Bool) -> Bool
) -> (merged: [String: PathChange.Kind], batches: [ChangeBatch]) {
    let clock = ContinuousClock()
    let deadline = clock.now + within
    var merged: [String: PathChange.Kind] = [:]
    var batches: [ChangeBatch] = []
    var rescan = false
    while clock.now < deadline {
        guard let batch = session.nextBatch(timeout: deadline - clock.now) else { continue }
        batches.append(batch)
        rescan = rescan || batch.rescan
        for change in batch.changes { merged[change.path] = change.kind }
        if done(merged, rescan) { break }
    }
    return (merged, batches)
}

/// Takes everything that arrives within `window`; for "nothing happens" assertions.
func drain(_ session: WatchSession, window: Duration = .milliseconds(300)) -> [ChangeBatch] {
    let clock = ContinuousClock()
    let deadline = clock.now + window
    var batches: [ChangeBatch] = []
    while clock.now < deadline {
        if let batch = session.nextBatch(timeout: deadline - clock.now) { batches.append(batch) }
    }
    return batches
}
