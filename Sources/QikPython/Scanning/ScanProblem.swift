/// A place where a source file did not tokenize or parse. The scan keeps what it found before and after it.
public struct ScanProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
