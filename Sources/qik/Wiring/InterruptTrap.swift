import Dispatch
import Foundation
import QikCore

/// Ctrl-C or SIGTERM: stop every child's process group (the signal, then SIGKILL after a grace period), let the
/// workers wind down without writing cache entries, and exit 130.
final class InterruptTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// `handler` runs once per signal on a background queue, with the signal to forward (SIGINT or SIGTERM).
    init(handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().async { handler(signalNumber == SIGINT ? SIGINT : SIGTERM) }
            }
            source.resume()
            sources.append(source)
        }
    }

    convenience init(processes: ProcessGroupRegistry, daemons: DaemonSupervisor? = nil) {
        self.init { signal in
            if let daemons { DispatchQueue.global().async { daemons.stopAll() } }
            processes.terminateAll(signal: signal)
        }
    }
}
