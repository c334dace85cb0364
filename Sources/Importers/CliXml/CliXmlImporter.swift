import EstateModel
import Foundation
import XMLKit

/// Imports a PowerShell `Export-Clixml` file (UTF-16LE with BOM from Windows PowerShell 5.1,
/// UTF-8 from PowerShell 7, or a remoting stream prefixed with `#< CLIXML`).
enum CliXmlImporter: Importer {
    static let format = ExportFormat.cliXml

    static func recognises(_ head: FileHead) -> Bool { head.isMarkup && recognises(String(head.start)) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file, nrptRules: context.nrptRules, keepUserNames: context.keepUserNames)
    }

    /// True when the content is a CLIXML document: root `<Objs>` in the PowerShell namespace.
    static func recognises(_ head: String) -> Bool {
        head.contains("<Objs") && head.contains(CliXmlReader.namespace)
    }

    static func importFile(_ file: ImportedFile, nrptRules: NrptRuleWriter, keepUserNames: Bool = false) throws
        -> FileImport
    {
        var mapper = CliXmlMapper(
            file: file.path, serverHint: file.serverHint, nrptRules: nrptRules, keepUserNames: keepUserNames)
        let cliXml = CliXmlReader(file: file.path) { value, line in try mapper.map(value, line: line) }
        try cliXml.read { parser in
            // The file streams from disk in pieces; a remoting prefix needs the bytes first.
            let head = file.head(64)
            if strippingRemotingPrefix(head) == head {
                try file.forEachChunk(chunkSize: 1 << 20) { try parser.feed($0) }
            } else {
                try parser.feed(strippingRemotingPrefix(try file.contents()))
            }
        }
        for line in cliXml.secureStringLines { mapper.secureString(at: line) }
        mapper.forgottenReferences(cliXml.forgottenReferences)
        mapper.finish()
        return FileImport(file: file, format: .cliXml, estate: mapper.estate, objectCounts: mapper.counts)
    }

    /// Remoting output starts with a `#< CLIXML` line before the document: drop that line, keep
    /// the BOM so libxml2 still sees the encoding.
    static func strippingRemotingPrefix(_ data: Data) -> Data {
        let (encoding, bom) = TextDecoder.detect(data)
        let unit = encoding == .utf16LE || encoding == .utf16BE ? 2 : 1
        let marker = "#< CLIXML"
        let markerBytes: [UInt8]
        switch encoding {
        case .utf16LE: markerBytes = marker.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: markerBytes = marker.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        default: markerBytes = Array(marker.utf8)
        }
        let body = data.dropFirst(bom)
        guard body.starts(with: markerBytes) else { return data }
        var index = body.startIndex
        while index + unit <= body.endIndex {
            let isNewline =
                encoding == .utf16BE
                ? body[index + 1] == 0x0A && body[index] == 0
                : body[index] == 0x0A && (unit == 1 || body[index + 1] == 0)
            if isNewline {
                return data.prefix(bom) + body[(index + unit)...]
            }
            index += unit
        }
        return data
    }
}
