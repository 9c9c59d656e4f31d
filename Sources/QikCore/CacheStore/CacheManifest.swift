import Foundation

/// `<slug>.json` of a cache entry (§5.1): compact JSON, keys in this order, defaults omitted.
public struct CacheManifest: Sendable, Equatable, Decodable {
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

    enum CodingKeys: String, CodingKey { case name, hash, code, log, artifacts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        hash = try c.decode(String.self, forKey: .hash)
        code = try c.decode(Int32.self, forKey: .code)
        log = try c.decodeIfPresent(String.self, forKey: .log)
        artifacts = try c.decodeIfPresent([String].self, forKey: .artifacts) ?? []
    }

    public var json: String {
        var pairs: [(String, CompactJSON)] = [("name", .string(name)), ("hash", .string(hash)), ("code", .int(Int(code)))]
        if let log { pairs.append(("log", .string(log))) }
        if !artifacts.isEmpty { pairs.append(("artifacts", .strings(artifacts))) }
        return CompactJSON.object(pairs).encoded
    }

    public static func read(_ path: String) -> CacheManifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(CacheManifest.self, from: data)
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
