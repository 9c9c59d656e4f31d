import Dispatch
import Foundation
import QikCore

/// Ctrl-C or SIGTERM: stop every child's process group (the signal, then SIGKILL after a grace period), let the
/// workers wind down without writing cache entries, and exit 130.
final class InterruptTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(processes: ProcessGroupRegistry) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().async { processes.terminateAll(signal: signalNumber == SIGINT ? SIGINT : SIGTERM) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
