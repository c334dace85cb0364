/// The importers, in the order content detection tries them: the first whose
/// ``Importer/recognises(_:)`` accepts a file reads it. XML formats come first (their roots and
/// namespaces are exact), then the text formats from the most specific signature to the least.
public struct ImporterRegistry: Sendable {
    /// The importers, tried in this order.
    public let importers: [any Importer.Type]

    public init(_ importers: [any Importer.Type]) {
        self.importers = importers
    }

    /// Every format this version reads.
    public static let standard = ImporterRegistry([
        CliXmlImporter.self,
        ProfileXMLImporter.self,
        NpsConfigurationImporter.self,
        GpoReportImporter.self,
        WindowsEventXmlImporter.self,
        CollectorManifestImporter.self,
        KempImporter.self,
        RegistryImporter.self,
        RegistryPolImporter.self,
        NetshDumpImporter.self,
        NetshHttpSslCertImporter.self,
        SystemInfoImporter.self,
        IpconfigImporter.self,
        PowerShellTextImporter.self,
        F5Importer.self,
        CitrixImporter.self,
        NginxImporter.self,
        CertificateFileImporter.self,
    ])

    /// The same importers and `more` after them (e.g. a test importer).
    public func adding(_ more: any Importer.Type) -> ImporterRegistry {
        ImporterRegistry(importers + [more])
    }

    /// The importer of the file whose first bytes are `head`, or nil.
    public func importer(for head: FileHead) -> (any Importer.Type)? {
        importers.first { $0.recognises(head) }
    }

    /// The importer of `format`, or nil.
    public func importer(of format: ExportFormat) -> (any Importer.Type)? {
        importers.first { $0.format == format }
    }

    /// The formats, in detection order.
    public var formats: [ExportFormat] { importers.map { $0.format } }
}
