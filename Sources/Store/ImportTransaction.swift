import EstateModel
import Foundation
import GRDB

/// One import being written, inside the transaction of ``AdvisorStore/recordImport(environment:at:_:)``:
/// a file's row first, its NRPT rules in batches through one prepared statement while the file
/// streams, then the rest of what the file said. Valid only inside that closure.
public final class ImportTransaction {
    private let db: Database
    private let date: Date
    private let insertRule: Statement
    /// What has been stored so far.
    public private(set) var summary: AdvisorStore.ImportSummary

    init(db: Database, environmentId: Int64, date: Date) throws {
        self.db = db
        self.date = date
        summary = AdvisorStore.ImportSummary(environmentId: environmentId, added: [], alreadyImported: [])
        insertRule = try db.makeStatement(
            sql: """
                INSERT INTO nrptRule (importId, server, name, namespaces, directAccessDnsServers, nameServers, source,
                                      evidenceFile, evidenceLocation, evidenceValue)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// Whether this environment has imported a file of this path (any content).
    public func hasImported(path: String) throws -> Bool {
        try Row.fetchOne(
            db, sql: "SELECT 1 FROM import WHERE environmentId = ? AND file = ? LIMIT 1",
            arguments: [summary.environmentId, path]) != nil
    }

    /// Starts a file: returns its import id, or nil when this environment already has it (same
    /// path in the bundle, same SHA-256). `folder` is the server folder it came from: a later
    /// import of the same path from the same folder replaces this one in the estate. A nil
    /// `sha256` (a path never imported here, see ``hasImported(path:)``) is set by
    /// ``finishFile(importId:sha256:objectCounts:estate:)`` once the file has been read.
    public func beginFile(path: String, folder: String, sha256: String?, format: String) throws -> Int64? {
        if let sha256,
            let existing = try Row.fetchOne(
                db, sql: "SELECT id, folder FROM import WHERE environmentId = ? AND file = ? AND sha256 = ?",
                arguments: [summary.environmentId, path, sha256])
        {
            let existingId: Int64 = existing["id"]
            let existingFolder: String? = existing["folder"]
            let replaced =
                try Row.fetchOne(
                    db,
                    sql: "SELECT 1 FROM import WHERE environmentId = ? AND file = ? AND folder = ? AND id > ?",
                    arguments: [summary.environmentId, path, existingFolder, existingId]) != nil
            guard replaced, existingFolder == folder else {
                summary.alreadyImported.append(path)
                return nil
            }
            // The content came back after another version replaced it: the old row makes way for
            // a new one, which is then the current version.
            try db.execute(sql: "DELETE FROM nrptRule WHERE importId = ?", arguments: [existingId])
            try db.execute(sql: "DELETE FROM import WHERE id = ?", arguments: [existingId])
        }
        var record = ImportRecord(
            id: nil, environmentId: summary.environmentId, file: path, sha256: sha256 ?? "",
            format: format, objectCounts: "{}", model: "{}", importedAt: date, folder: folder)
        try record.insert(db)
        summary.added.append(path)
        return record.id!
    }

    /// Stores NRPT rules of `server` read from the file `importId`, in order.
    public func addNrptRules(_ rules: [NrptRule], server: String, importId: Int64) throws {
        for rule in rules {
            try insertRule.execute(arguments: [
                importId, server, rule.name, LineList.encode(rule.namespaces),
                LineList.encode(rule.directAccessDnsServers), LineList.encode(rule.nameServers),
                rule.source, rule.evidence.file, rule.evidence.location, rule.evidence.value,
            ])
        }
    }

    /// Takes back a file that was begun and then refused (``beginFile(path:folder:sha256:format:)`` and
    /// its NRPT rules): the rest of the import goes on without it.
    public func abandonFile(importId: Int64, path: String) throws {
        try db.execute(sql: "DELETE FROM nrptRule WHERE importId = ?", arguments: [importId])
        try db.execute(sql: "DELETE FROM import WHERE id = ?", arguments: [importId])
        summary.added.removeAll { $0 == path }
    }

    /// Records a file the import skipped or refused (listed in the reports until it is imported).
    public func recordProblem(_ problem: ImportProblem) throws {
        try db.execute(
            sql:
                "INSERT INTO importProblem (environmentId, file, line, kind, reason, recordedAt) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [summary.environmentId, problem.file, problem.line, problem.kind, problem.reason, date])
    }

    /// Completes a file with the rest of its model (its NRPT rules already stored as rows) and
    /// its SHA-256.
    public func finishFile(importId: Int64, sha256: String, objectCounts: [String: Int], estate: Estate) throws {
        try db.execute(
            sql: "UPDATE import SET sha256 = ?, objectCounts = ?, model = ? WHERE id = ?",
            arguments: [sha256, try AdvisorStore.json(objectCounts), try AdvisorStore.json(estate), importId])
    }
}

/// A list of strings in one text column, one item per line; a backslash or line break inside an
/// item is escaped (`\\`, `\n`, `\r`) and an empty item is `\e`, so any list round-trips and the
/// column stays readable.
enum LineList {
    static func encode(_ items: [String]) -> String {
        items.map { item in
            if item.isEmpty { return "\\e" }
            guard item.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }) else { return item }
            return item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
        }.joined(separator: "\n")
    }

    static func decode(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let bytes = text.utf8
        if !bytes.contains(where: { $0 == 0x0A || $0 == 0x5C }) { return [text] }
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            guard line.contains(0x5C) else { return String(decoding: line, as: UTF8.self) }
            if line.elementsEqual("\\e".utf8) { return "" }
            var item: [UInt8] = []
            var escaped = false
            for byte in line {
                if escaped {
                    item.append(byte == UInt8(ascii: "n") ? 0x0A : byte == UInt8(ascii: "r") ? 0x0D : byte)
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else {
                    item.append(byte)
                }
            }
            return String(decoding: item, as: UTF8.self)
        }
    }
}
