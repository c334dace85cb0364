import EstateModel
import Foundation
import InputErrors

/// Reads the `manifest.json` the collector script writes (`ConvertTo-Json` of Windows PowerShell
/// 5.1 or PowerShell 7; UTF-8, with or without BOM): the collector's version, the host, and each
/// item's command, file and status with the error of a failed one.
enum CollectorManifestImporter: Importer {
    static let format = ExportFormat.collectorManifest

    static func recognises(_ head: FileHead) -> Bool {
        // ConvertTo-Json keeps the script's order (collector first); other writers may not.
        head.text.hasPrefix("{") && head.text.contains("\"collector\"") && head.text.contains("Export-AovpnEstate")
    }

    private struct Document: Decodable {
        var collector: String
        var collectorVersion: String
        var host: String
        var osBuild: String?
        var collectedAt: String?
        var items: [CollectionManifest.Item]
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw InputError(file: file.path, line: 1, message: "not valid JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, _) {
            throw InputError(file: file.path, line: 1, message: "the manifest has no '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw InputError(file: file.path, line: 1, message: "'\(path)' has the wrong type")
        } catch {
            throw InputError(file: file.path, line: 1, message: "not a collector manifest: \(error)")
        }
        var estate = Estate()
        estate.collections = [
            CollectionManifest(
                host: document.host, collectorVersion: document.collectorVersion, osBuild: document.osBuild,
                collectedAt: document.collectedAt, items: document.items,
                evidence: Evidence(
                    file: file.path, location: "manifest",
                    value: "\(document.collector) \(document.collectorVersion) on \(document.host)"))
        ]
        return FileImport(
            file: file, format: format, estate: estate,
            objectCounts: [
                "collector items": document.items.count,
                "collector items failed": document.items.filter(\.failed).count,
            ])
    }
}
