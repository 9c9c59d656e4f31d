@testable import qik
import Testing

/// `QuickRunParser` must give exactly what argument-parser gives for every vector it accepts, and accept the
/// everyday ones; anything else it must leave to argument-parser.
@Suite("Quick run parser")
struct QuickRunParserTests {
    static let accepted: [[String]] = [
        [], ["--ls"], ["lint", "test"], ["--since", "origin/main", "--ls"], ["--since=HEAD~5", "-n", "4"],
        ["-f", "lint", "-n", "2"], ["-m", "a", "--module", "b", "-s", "s1", "-t", "x", "--tag=y"],
        ["--cache", "repo", "--cache-status", "cold", "--ls", "--json"], ["--fail", "--isolated"],
        ["-l", "stdout", "-v", "0"], ["--verbosity", "2", "--logger=progress"], ["--since-mode", "diff", "--since", "v1"],
        ["--ls", "lint"], ["lint", "run"], ["--workers=3", "a b", "ü"], ["--since", "HEAD@{1}"],
    ]

    static let declined: [[String]] = [
        ["--help"], ["-h"], ["--version"], ["run", "--ls"], ["watch"], ["hooks", "run", "pre-commit"], [":graph"],
        [":config"], [":git", "blobs"], ["help"], ["--", "lint"], ["-fn", "2"], ["--since"], ["--since", "--ls"],
        ["-n", "x"], ["-n", "-1"], ["--since", "a", "--since", "b"], ["--ls", "--ls"], ["--ls=yes"], ["--unknown"],
        ["--watch"], ["-n"], ["--since="],
    ]

    @Test(arguments: accepted)
    func agreesWithArgumentParser(arguments: [String]) throws {
        let quick = try #require(QuickRunParser.parse(arguments))
        let command = try RunCommand.parse(arguments)
        #expect(quick == RunArguments(command.selection, command.execution))
        #expect(!command.watch)
    }

    @Test(arguments: declined)
    func leavesTheRestToArgumentParser(arguments: [String]) {
        #expect(QuickRunParser.parse(arguments) == nil)
    }

    /// Every option the run command declares is one the quick parser knows (else it is only slower, but then the
    /// table is stale): argument-parser's own help dump lists them.
    @Test func knowsEveryRunOption() throws {
        let help = RunCommand.helpMessage(includeHidden: true, columns: 500)
        // Option lines start with their spellings: `  -n, --workers <workers> Number of …`.
        var spellings: Set<String> = []
        for line in help.split(separator: "\n") {
            for word in line.split(whereSeparator: { $0 == " " || $0 == "," }) {
                guard word.hasPrefix("-") else { break }
                spellings.insert(String(word))
            }
        }
        spellings.subtract(["-h", "--help", "--watch", "--version"])
        #expect(spellings.count > 15)
        let flags: Set<String> = ["--force", "-f", "--ls", "--json", "--fail", "--isolated"]
        for spelling in spellings {
            let vector: [String] = flags.contains(spelling) ? [spelling] : [spelling, "1"]
            #expect(QuickRunParser.parse(vector) != nil, "\(spelling)")
        }
    }
}
