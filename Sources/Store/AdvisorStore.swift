import EstateModel
import Foundation
import GRDB
import RuleAPI

/// The one type that owns the SQLite database: environments, imports (with the model each file
/// contributed), assessments and findings. Every write that must stay consistent is one
/// transaction, so a failed import or assessment leaves no trace.
public struct AdvisorStore: Sendable {
    private let writer: any DatabaseWriter

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

    /// The schema, as migrations that are never modified once shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "environment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "import") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("environment", onDelete: .cascade).notNull()
                t.column("file", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("format", .text).notNull()
                t.column("objectCounts", .text).notNull()
                t.column("model", .text).notNull()
                t.column("importedAt", .datetime).notNull()
                t.uniqueKey(["environmentId", "sha256"])
            }
            try db.create(table: "assessment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("environment", onDelete: .cascade).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("toolVersion", .text).notNull()
                t.column("ruleSet", .text).notNull()
            }
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("assessment", onDelete: .cascade).notNull()
                t.column("ruleId", .text).notNull().indexed()
                t.column("module", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("server", .text)
                t.column("title", .text).notNull()
                t.column("message", .text).notNull()
                t.column("evidence", .text).notNull()
                t.column("remediation", .text).notNull()
                t.column("outcome", .text).notNull()
            }
        }
        migrator.registerMigration("v2") { db in
            // The number of findings of each assessment, so history can be listed without reading findings.
            try db.alter(table: "assessment") { t in t.add(column: "findingCount", .integer).notNull().defaults(to: 0) }
            try db.execute(
                sql: """
                    UPDATE assessment SET findingCount =
                      (SELECT COUNT(*) FROM finding WHERE finding.assessmentId = assessment.id AND finding.outcome = 'finding')
                    """)
        }
        migrator.registerMigration("v3") { db in
            // Identical content in two server folders is two facts, not a re-import: a file is the
            // same import when both its path in the bundle and its SHA-256 match.
            try db.create(table: "newImport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("environment", onDelete: .cascade).notNull()
                t.column("file", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("format", .text).notNull()
                t.column("objectCounts", .text).notNull()
                t.column("model", .text).notNull()
                t.column("importedAt", .datetime).notNull()
                t.uniqueKey(["environmentId", "file", "sha256"])
            }
            try db.execute(
                sql: """
                    INSERT INTO newImport (id, environmentId, file, sha256, format, objectCounts, model, importedAt)
                    SELECT id, environmentId, file, sha256, format, objectCounts, model, importedAt FROM import
                    """)
            try db.drop(table: "import")
            try db.rename(table: "newImport", to: "import")
        }
        migrator.registerMigration("v4") { db in
            // The exception (configuration file) that matched a finding: JSON {reason, owner, expires, expired}.
            try db.alter(table: "finding") { t in t.add(column: "exception", .text) }
        }
        migrator.registerMigration("v5") { db in
            // The external plugin that reported a finding (null for built-in rules).
            try db.alter(table: "finding") { t in t.add(column: "plugin", .text) }
        }
        migrator.registerMigration("v6") { db in
            // NRPT rules as rows, written in batches while a file streams: they are most of a large
            // estate. An import's `model` no longer holds them (older imports keep theirs there).
            // List columns hold one item per line (see `LineList`).
            try db.create(table: "nrptRule") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("import", onDelete: .cascade).notNull()
                t.column("server", .text).notNull()
                t.column("name", .text)
                t.column("namespaces", .text).notNull()
                t.column("directAccessDnsServers", .text).notNull()
                t.column("nameServers", .text).notNull()
                t.column("source", .text).notNull()
                t.column("evidenceFile", .text).notNull()
                t.column("evidenceLocation", .text).notNull()
                t.column("evidenceValue", .text).notNull()
            }
        }
        migrator.registerMigration("v7") { db in
            // A finding's evidence as rows (one finding can cite tens of thousands of NRPT rules).
            // Findings stored before keep theirs as JSON in `finding.evidence`; newer ones store `[]` there.
            try db.create(table: "findingEvidence") { t in
                t.belongsTo("finding", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("file", .text).notNull()
                t.column("location", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["findingId", "position"])
            }
        }
        migrator.registerMigration("v8") { db in
            // Files an import skipped (format not recognised, empty, included by another) or
            // refused (malformed, kept out with --keep-going), so that reports list them.
            try db.create(table: "importProblem") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("environment", onDelete: .cascade).notNull()
                t.column("file", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("recordedAt", .datetime).notNull()
            }
        }
        return migrator
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

    /// Stores an assessment and all its findings in a single transaction; returns its id.
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
                    INSERT INTO finding (assessmentId, ruleId, module, severity, server, title, message, evidence, remediation, outcome, exception, plugin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)
                    """)
            let evidenceStatement = try db.makeStatement(
                sql: """
                    INSERT INTO findingEvidence (findingId, position, file, location, value) VALUES (?, ?, ?, ?, ?)
                    """)
            for finding in findings {
                try statement.execute(arguments: [
                    assessmentId, finding.ruleId, finding.module, finding.severity.rawValue,
                    finding.server, finding.title, finding.message,
                    finding.remediation, finding.outcome.rawValue,
                    try finding.exception.map(Self.json), finding.plugin,
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

    // MARK: - Reads

    /// Environments with their import and assessment counts.
    public func environments() throws -> [EnvironmentSummary] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.createdAt,
                           (SELECT COUNT(*) FROM import i WHERE i.environmentId = e.id) AS imports,
                           (SELECT COUNT(*) FROM assessment a WHERE a.environmentId = e.id) AS assessments
                    FROM environment e ORDER BY e.name
                    """
            ).map { row in
                EnvironmentSummary(
                    id: row["id"], name: row["name"], createdAt: row["createdAt"],
                    imports: row["imports"], assessments: row["assessments"])
            }
        }
    }

    /// The id of an environment, or nil.
    public func environmentId(named name: String) throws -> Int64? {
        try writer.read { db in try Self.environmentId(named: name, in: db, creating: false, at: Date()) }
    }

    /// The estate of an environment: every imported file's model, with its NRPT rules, merged in
    /// import order.
    public func estate(environmentId: Int64) throws -> Estate {
        try writer.read { db in
            var rulesByImport: [Int64: [(server: String, rules: [NrptRule])]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.importId, r.server, r.name, r.namespaces, r.directAccessDnsServers, r.nameServers, r.source,
                           r.evidenceFile, r.evidenceLocation, r.evidenceValue
                    FROM nrptRule r JOIN import i ON i.id = r.importId
                    WHERE i.environmentId = ? ORDER BY r.id
                    """, arguments: [environmentId])
            while let row = try rows.next() {
                let importId: Int64 = row[0]
                let server: String = row[1]
                let rule = NrptRule(
                    name: row[2], namespaces: LineList.decode(row[3]),
                    directAccessDnsServers: LineList.decode(row[4]), nameServers: LineList.decode(row[5]),
                    source: row[6], evidence: Evidence(file: row[7], location: row[8], value: row[9]))
                if let last = rulesByImport[importId]?.last, last.server == server {
                    rulesByImport[importId]![rulesByImport[importId]!.count - 1].rules.append(rule)
                } else {
                    rulesByImport[importId, default: []].append((server, [rule]))
                }
            }
            var estate = Estate()
            let decoder = JSONDecoder()
            let models = try Row.fetchCursor(
                db, sql: "SELECT id, model FROM import WHERE environmentId = ? ORDER BY id",
                arguments: [environmentId])
            while let row = try models.next() {
                let importId: Int64 = row[0]
                let model: String = row[1]
                var fragment = try decoder.decode(Estate.self, from: Data(model.utf8))
                fragment.attach(nrptRules: rulesByImport[importId] ?? [])
                estate.merge(fragment)
            }
            return estate
        }
    }

    /// The number of files imported into an environment.
    public func importCount(environmentId: Int64) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import WHERE environmentId = ?", arguments: [environmentId])
                ?? 0
        }
    }

    /// The files of an environment that were skipped or refused and never imported since, each
    /// once (its latest problem), in the order first seen.
    public func importProblems(environmentId: Int64) throws -> [ImportProblem] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT file, line, kind, reason FROM importProblem p
                    WHERE environmentId = ? AND NOT EXISTS (SELECT 1 FROM import i WHERE i.environmentId = p.environmentId AND i.file = p.file)
                    ORDER BY id
                    """, arguments: [environmentId])
            var latest: [String: ImportProblem] = [:]
            var order: [String] = []
            for row in rows {
                let file: String = row["file"]
                if latest[file] == nil { order.append(file) }
                latest[file] = ImportProblem(file: file, line: row["line"], kind: row["kind"], reason: row["reason"])
            }
            return order.compactMap { latest[$0] }
        }
    }

    /// The imports of an environment.
    public func imports(environmentId: Int64) throws -> [ImportRecord] {
        try writer.read { db in
            try ImportRecord.filter(Column("environmentId") == environmentId).order(Column("id")).fetchAll(db)
        }
    }

    /// The latest assessment of an environment, or nil.
    public func latestAssessment(environmentId: Int64) throws -> AssessmentRecord? {
        try writer.read { db in
            try AssessmentRecord.filter(Column("environmentId") == environmentId).order(Column("id").desc).fetchOne(db)
        }
    }

    /// All assessments of an environment, oldest first.
    public func assessments(environmentId: Int64) throws -> [AssessmentRecord] {
        try writer.read { db in
            try AssessmentRecord.filter(Column("environmentId") == environmentId).order(Column("id")).fetchAll(db)
        }
    }

    /// The findings of an assessment.
    public func findings(assessmentId: Int64) throws -> [Finding] {
        try writer.read { db in
            var evidenceByFinding: [Int64: [Evidence]] = [:]
            let evidenceRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT e.findingId, e.file, e.location, e.value FROM findingEvidence e JOIN finding f ON f.id = e.findingId
                    WHERE f.assessmentId = ? ORDER BY e.findingId, e.position
                    """, arguments: [assessmentId])
            while let row = try evidenceRows.next() {
                evidenceByFinding[row[0], default: []].append(Evidence(file: row[1], location: row[2], value: row[3]))
            }
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db, sql: "SELECT * FROM finding WHERE assessmentId = ? ORDER BY id", arguments: [assessmentId]
            ).map { row in
                let id: Int64 = row["id"]
                let evidenceJSON: String = row["evidence"]
                let exceptionJSON: String? = row["exception"]
                // Findings stored before schema v7 keep their evidence as JSON in the row itself.
                let evidence =
                    try evidenceByFinding[id] ?? decoder.decode([Evidence].self, from: Data(evidenceJSON.utf8))
                return Finding(
                    ruleId: row["ruleId"], module: row["module"],
                    severity: Severity(rawValue: row["severity"]) ?? .info, server: row["server"],
                    title: row["title"], message: row["message"], evidence: evidence,
                    remediation: row["remediation"],
                    outcome: Finding.Outcome(rawValue: row["outcome"]) ?? .finding,
                    exception: try exceptionJSON.map { try decoder.decode(AppliedException.self, from: Data($0.utf8)) },
                    plugin: row["plugin"])
            }
        }
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    // MARK: - Helpers

    private static func environmentId(named name: String, in db: Database, creating: Bool, at date: Date) throws
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
