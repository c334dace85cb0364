/// A problem found while parsing XML, with the file and line it was found at.
public struct XMLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or bundle entry) being parsed.
    public var file: String
    /// 1-based line number, or 0 when libxml2 could not tell.
    public var line: Int
    /// What is wrong, in libxml2's words or ours.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
