import XMLKit

/// Input that cannot be imported: the file, the line (0 when unknown) and the problem.
/// The CLI maps it to exit code 65, and nothing of the import is stored.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The same problem, found by the XML layer.
    public init(_ error: XMLParseError) {
        self.init(file: error.file, line: error.line, message: error.message)
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
