import EstateModel
import Foundation
import GRDB
import RuleAPI

extension AdvisorStore {
    // MARK: - Reads

    /// SQL true for an import `i` that no later import of the same path from the same server
    /// folder replaced: the estate is made of these.
    static let currentImport = """
        NOT EXISTS (SELECT 1 FROM import later WHERE later.environmentId = i.environmentId
                    AND later.file = i.file AND later.folder = i.folder AND later.id > i.id)
        """

    /// Environments with their import and assessment counts.
    public func environments() throws -> [EnvironmentSummary] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.createdAt,
                           (SELECT COUNT(*) FROM import i WHERE i.environmentId = e.id AND \(Self.currentImport)) AS imports,
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

    /// The estate of an environment: every current imported file's model (a file imported again
    /// from the same folder with new content replaces its earlier version), with its NRPT rules,
    /// merged in import order. Up to `holdingNrptRules` NRPT rules are read into memory; beyond
    /// that they stay in the store and are read a page at a time as they are iterated, so the
    /// estate's memory does not grow with their number (``NrptRuleList``).
    public func estate(environmentId: Int64, holdingNrptRules: Int = 20_000) throws -> Estate {
        try writer.read { db in
            let total =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM nrptRule r JOIN import i ON i.id = r.importId
                        WHERE i.environmentId = ? AND \(Self.currentImport)
                        """, arguments: [environmentId]) ?? 0
            var rulesByImport: [Int64: [(server: String, rules: NrptRuleList)]] = [:]
            if total <= holdingNrptRules {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT r.name, r.namespaces, r.directAccessDnsServers, r.nameServers, r.source,
                               r.evidenceFile, r.evidenceLocation, r.evidenceValue, r.importId, r.server
                        FROM nrptRule r JOIN import i ON i.id = r.importId
                        WHERE i.environmentId = ? AND \(Self.currentImport) ORDER BY r.id
                        """, arguments: [environmentId])
                while let row = try rows.next() {
                    let importId: Int64 = row[8]
                    let server: String = row[9]
                    let rule = StoredNrptRun.rule(row)
                    if let last = rulesByImport[importId]?.last, last.server == server {
                        rulesByImport[importId]![rulesByImport[importId]!.count - 1].rules.append(rule)
                    } else {
                        rulesByImport[importId, default: []].append((server, [rule]))
                    }
                }
            } else {
                // Runs of rows of one import and server with consecutive ids ("gaps and islands").
                let runs = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT importId, server, MIN(id) AS firstId, COUNT(*) AS rules FROM (
                            SELECT r.id, r.importId, r.server,
                                   r.id - ROW_NUMBER() OVER (PARTITION BY r.importId, r.server ORDER BY r.id) AS island
                            FROM nrptRule r JOIN import i ON i.id = r.importId
                            WHERE i.environmentId = ? AND \(Self.currentImport))
                        GROUP BY importId, server, island ORDER BY firstId
                        """, arguments: [environmentId])
                while let row = try runs.next() {
                    let importId: Int64 = row["importId"]
                    let server: String = row["server"]
                    let run = NrptRuleList(
                        stored: StoredNrptRun(reader: writer, firstId: row["firstId"]), count: row["rules"])
                    if let last = rulesByImport[importId]?.last, last.server == server {
                        rulesByImport[importId]![rulesByImport[importId]!.count - 1].rules += run
                    } else {
                        rulesByImport[importId, default: []].append((server, run))
                    }
                }
            }
            var estate = Estate()
            let decoder = JSONDecoder()
            let models = try Row.fetchCursor(
                db, sql: "SELECT id, model FROM import i WHERE environmentId = ? AND \(Self.currentImport) ORDER BY id",
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

    /// The number of current files of an environment.
    public func importCount(environmentId: Int64) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM import i WHERE environmentId = ? AND \(Self.currentImport)",
                arguments: [environmentId]) ?? 0
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

    /// The current imports of an environment (those the estate is made of), oldest first.
    public func imports(environmentId: Int64) throws -> [ImportRecord] {
        try writer.read { db in
            try ImportRecord.fetchAll(
                db, sql: "SELECT * FROM import i WHERE environmentId = ? AND \(Self.currentImport) ORDER BY id",
                arguments: [environmentId])
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
            let findings = try Row.fetchAll(
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
                    evidenceTotal: row["evidenceTotal"], remediation: row["remediation"],
                    outcome: Finding.Outcome(rawValue: row["outcome"]) ?? .finding,
                    exception: try exceptionJSON.map { try decoder.decode(AppliedException.self, from: Data($0.utf8)) },
                    plugin: row["plugin"], fingerprint: row["fingerprint"])
            }
            // Findings stored before schema v9 get theirs now, by the same rule.
            return FindingFingerprint.fingerprinted(findings)
        }
    }

    /// Every finding of every assessment of an environment, reduced to what trends need: rule,
    /// module, severity and whether it counts, is silenced or was not assessed (by assessment id).
    /// With `assessmentId`, that assessment's only.
    public func findingOutcomes(environmentId: Int64, assessmentId: Int64? = nil) throws -> [Int64: [FindingOutcome]] {
        try writer.read { db in
            let decoder = JSONDecoder()
            var result: [Int64: [FindingOutcome]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT f.assessmentId, f.ruleId, f.module, f.severity, f.outcome, f.exception
                    FROM finding f JOIN assessment a ON a.id = f.assessmentId
                    WHERE a.environmentId = ? AND (? IS NULL OR f.assessmentId = ?) ORDER BY f.id
                    """, arguments: [environmentId, assessmentId, assessmentId])
            while let row = try rows.next() {
                let outcome = Finding.Outcome(rawValue: row[4]) ?? .finding
                let exceptionJSON: String? = row[5]
                let exception = exceptionJSON.flatMap {
                    try? decoder.decode(AppliedException.self, from: Data($0.utf8))
                }
                let kind = Finding.standing(of: outcome, exception: exception)
                result[row[0], default: []].append(
                    FindingOutcome(
                        ruleId: row[1], module: row[2], severity: Severity(rawValue: row[3]) ?? .info, kind: kind))
            }
            return result
        }
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}
