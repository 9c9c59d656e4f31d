import Foundation

/// `<slug>.json` of a cache entry (§5.1): compact JSON, keys in this order, defaults omitted.
public struct CacheManifest: Sendable, Equatable {
    public var name: String
    public var hash: String
    public var code: Int32
    public var log: String?
    public var artifacts: [String]

    public init(name: String, hash: String, code: Int32, log: String? = nil, artifacts: [String] = []) {
        self.name = name
        self.hash = hash
        self.code = code
        self.log = log
        self.artifacts = artifacts
    }

    public var json: String {
        var pairs: [(String, CompactJSON)] = [("name", .string(name)), ("hash", .string(hash)), ("code", .int(Int(code)))]
        if let log { pairs.append(("log", .string(log))) }
        if !artifacts.isEmpty { pairs.append(("artifacts", .strings(artifacts))) }
        return CompactJSON.object(pairs).encoded
    }

    public static func read(_ path: String) -> CacheManifest? {
        // JSONSerialization, not JSONDecoder: the decoder's first use in a process costs about 0.2 ms of generic
        // metadata set-up, on the path of every cached run. Anything malformed is a miss, as a decoding error was.
        guard let bytes = FileBytes.read(path), !bytes.isEmpty,
              // `Data(bytes:count:)`: the generic `Data(_:)` casts its argument at run time on every call.
              let object = (try? JSONSerialization.jsonObject(with: bytes.withUnsafeBytes { Data(bytes: $0.baseAddress!, count: $0.count) }))
                as? [String: Any],
              let name = object["name"] as? String, let hash = object["hash"] as? String,
              let number = object["code"] as? NSNumber, let code = Int32(exactly: number.doubleValue) else { return nil }
        var log: String?
        switch object["log"] {
        case nil, is NSNull: log = nil
        case let text as String: log = text
        default: return nil
        }
        var artifacts: [String] = []
        switch object["artifacts"] {
        case nil, is NSNull: break
        case let list as [String]: artifacts = list
        default: return nil
        }
        return CacheManifest(name: name, hash: hash, code: code, log: log, artifacts: artifacts)
    }
}

/// A result replayed from a cache.
public struct CacheEntry: Sendable, Equatable {
    public let manifest: CacheManifest
    public let log: String
}

/// A finished run to store.
public struct RunResult: Sendable, Equatable {
    public let code: Int32
    public let log: String
    public let hash: String

    public init(code: Int32, log: String, hash: String) {
        self.code = code
        self.log = log
        self.hash = hash
    }
}
