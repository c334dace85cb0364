/// Input that cannot be read: the file (or bundle entry), the line (0 when unknown) and the
/// problem. Every reader raises this one type — the importers, the XML layer, the YAML settings
/// files — so the CLI maps one type to exit code 65, and nothing of an import is stored.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or bundle entry) being read.
    public var file: String
    /// 1-based line number, or 0 when it is not known.
    public var line: Int
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: problem`, or `file: problem` when the line is not known.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
