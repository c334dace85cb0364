import EstateModel
import Foundation
import GRDB
import RuleAPI

/// The one type that owns the SQLite database: environments, imports (with the model each file
/// contributed), assessments and findings. Every write that must stay consistent is one
/// transaction, so a failed import or assessment leaves no trace.
public struct AdvisorStore: Sendable {
    /// The database; reads live in AdvisorStore+Reads.swift, the schema in AdvisorStore+Migrations.swift.
    let writer: any DatabaseWriter

    /// Opens (or creates) the database file and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        // The schema check and the migrations are not safe against another process doing the
        // same on a new file, so opening is serialised with an advisory lock on the file itself
        // (flock, which does not interfere with SQLite's own fcntl locks).
        let descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        if descriptor >= 0 { flock(descriptor, LOCK_EX) }
        defer {
            if descriptor >= 0 {
                flock(descriptor, LOCK_UN)
                close(descriptor)
            }
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try self.init(writer: queue)
    }

    /// An in-memory store, for tests.
    public static func inMemory() throws -> AdvisorStore { try AdvisorStore(writer: DatabaseQueue()) }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        let migrator = Self.migrator
        let newer = try Self.retryingWhenBusy {
            try writer.read { db -> [String] in
                guard try migrator.hasBeenSuperseded(db) else { return [] }
                return Array(try migrator.appliedIdentifiers(db).subtracting(migrator.migrations))
            }
        }
        guard newer.isEmpty else {
            throw StoreError.newerSchema(unknownMigrations: newer.sorted(), known: migrator.migrations)
        }
        try Self.retryingWhenBusy { try migrator.migrate(writer) }
    }

    /// Runs `body`, again after a short pause while SQLite reports the database busy or locked
    /// (at most about 30 s in all).
    static func retryingWhenBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            {
                attempt += 1
                if attempt > 300 { throw error }
                usleep(100_000)
            }
        }
    }

    /// One write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a
    /// concurrent writer waits in the busy handler instead of failing on a lock upgrade.
    private func immediateWrite<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        try Self.retryingWhenBusy {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    // MARK: - Writes

    /// What an import stored.
    public struct ImportSummary: Sendable, Equatable {
        public var environmentId: Int64
        public var added: [String]
        /// Files already imported into this environment (same path in the bundle, same SHA-256).
        public var alreadyImported: [String]
    }

    /// Runs `body` in one write transaction that stores an import file by file, as the files are
    /// read: if `body` throws, nothing of the import is stored.
    public func recordImport(
        environment: String, at date: Date = Date(),
        _ body: @escaping (ImportTransaction) throws -> Void
    ) throws -> ImportSummary {
        try immediateWrite { db in
            let environmentId = try Self.environmentId(named: environment, in: db, creating: true, at: date)!
            let transaction = try ImportTransaction(db: db, environmentId: environmentId, date: date)
            try body(transaction)
            return transaction.summary
        }
    }

    /// Stores an assessment and all its findings (with their fingerprints) in a single
    /// transaction; returns its id.
    public func recordAssessment(
        environmentId: Int64, toolVersion: String, ruleSet: RuleSet, findings: [Finding],
        at date: Date = Date()
    ) throws -> Int64 {
        try immediateWrite { db in
            var assessment = AssessmentRecord(
                id: nil, environmentId: environmentId, startedAt: date,
                toolVersion: toolVersion, ruleSet: try Self.json(ruleSet),
                findingCount: findings.filter(\.isActive).count)
            try assessment.insert(db)
            let assessmentId = assessment.id!
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO finding (assessmentId, ruleId, module, severity, server, title, message, evidence, remediation, outcome, exception, plugin, fingerprint, evidenceTotal)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?)
                    """)
            let evidenceStatement = try db.makeStatement(
                sql: """
                    INSERT INTO findingEvidence (findingId, position, file, location, value) VALUES (?, ?, ?, ?, ?)
                    """)
            for finding in FindingFingerprint.fingerprinted(findings) {
                try statement.execute(arguments: [
                    assessmentId, finding.ruleId, finding.module, finding.severity.rawValue,
                    finding.server, finding.title, finding.message,
                    finding.remediation, finding.outcome.rawValue,
                    try finding.exception.map(Self.json), finding.plugin, finding.fingerprint, finding.evidenceTotal,
                ])
                let findingId = db.lastInsertedRowID
                for (position, evidence) in finding.evidence.enumerated() {
                    try evidenceStatement.execute(arguments: [
                        findingId, position, evidence.file, evidence.location, evidence.value,
                    ])
                }
            }
            return assessmentId
        }
    }

    // MARK: - Helpers

    static func environmentId(named name: String, in db: Database, creating: Bool, at date: Date) throws
        -> Int64?
    {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM environment WHERE name = ?", arguments: [name]) {
            return id
        }
        guard creating else { return nil }
        try db.execute(sql: "INSERT INTO environment (name, createdAt) VALUES (?, ?)", arguments: [name, date])
        return db.lastInsertedRowID
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
