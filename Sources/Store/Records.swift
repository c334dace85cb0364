import EstateModel
import Foundation
import GRDB
import RuleAPI

/// A row of `import`.
public struct ImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import"
    public var id: Int64?
    public var environmentId: Int64
    public var file: String
    public var sha256: String
    public var format: String
    /// JSON object: kind → count.
    public var objectCounts: String
    /// JSON of the estate fragment this file contributed.
    public var model: String
    public var importedAt: Date
    /// The server folder the file came from (since schema v9; nil before).
    public var folder: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `assessment`.
public struct AssessmentRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "assessment"
    public var id: Int64?
    public var environmentId: Int64
    public var startedAt: Date
    public var toolVersion: String
    /// JSON of the ``RuleSet`` that ran (since 0.4); a JSON array of rule ids before.
    public var ruleSet: String
    /// Findings (not counting not-assessed results), since schema v2.
    public var findingCount: Int

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An environment with counts, for `environments list`.
public struct EnvironmentSummary: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    public var imports: Int
    public var assessments: Int
}

extension AssessmentRecord {
    /// The rule set stored with the assessment; nil for assessments stored before 0.4 (ids only).
    public var storedRuleSet: RuleSet? {
        try? JSONDecoder().decode(RuleSet.self, from: Data(ruleSet.utf8))
    }
}

/// One finding reduced to what trends need (``AdvisorStore/findingOutcomes(environmentId:)``).
public struct FindingOutcome: Sendable, Equatable {
    public var ruleId: String
    public var module: String
    public var severity: Severity
    public var kind: Finding.Standing

    public init(ruleId: String, module: String, severity: Severity, kind: Finding.Standing) {
        self.ruleId = ruleId
        self.module = module
        self.severity = severity
        self.kind = kind
    }
}
