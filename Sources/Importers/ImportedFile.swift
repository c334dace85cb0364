import EstateModel
import Foundation
import InputErrors

/// One file of an export, read from a folder, a zip or the command line. Small files are held in
/// memory; large files on disk stay there (`url`) and are streamed by the importers that can.
public struct ImportedFile: Sendable {
    /// Path relative to the bundle root (the file name for a single file).
    public var path: String
    /// The contents, when held in memory (empty for a file left on disk).
    public var data: Data
    /// The file on disk whose contents were not loaded, if any.
    public var url: URL?
    /// The server this file belongs to when its content does not say: the folder holding it.
    public var serverHint: String

    public init(path: String, data: Data, serverHint: String) {
        self.path = path
        self.data = data
        self.serverHint = serverHint
    }

    /// A file left on disk until an importer reads it.
    public init(path: String, url: URL, serverHint: String) {
        self.path = path
        self.data = Data()
        self.url = url
        self.serverHint = serverHint
    }

    /// The whole contents (read from disk for a file left there).
    public func contents() throws -> Data {
        guard let url else { return data }
        do { return try Data(contentsOf: url) } catch {
            throw InputError(file: path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Size in bytes.
    public var size: Int {
        guard let url else { return data.count }
        return (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }

    /// The first `count` bytes, for format detection.
    public func head(_ count: Int) -> Data {
        guard let url else { return data.prefix(count) }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)) ?? Data()
    }

    /// Calls `body` with the contents in chunks of at most `chunkSize` bytes, each overlapping the
    /// previous by `overlap` bytes (so a marker cut by a chunk boundary is still seen whole).
    public func forEachChunk(chunkSize: Int = 4 << 20, overlap: Int = 0, _ body: (Data) throws -> Void) throws {
        guard let url else { return try body(data) }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw InputError(file: path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var tail = Data()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            try body(tail.isEmpty ? chunk : tail + chunk)
            tail = overlap > 0 ? Data(chunk.suffix(overlap)) : Data()
        }
    }
}

/// The name of an export format, as stored with each imported file. An open set: each
/// ``Importer`` names its own (a test importer adds one without touching this type).
public struct ExportFormat: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// PowerShell `Export-Clixml`.
    public static let cliXml = ExportFormat(rawValue: "clixml")
    /// A `.reg` export (`reg export`, regedit).
    public static let registry = ExportFormat(rawValue: "reg")
    /// `netsh ras dump` output.
    public static let netshRasDump = ExportFormat(rawValue: "netsh-ras-dump")
    /// F5 BIG-IP `bigip.conf` (tmsh).
    public static let f5 = ExportFormat(rawValue: "f5-bigip-conf")
    /// Citrix ADC `ns.conf`.
    public static let citrix = ExportFormat(rawValue: "citrix-ns-conf")
    /// Kemp LoadMaster `listvs` XML.
    public static let kemp = ExportFormat(rawValue: "kemp-listvs-xml")
    /// NGINX `stream` configuration.
    public static let nginx = ExportFormat(rawValue: "nginx-conf")
    /// An Always On VPN client profile (VPNv2 CSP ProfileXML).
    public static let profileXML = ExportFormat(rawValue: "profilexml")
    /// `netsh http show sslcert` output: the HTTP.sys TLS bindings (SSTP, IP-HTTPS).
    public static let netshHttpSslCert = ExportFormat(rawValue: "netsh-http-sslcert")
    /// PowerShell's formatted text (`Out-File`) of the property sets the advisor knows.
    public static let powerShellText = ExportFormat(rawValue: "powershell-text")
    /// `ipconfig /all` output (English).
    public static let ipconfig = ExportFormat(rawValue: "ipconfig")
    /// `systeminfo` output (English).
    public static let systemInfo = ExportFormat(rawValue: "systeminfo")
    /// A Network Policy Server configuration (`Export-NpsConfiguration`, `netsh nps export`).
    public static let npsConfiguration = ExportFormat(rawValue: "nps-xml")
    /// A Group Policy `Registry.pol` (PReg version 1).
    public static let registryPol = ExportFormat(rawValue: "registry-pol")
    /// The collector script's `manifest.json` (what was collected on a server, what failed).
    public static let collectorManifest = ExportFormat(rawValue: "collector-manifest")
    /// Windows events as `wevtutil qe … /f:xml` writes them (events back to back, no root).
    public static let windowsEventXml = ExportFormat(rawValue: "windows-event-xml")
    /// A Group Policy report (`Get-GPOReport -ReportType Xml`, a GPMC backup's `gpreport.xml`).
    public static let gpoReport = ExportFormat(rawValue: "gpreport-xml")
    /// An X.509 certificate file (DER or PEM, one or several).
    public static let certificate = ExportFormat(rawValue: "x509-certificate")
    /// A PEM private key or a PKCS#12 (`.pfx`) file: never parsed or stored, only its presence recorded.
    public static let privateKey = ExportFormat(rawValue: "private-key")
}

/// What one file contributed.
public struct FileImport: Sendable {
    public var file: ImportedFile
    public var format: ExportFormat
    public var estate: Estate
    /// Objects read, by kind.
    public var objectCounts: [String: Int]

    public init(file: ImportedFile, format: ExportFormat, estate: Estate, objectCounts: [String: Int]) {
        self.file = file
        self.format = format
        self.estate = estate
        self.objectCounts = objectCounts
    }
}
