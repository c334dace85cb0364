import Foundation
import GRDB

extension AdvisorStore {
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
        migrator.registerMigration("v9") { db in
            // A finding's identity across assessments (FindingFingerprint); null for findings stored
            // before, whose fingerprints are computed when they are read. `belongsTo` already indexes
            // finding.assessmentId and assessment.environmentId; this one finds a problem's history.
            try db.alter(table: "finding") { t in t.add(column: "fingerprint", .text) }
            try db.create(
                index: "finding_on_assessment_fingerprint", on: "finding", columns: ["assessmentId", "fingerprint"])
            // The server folder an imported file came from: a later import of the same path from the
            // same folder replaces the earlier one in the estate (both rows stay, for history). Rows
            // from before have none and are never replaced.
            try db.alter(table: "import") { t in t.add(column: "folder", .text) }
            try db.create(
                index: "import_on_environment_file", on: "import", columns: ["environmentId", "file", "folder"])
        }
        migrator.registerMigration("v10") { db in
            // How much evidence a finding cited when more than it keeps (Finding.evidenceLimit).
            try db.alter(table: "finding") { t in t.add(column: "evidenceTotal", .integer) }
        }
        return migrator
    }
}
