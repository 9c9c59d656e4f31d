/// Folds a batch's raw events into at most one `PathChange` per path. Pure.
///
/// The kind follows from two facts per path: did it exist before the batch (its first event was not a
/// creation) and does it exist after (its last event was not a deletion).
///
/// | before | after | result                                          |
/// |--------|-------|-------------------------------------------------|
/// | no     | no    | dropped (created then deleted: a scratch file)  |
/// | no     | yes   | `created`                                       |
/// | yes    | no    | `deleted`                                       |
/// | yes    | yes   | `modified` (deleted then created is a modify)   |
///
/// A rename onto a path counts as "existed before", so the atomic save (`x.tmp` renamed onto `x`) reports
/// `x` as `modified`. A rename source called `*.tmp` whose rename target is in the batch is dropped even if
/// it was created in an earlier batch.
public struct ChangeCoalescer: Sendable {
    private struct Entry: Sendable {
        var existedBefore: Bool
        var existsAfter: Bool
        var isDirectory: Bool
        var renameCookies: [UInt32] = []
    }

    private var entries: [String: Entry] = [:]
    private var renameTargetCookies: Set<UInt32> = []
    public private(set) var rescan = false

    public init() {}

    public var isEmpty: Bool { entries.isEmpty && !rescan }

    public mutating func add(_ event: RawEvent) {
        let existsAfter: Bool
        let existedIfFirst: Bool
        switch event.kind {
        case .overflow:
            rescan = true
            return
        case .created: (existedIfFirst, existsAfter) = (false, true)
        case .modified: (existedIfFirst, existsAfter) = (true, true)
        case .deleted: (existedIfFirst, existsAfter) = (true, false)
        case .movedFrom: (existedIfFirst, existsAfter) = (true, false)
        case .movedTo(let cookie):
            renameTargetCookies.insert(cookie)
            (existedIfFirst, existsAfter) = (true, true)
        }
        var entry = entries[event.path]
            ?? Entry(existedBefore: existedIfFirst, existsAfter: existsAfter, isDirectory: event.isDirectory)
        entry.existsAfter = existsAfter
        entry.isDirectory = event.isDirectory
        if case .movedFrom(let cookie) = event.kind { entry.renameCookies.append(cookie) }
        entries[event.path] = entry
    }

    public mutating func add(_ events: some Sequence<RawEvent>) {
        for event in events { add(event) }
    }

    public func batch() -> ChangeBatch {
        var changes: [PathChange] = []
        changes.reserveCapacity(entries.count)
        for (path, entry) in entries {
            if entry.renameCookies.contains(where: renameTargetCookies.contains),
                EventFilter.isRenameScratch(RawEvent(path: path, kind: .deleted).name)
            {
                continue
            }
            let kind: PathChange.Kind
            switch (entry.existedBefore, entry.existsAfter) {
            case (false, false): continue
            case (false, true): kind = .created
            case (true, false): kind = .deleted
            case (true, true): kind = .modified
            }
            changes.append(PathChange(path: path, kind: kind, isDirectory: entry.isDirectory && kind == .deleted))
        }
        changes.sort { $0.path < $1.path }
        return ChangeBatch(changes: changes, rescan: rescan)
    }
}
