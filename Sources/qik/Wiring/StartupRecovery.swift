import Foundation
import QikCore
import QikGit

/// Run at the start of every qik invocation: if a pre-commit hook was killed while it had the user's unstaged work
/// set aside, put the work back now and say so. Costs a few `stat` calls when there is nothing to do.
enum StartupRecovery {
    static func run(environment: [String: String]) {
        let cwd = ProcessEnvironment.currentDirectory()
        guard GuardRecovery.pendingRecordGitDir(from: cwd, environment: environment) != nil else { return }
        do {
            let repository = try GitRepository(discoveringFrom: cwd)
            if let report = try GuardRecovery.recoverStale(repository: repository) { announce(report) }
        } catch let error as QikError {
            FileHandle.standardError.write(Data((ErrorPresenter.render(error) + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data("qik: could not restore set-aside work: \(error). Run `qik hooks recover`.\n".utf8))
        }
    }

    static func announce(_ report: GuardRecovery.Report) {
        var text = "qik: a \(report.hook) hook (pid \(report.pid)) was interrupted while your unstaged changes were set aside; "
        text += "restored \(report.restored.count) file(s): \(report.restored.sorted().prefix(8).joined(separator: ", "))"
        text += report.restored.count > 8 ? ", …\n" : "\n"
        if !report.backedUp.isEmpty {
            text += "qik: the work tree held other content for \(report.backedUp.sorted().joined(separator: ", ")); kept it in \(report.keptAt)/current/\n"
        }
        text += "qik: saved copies stay in \(report.keptAt) (record.json maps them to paths); "
        text += "if anything is missing, copy it back from there. Manual recovery of a pending record: `qik hooks recover`.\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
