import EstateModel
import Importers
import Store

/// Connects the importers' streaming output to the store's import transaction: each file's row,
/// its NRPT rules as they are read, then the rest of its model.
final class StoreImportSink: ImportSink {
    private let transaction: ImportTransaction
    private var importId: Int64?

    init(_ transaction: ImportTransaction) { self.transaction = transaction }

    func hasImported(path: String) throws -> Bool { try transaction.hasImported(path: path) }

    func begin(path: String, folder: String, sha256: String?, format: ExportFormat) throws -> Bool {
        importId = try transaction.beginFile(path: path, folder: folder, sha256: sha256, format: format.rawValue)
        return importId != nil
    }

    func receive(nrptRules: [NrptRule], server: String) throws {
        guard let importId else { preconditionFailure("NRPT rules before a file was begun") }
        try transaction.addNrptRules(nrptRules, server: server, importId: importId)
    }

    func abandon(path: String) throws {
        if let importId { try transaction.abandonFile(importId: importId, path: path) }
        importId = nil
    }

    func finish(_ file: FileImport, sha256: String) throws {
        guard let importId else { preconditionFailure("a file finished before it was begun") }
        try transaction.finishFile(
            importId: importId, sha256: sha256, objectCounts: file.objectCounts, estate: file.estate)
        self.importId = nil
    }
}
