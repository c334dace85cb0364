import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of an executable (an external plugin): no shell, started in a process group of its
/// own, stdin written and stdout/stderr read with `poll` until a deadline. At the deadline the
/// whole group is killed (SIGTERM, then SIGKILL two seconds later), and the pipes are read no
/// longer, whatever child or grandchild still holds them. A plugin that exits while a child of
/// its keeps the pipes open gets two seconds for them to close; then the group is killed too.
struct ProcessRun {
    let path: String
    let arguments: [String]
    let input: Data
    let timeout: TimeInterval

    struct Result {
        var stdout = Data()
        var stderr = ""
        var status: Int32 = 0
        var timedOut = false
        var overflowed = false
        var launchError: String?

        func failure(of command: String) -> String? {
            if let launchError { return "cannot run: \(launchError)" }
            if overflowed {
                return "'\(command)' printed more than \(ProcessRun.maxOutputBytes >> 20) MiB and was stopped"
            }
            if timedOut { return "'\(command)' did not finish in time and was killed" }
            if status != 0 { return "'\(command)' failed with exit status \(status)" }
            return nil
        }
    }

    /// A plugin's stdout (and stderr) beyond this is not kept: the plugin is stopped.
    static let maxOutputBytes = 64 << 20
    /// How long the pipes may stay open after the plugin itself exited, and how long a plugin
    /// has between SIGTERM and SIGKILL.
    static let grace: TimeInterval = 2

    func run() -> Result {
        // A plugin that exits before reading its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var result = Result()
        var stdinPipe: [Int32] = [-1, -1]
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            result.launchError = String(cString: strerror(errno))
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            return result
        }
        guard
            let pid = spawn(
                stdin: stdinPipe[0], stdout: stdoutPipe[1], stderr: stderrPipe[1],
                closing: stdinPipe + stdoutPipe + stderrPipe, error: &result.launchError)
        else {
            for fd in stdinPipe + stdoutPipe + stderrPipe { close(fd) }
            return result
        }
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        for fd in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }

        var stdoutFD: Int32 = stdoutPipe[0]
        var stderrFD: Int32 = stderrPipe[0]
        var stdinFD: Int32 = stdinPipe[1]
        var out = Data()
        var err = Data()
        var written = 0
        let deadline = Date().addingTimeInterval(timeout)
        var exitedAt: Date?
        var waitStatus: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)

        func closeFD(_ fd: inout Int32) {
            if fd >= 0 { close(fd) }
            fd = -1
        }
        func killGroup(_ signal: Int32) { kill(-pid, signal) }

        while stdoutFD >= 0 || stderrFD >= 0 || exitedAt == nil {
            let now = Date()
            if now >= deadline {
                result.timedOut = exitedAt == nil
                break
            }
            if let exitedAt, now.timeIntervalSince(exitedAt) > Self.grace { break }  // a child holds the pipes
            if exitedAt == nil, waitpid(pid, &waitStatus, WNOHANG) == pid { exitedAt = now }
            if exitedAt != nil, stdinFD >= 0 { closeFD(&stdinFD) }

            var fds: [pollfd] = []
            if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let wait = Int32(max(0, min(100, deadline.timeIntervalSince(now) * 1000)))
            if fds.isEmpty {
                usleep(10_000)
                continue
            }
            guard poll(&fds, nfds_t(fds.count), wait) >= 0 || errno == EINTR else { break }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinFD {
                    let count = input.count - written
                    if count <= 0 {
                        closeFD(&stdinFD)
                        continue
                    }
                    let sent = input.withUnsafeBytes { bytes in
                        write(stdinFD, bytes.baseAddress!.advanced(by: written), min(count, 65_536))
                    }
                    if sent > 0 {
                        written += sent
                        if written >= input.count { closeFD(&stdinFD) }
                    } else if sent < 0 && errno != EAGAIN && errno != EINTR {
                        closeFD(&stdinFD)  // the plugin closed its input: fine
                    }
                    continue
                }
                let isStdout = entry.fd == stdoutFD
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if isStdout {
                        out.append(contentsOf: buffer[0..<count])
                    } else {
                        err.append(contentsOf: buffer[0..<count])
                    }
                    if out.count > Self.maxOutputBytes || err.count > Self.maxOutputBytes {
                        result.overflowed = true
                        killGroup(SIGKILL)
                        break
                    }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    if isStdout { closeFD(&stdoutFD) } else { closeFD(&stderrFD) }
                }
            }
            if result.overflowed { break }
            if stdinFD >= 0, input.isEmpty { closeFD(&stdinFD) }
        }
        closeFD(&stdinFD)
        closeFD(&stdoutFD)
        closeFD(&stderrFD)

        // Whatever is left of the group goes: politely first if the plugin itself is still running.
        if exitedAt == nil, waitpid(pid, &waitStatus, WNOHANG) == pid { exitedAt = Date() }
        if exitedAt == nil {
            killGroup(SIGTERM)
            let until = Date().addingTimeInterval(Self.grace)
            while Date() < until, waitpid(pid, &waitStatus, WNOHANG) != pid { usleep(20_000) }
            if waitpid(pid, &waitStatus, WNOHANG) == 0 {
                killGroup(SIGKILL)
                waitpid(pid, &waitStatus, 0)
            }
        }
        killGroup(SIGKILL)  // children or grandchildren the plugin left behind

        result.stdout = out.count > Self.maxOutputBytes ? out.prefix(Self.maxOutputBytes) : out
        result.stderr = String(decoding: err.prefix(Self.maxOutputBytes), as: UTF8.self)
        if result.timedOut || result.overflowed {
            result.status = -1
        } else if waitStatus & 0x7f == 0 {
            result.status = (waitStatus >> 8) & 0xff  // exited
        } else {
            result.status = 128 + (waitStatus & 0x7f)  // killed by a signal
        }
        return result
    }

    /// Starts the executable in a new process group with the given descriptors as 0, 1 and 2.
    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32, closing: [Int32], error: inout String?) -> pid_t? {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
        // Its own process group (killed whole at the deadline), and SIGPIPE back to the default.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        var status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        // ETXTBSY: a plugin written a moment ago can still be open for writing in a process another
        // thread of ours just forked (it closes on exec). Wait briefly rather than fail the plugin.
        var attempts = 0
        while status == ETXTBSY, attempts < 40 {
            usleep(50_000)
            attempts += 1
            status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        }
        guard status == 0 else {
            error = String(cString: strerror(status))
            return nil
        }
        return pid
    }
}
