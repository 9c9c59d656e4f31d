import Foundation

/// Dotted names interned to dense ids (0, 1, 2 … in insertion order) and found by their UTF-8 bytes, so resolving
/// thousands of imports builds no Strings. Open addressing over 64-bit FNV-1a hashes.
struct NameTable {
    /// Every name's bytes back to back; name `i` is `storage[starts[i]..<starts[i + 1]]`.
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Ids by hash slot, -1 for empty; the capacity is a power of two kept at most half full.
    private var slots: [Int32]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { hashes.count }

    func find(_ name: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash, equals(id, name) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    func find(_ name: String) -> Int32? {
        var name = name
        return name.withUTF8 { find($0) }
    }

    /// The id of `name`, adding it when new.
    @discardableResult
    mutating func intern(_ name: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = find(name) { return id }
        let id = Int32(hashes.count)
        let hash = Self.hash(name)
        storage.append(contentsOf: name)
        starts.append(storage.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count { grow() } else { place(id, hash) }
        return id
    }

    @discardableResult
    mutating func intern(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { intern($0) }
    }

    func withName<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[starts[Int(id)]..<starts[Int(id) + 1]]))
        }
    }

    func string(_ id: Int32) -> String {
        withName(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Ids in name order: UTF-8 bytes, which is Python's code-point order.
    func sortedIDs() -> [Int32] {
        storage.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { starts in
                func name(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: all[starts[Int(id)]..<starts[Int(id) + 1]])
                }
                return (0..<Int32(count)).sorted { UTF8Order.less(name($0), name($1)) }
            }
        }
    }

    private func equals(_ id: Int32, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        guard end - start == name.count else { return false }
        return storage.withUnsafeBufferPointer { all in
            name.isEmpty || memcmp(all.baseAddress! + start, name.baseAddress!, name.count) == 0
        }
    }

    private mutating func place(_ id: Int32, _ hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() { place(Int32(id), hash) }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
