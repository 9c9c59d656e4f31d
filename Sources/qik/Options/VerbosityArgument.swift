/// `-v` alone means verbosity 2 and `-v N` sets it (0.2.10's argparse `nargs="?"`), which argument-parser cannot
/// express; a bare `-v` is rewritten to `-v 2` before parsing.
enum VerbosityArgument {
    static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "-v" || argument == "--verbosity" else { continue }
            let next: String? = index + 1 < arguments.count ? arguments[index + 1] : nil
            let isNumber = next.map { Int($0) != nil } ?? false
            if !isNumber { result.append("2") }
        }
        return result
    }
}
