import EstateModel
import Foundation

/// One export format: how to recognise it from a file's first bytes and how to read it into the
/// estate. Every importer is listed once in ``ImporterRegistry``, which content detection,
/// dispatch, the fuzz harness and `Scripts/fuzz.sh` all read: adding a format is one type, one
/// registry line and its fixtures.
public protocol Importer: Sendable {
    /// The format this importer reads; its raw value names it in the store, the fuzz harness and
    /// `import` output.
    static var format: ExportFormat { get }
    /// True when the file's head is this format. Only the head is seen, never the whole file.
    static func recognises(_ head: FileHead) -> Bool
    /// Reads `file` whole; throws ``InputError`` (file, line, problem) on malformed input.
    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport
    /// Other files of the bundle that `file` reads as part of itself (NGINX `include`): they are
    /// not imported on their own. None by default.
    static func includedFiles(of file: ImportedFile, in bundle: [ImportedFile]) throws -> [ImportedFile]
}

extension Importer {
    public static func includedFiles(of file: ImportedFile, in bundle: [ImportedFile]) throws -> [ImportedFile] {
        []
    }
}

/// The first bytes of a file, decoded once for every importer's ``Importer/recognises(_:)``.
public struct FileHead: Sendable {
    /// How many bytes of a file the importers see to recognise it.
    public static let byteCount = 65_536
    /// The raw bytes (at most ``byteCount``).
    public let bytes: Data
    /// The bytes decoded as text (BOM dropped; UTF-16 or UTF-8 by ``TextDecoder``), with leading
    /// white space removed. Invalid sequences are replaced, never fatal: this is only a look.
    public let text: String

    public init(_ bytes: Data) {
        self.bytes = bytes
        self.text = String(TextDecoder.lenientPrefix(bytes).drop { $0.isWhitespace })
    }

    /// True when the text starts like XML (or a PowerShell remoting `#< CLIXML` stream).
    public var isMarkup: Bool { text.hasPrefix("<") || text.hasPrefix("#< CLIXML") }
    /// The first 4 096 characters, where an XML root element and its namespace are.
    public var start: Substring { text.prefix(4096) }
    /// The first line.
    public var firstLine: Substring { text.prefix { !$0.isNewline } }
}

/// What an importer may use besides its own file: the other files of the bundle (NGINX
/// includes) and the streaming writer for NRPT rules.
public struct ImportContext {
    /// Every file of the bundle being imported.
    public let bundle: [ImportedFile]
    let nrptRules: NrptRuleWriter
    /// Keep the user names events carry (`--keep-user-names`); by default only their count.
    public var keepUserNames = false
    /// Fed the file's bytes, in order, by an importer that reads them anyway (the SHA-256 and the
    /// private key scan then need no pass of their own); nil when they are already known.
    var scanner: FileScanner?

    /// Hands one NRPT rule of `server` to the sink (batched; tens of thousands never sit in memory).
    public func write(nrptRule: NrptRule, server: String) throws {
        try nrptRules.write(nrptRule, server: server)
    }
}
