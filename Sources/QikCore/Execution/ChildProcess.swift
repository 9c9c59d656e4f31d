import Foundation

/// Runs `/bin/sh -c <text>` in its own process group with stdout and stderr merged into one pipe.
///
/// Hand-written over posix_spawn rather than Foundation's `Process` or swift-subprocess: qik needs the child in a
/// new process group (so Ctrl-C and cancellation reach every grandchild) and signal dispositions reset to default,
/// which neither exposes.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public let code: Int32
        public let output: String
    }

    /// The child starts in qik's working directory, which the `qik` executable sets to the project root
    /// (`posix_spawn_file_actions_addchdir_np` is not exposed to Swift on every glibc).
    /// - Parameter onLine: called with each output line (without its newline) as it arrives.
    public static func run(
        shell text: String, environment: [String: String],
        registry: ProcessGroupRegistry, onLine: (String) -> Void
    ) throws -> Outcome {
        var fds: [Int32] = [0, 0]
        // Close-on-exec: a child spawned concurrently by another worker (or a daemon, which lives on) must not
        // inherit this pipe's write end, or this read never sees EOF until that other child exits. The dup2 onto
        // the child's stdout/stderr below clears the flag on those two descriptors only.
        guard makeCloseOnExecPipe(&fds) == 0 else { throw QikError("exec0", "Could not create a pipe: \(String(cString: strerror(errno))).") }
        let (readEnd, writeEnd) = (fds[0], fds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments: [String] = ["/bin/sh", "-c", text]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") }
        envp.append(nil)
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned: Int32 = registry.spawnGuarded {
            descriptorLock.withLock { posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        }
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw QikError("exec0", "Could not start /bin/sh: \(String(cString: strerror(spawned))).")
        }
        registry.register(pid)
        defer { registry.unregister(pid) }

        var output = Data()
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            let chunk = Data(buffer[0..<count])
            output.append(chunk)
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                onLine(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending = Data(pending[pending.index(after: newline)...])
            }
        }
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Outcome(code: exitCode(status), output: String(decoding: output, as: UTF8.self))
    }

    /// Held while a pipe is created and marked close-on-exec, and while a child is spawned, so no spawn can
    /// slip in between `pipe` and `fcntl` (`pipe2` is not exported by Swift's Glibc module).
    private static let descriptorLock = NSLock()

    private static func makeCloseOnExecPipe(_ fds: inout [Int32]) -> Int32 {
        descriptorLock.withLock {
            guard pipe(&fds) == 0 else { return -1 }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return 0
        }
    }

    /// The shell convention: a normal exit's code, or 128 + the signal that ended the process.
    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// Process groups of running children, so an interrupt or a cancellation reaches all of them.
public final class ProcessGroupRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var stopping = false

    public init() {}

    /// Spawning and stopping are mutually exclusive, so no child starts after `terminateAll` began.
    func spawnGuarded(_ spawn: () -> Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        return stopping ? ECANCELED : spawn()
    }

    func register(_ pid: pid_t) { lock.withLock { _ = groups.insert(pid) } }
    func unregister(_ pid: pid_t) { lock.withLock { _ = groups.remove(pid) } }

    public var isStopping: Bool { lock.withLock { stopping } }

    /// Sends `signal` to every group, then SIGKILL to those still alive after `grace` seconds.
    public func terminateAll(signal: Int32 = SIGTERM, grace: Double = 3) {
        let targets: Set<pid_t> = lock.withLock {
            stopping = true
            return groups
        }
        for pid in targets { kill(-pid, signal) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, !(lock.withLock { groups.isEmpty }) { usleep(20_000) }
        for pid in lock.withLock({ groups }) { kill(-pid, SIGKILL) }
    }
}
