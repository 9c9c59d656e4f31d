import Foundation

/// The import cache on disk: one line per entry and per import/problem, tab-separated.
///
///     E <content id>
///     I <module> <level> <line> <type-checking 0|1> <from 0|1> <names joined by ','>
///     P <line> <message with \\, \t, \n escaped>
///
/// Module names and imported names are Python identifiers and dots (never tabs, commas or newlines). Any line that
/// does not parse makes the whole file an empty cache.
enum CacheFileFormat {
    static let header = "qik-imports 1"

    static func encode(_ entries: [String: ScanResult]) -> Data {
        var out = header + "\n"
        for id in entries.keys.sorted() {
            let result = entries[id]!
            out += "E\t\(id)\n"
            for imp in result.imports {
                out += "I\t\(imp.module)\t\(imp.level)\t\(imp.line)\t\(imp.typeChecking ? 1 : 0)\t\(imp.isFrom ? 1 : 0)\t"
                out += imp.names.joined(separator: ",") + "\n"
            }
            for problem in result.problems { out += "P\t\(problem.line)\t\(escape(problem.message))\n" }
        }
        return Data(out.utf8)
    }

    static func decode(_ data: Data) -> [String: ScanResult]? {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(header) else { return nil }
        lines = lines.dropFirst()
        var entries: [String: ScanResult] = [:]
        entries.reserveCapacity(lines.count / 4)
        var currentID: String?
        var current = ScanResult()
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch fields.first {
            case "E"?:
                guard fields.count == 2 else { return nil }
                if let currentID { entries[currentID] = current }
                currentID = String(fields[1])
                current = ScanResult()
            case "I"?:
                guard fields.count == 7, currentID != nil, let level = Int(fields[2]), let number = Int(fields[3]) else { return nil }
                let names = fields[6].isEmpty ? [] : fields[6].split(separator: ",").map(String.init)
                current.imports.append(PythonImport(
                    module: String(fields[1]), level: level, names: names, line: number,
                    typeChecking: fields[4] == "1", isFrom: fields[5] == "1"))
            case "P"?:
                guard fields.count == 3, currentID != nil, let number = Int(fields[1]) else { return nil }
                current.problems.append(ScanProblem(file: "", line: number, message: unescape(fields[2])))
            default:
                return nil
            }
        }
        if let currentID { entries[currentID] = current }
        return entries
    }

    static func escape(_ s: String) -> String {
        // Almost every field (module names, file paths) needs no escaping; skip Foundation's search for those.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func unescape(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return String(s) }
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
