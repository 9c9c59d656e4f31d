#if os(Linux)
import Glibc
#else
import Foundation
#endif

/// What the process started with: its environment variables, working directory and processors, from the C library.
///
/// Not `ProcessInfo` and `FileManager`: the first use of each builds a shared instance (locks, host and argument
/// state) and instantiates Foundation's generic metadata for it, together about a quarter of a millisecond that
/// every qik run would spend before doing anything.
public enum ProcessEnvironment {
    /// The environment variables, read as Foundation's `ProcessInfo.environment` reads them: bytes that are not
    /// UTF-8 become U+FFFD, an entry without `=` is skipped, and a name set twice keeps its last value.
    public static func current() -> [String: String] {
        #if os(Linux)
        var variables: [String: String] = [:]
        guard var cursor = environ as UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? else { return variables }
        while let entry = cursor.pointee {
            if let equals = strchr(entry, Int32(UInt8(ascii: "="))) {
                let nameLength = entry.distance(to: equals)
                let name = entry.withMemoryRebound(to: UInt8.self, capacity: nameLength) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: nameLength), as: UTF8.self)
                }
                variables[name] = String(cString: equals + 1)
            }
            cursor += 1
        }
        return variables
        #else
        return ProcessInfo.processInfo.environment
        #endif
    }

    /// The working directory; "" when it cannot be read (it was deleted), as Foundation's `currentDirectoryPath`.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        return buffer.withUnsafeMutableBufferPointer { bytes in
            guard let start = bytes.baseAddress, getcwd(start, bytes.count) != nil else { return "" }
            return String(cString: start)
        }
    }

    /// The processors online, as Python's `os.cpu_count()` counts them.
    public static let processorCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
