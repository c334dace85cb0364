import EstateModel

/// The public, stable description of a rule, in the manner of SwiftLint's `RuleDescription`.
public struct RuleDescription: Sendable {
    /// Stable kebab-case id (`ikev2-weak-dh-group`). Part of the product: never reuse or rename.
    public let id: String
    /// Title Case name shown in reports.
    public let title: String
    /// The rule module (`protocols`, `ikev2-baseline`, `directaccess`, ...).
    public let module: String
    public let severity: Severity
    /// Why it matters, with the fact it rests on.
    public let rationale: String
    /// What to do about it.
    public let remediation: String
    /// Sources of the fact: public URLs (Microsoft Learn, RFCs, vendor documentation, the seed
    /// articles' posts); at least one per rule, none pointing outside the repository.
    public let references: [String]
    /// Estates on which the rule must report at least one finding.
    public let triggeringExamples: [RuleExample]
    /// Estates on which the rule must assess and report nothing.
    public let nonTriggeringExamples: [RuleExample]
    /// Estates on which the rule must report *not assessed* and no finding (its input is missing
    /// or ambiguous there).
    public let notAssessedExamples: [RuleExample]

    public init(
        id: String, title: String, module: String, severity: Severity, rationale: String,
        remediation: String, references: [String], triggeringExamples: [RuleExample],
        nonTriggeringExamples: [RuleExample], notAssessedExamples: [RuleExample] = []
    ) {
        self.id = id
        self.title = title
        self.module = module
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.notAssessedExamples = notAssessedExamples
    }
}

/// An estate used as a rule example, with the line that declared it (so a failure points there).
public struct RuleExample: Sendable {
    public let summary: String
    public let estate: Estate
    public let file: String
    public let line: UInt

    public init(_ summary: String, file: String = #filePath, line: UInt = #line, _ build: () -> Estate) {
        self.summary = summary
        self.estate = build()
        self.file = file
        self.line = line
    }
}
