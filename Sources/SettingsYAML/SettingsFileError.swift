/// A plan or configuration file (YAML) that cannot be read: the file, the line (0 when unknown)
/// and the problem.
/// The CLI maps it to exit code 65.
public struct SettingsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
