import EstateModel
import Foundation

/// One file of an export, read from a folder, a zip or the command line.
public struct ImportedFile: Sendable {
    /// Path relative to the bundle root (the file name for a single file).
    public var path: String
    public var data: Data
    /// The server this file belongs to when its content does not say: the folder holding it.
    public var serverHint: String

    public init(path: String, data: Data, serverHint: String) {
        self.path = path
        self.data = data
        self.serverHint = serverHint
    }
}

/// The formats the importers recognise, by content.
public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    case cliXml = "clixml"
    case registry = "reg"
    case netshRasDump = "netsh-ras-dump"
    case f5 = "f5-bigip-conf"
    case citrix = "citrix-ns-conf"
    case kemp = "kemp-listvs-xml"
    case nginx = "nginx-conf"
    /// A PEM private key: never parsed or stored, only its presence recorded.
    case privateKey = "private-key"
}

/// What one file contributed.
public struct FileImport: Sendable {
    public var file: ImportedFile
    public var format: ExportFormat
    public var estate: Estate
    /// Objects read, by kind.
    public var objectCounts: [String: Int]
}
