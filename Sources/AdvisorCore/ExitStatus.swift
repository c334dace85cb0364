import InputErrors

/// The documented exit codes, and the one mapping from the pipeline's errors to them (a public
/// contract: change only with a migration note in the README).
public enum ExitStatus {
    /// Done.
    public static let done: Int32 = 0
    /// Findings at or above `--fail-on`, or a rule pack example that does not behave.
    public static let findings: Int32 = 1
    /// Usage: an unknown environment, rule or option value.
    public static let usage: Int32 = 64
    /// Bad input: a file, line and problem.
    public static let badInput: Int32 = 65
    /// The database or an output file cannot be read or written.
    public static let ioError: Int32 = 74

    /// The exit code of `error` and the message to print for it.
    public static func of(_ error: any Error) -> (code: Int32, message: String) {
        switch error {
        case let error as InputError: (badInput, "bad input: \(error)")
        case let error as AdvisorError: (usage, error.description)
        default: (ioError, "\(error)")
        }
    }
}
