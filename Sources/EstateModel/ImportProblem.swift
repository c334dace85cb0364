/// A file an import skipped or refused: `kind` is `skipped` (not recognised, empty, included by
/// another file) or `refused` (malformed; kept out of an import run with `--keep-going`). Stored
/// with the environment and listed by every report until the file is imported.
public struct ImportProblem: Codable, Sendable, Equatable {
    public var file: String
    /// The line of the problem (0 when it concerns the whole file).
    public var line: Int
    public var kind: String
    public var reason: String

    public init(file: String, line: Int, kind: String, reason: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.reason = reason
    }
}
