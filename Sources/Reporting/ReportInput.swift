import EstateModel
import Foundation
import Planning
import RuleAPI

/// The report formats.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html
    case markdown = "md"
    case json, csv, sarif

    /// The file written into the output folder.
    public var fileName: String { "report.\(rawValue)" }
}

/// Everything a report shows: one assessment of one environment.
public struct ReportInput: Sendable {
    public struct ImportedFile: Sendable, Codable {
        public var file: String
        public var format: String
        public var sha256: String
        public init(file: String, format: String, sha256: String) {
            self.file = file
            self.format = format
            self.sha256 = sha256
        }
    }

    public var environment: String
    public var assessmentId: Int64
    public var assessedAt: Date
    public var toolVersion: String
    public var estate: Estate
    public var findings: [Finding]
    public var rules: [RuleDescription]
    public var imports: [ImportedFile]
    /// The Always On VPN plan shown in its own section (HTML and Markdown), when given.
    public var plan: MigrationPlan?
    /// Files of the export that were skipped or refused (and not imported since).
    public var importProblems: [ImportProblem] = []
    /// The rule set the assessment ran (nil for assessments stored before 0.4).
    public var ruleSet: RuleSet?
    /// What changed since the environment's previous assessment (nil for its first).
    public var changes: AssessmentChanges?
    /// The failed connections among the imported events, explained (nil without events).
    public var diagnosis: Diagnosis?
    /// Every assessment of the environment, oldest first, for the trend charts.
    public var history: [AssessmentTrend] = []

    public init(
        environment: String, assessmentId: Int64, assessedAt: Date, toolVersion: String, estate: Estate,
        findings: [Finding], rules: [RuleDescription], imports: [ImportedFile], plan: MigrationPlan? = nil
    ) {
        self.environment = environment
        self.assessmentId = assessmentId
        self.assessedAt = assessedAt
        self.toolVersion = toolVersion
        self.estate = estate
        self.findings = findings
        self.rules = rules
        self.imports = imports
        self.plan = plan
    }

    /// Findings that fired and that no active exception silences (not the not-assessed results).
    public var firedFindings: [Finding] { findings.filter(\.isActive) }
    /// Findings silenced by an active exception of the configuration file.
    public var exceptedFindings: [Finding] { findings.filter(\.isExcepted) }
    /// Findings whose exception has expired (they count again).
    public var expiredExceptions: [Finding] { findings.filter { $0.isActive && $0.exception != nil } }
    public var notAssessed: [Finding] { findings.filter { $0.outcome == .notAssessed } }

    /// The migration readiness verdict (``MigrationVerdict``).
    public var verdict: MigrationVerdict {
        MigrationVerdict(
            findings: findings, plan: plan,
            readiness: moduleReadiness.map {
                ModuleReadiness(module: $0.module, ready: $0.ready, assessed: $0.assessed)
            })
    }

    /// The distinct remediations, each once (``ActionList``).
    public var actionList: ActionList { ActionList(findings: findings, plan: plan) }

    /// Readiness per module: the share of its rules that were assessed somewhere and fired nowhere.
    public var moduleReadiness: [(module: String, ready: Int, assessed: Int)] {
        ModuleReadiness.compute(
            rules: rules, fired: firedFindings.map { ($0.ruleId, $0.module) },
            notAssessed: notAssessed.map { ($0.ruleId, $0.module) }
        ).map { ($0.module, $0.ready, $0.assessed) }
    }
}
