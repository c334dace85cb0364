import EstateModel

/// What a rule concluded about one server (or the estate).
public struct Finding: Codable, Hashable, Sendable {
    /// `finding`: the rule fired. `notAssessed`: the rule's input was absent from the export.
    public enum Outcome: String, Codable, Hashable, Sendable {
        case finding
        case notAssessed = "not-assessed"
    }

    public var ruleId: String
    public var module: String
    public var severity: Severity
    /// Server display name, or nil for an estate-wide finding.
    public var server: String?
    public var title: String
    public var message: String
    /// What the rule cited, in its order: at most ``evidenceLimit`` pieces (see ``evidenceTotal``).
    public var evidence: [Evidence]
    /// How many pieces of evidence the rule cited when that was more than ``evidenceLimit`` (only
    /// the first are kept); nil when all are kept. A finding about every rule of a 500 000-rule
    /// NRPT would otherwise carry them all through the store and every report.
    public var evidenceTotal: Int?
    public var remediation: String
    public var outcome: Outcome
    /// The exception from the configuration file that matched this finding, if any. An active one
    /// silences the finding (it stays stored and is reported in its own section); an expired one
    /// no longer applies and the report says so.
    public var exception: AppliedException?
    /// The external plugin that reported it (nil for built-in rules).
    public var plugin: String?
    /// Its identity across assessments (``FindingFingerprint``), set when the assessment is stored.
    public var fingerprint: String?

    /// The most pieces of evidence a finding keeps.
    public static let evidenceLimit = 1_000

    /// `evidence` beyond ``evidenceLimit`` is dropped and counted in ``evidenceTotal`` (as is a
    /// larger `evidenceTotal` given by a rule that counted without collecting).
    public init(
        ruleId: String, module: String, severity: Severity, server: String?, title: String,
        message: String, evidence: [Evidence], evidenceTotal: Int? = nil, remediation: String, outcome: Outcome,
        exception: AppliedException? = nil, plugin: String? = nil, fingerprint: String? = nil
    ) {
        self.ruleId = ruleId
        self.module = module
        self.severity = severity
        self.server = server
        self.title = title
        self.message = message
        self.evidence = evidence.count > Self.evidenceLimit ? Array(evidence.prefix(Self.evidenceLimit)) : evidence
        let total = max(evidenceTotal ?? 0, evidence.count)
        self.evidenceTotal = total > self.evidence.count ? total : nil
        self.remediation = remediation
        self.outcome = outcome
        self.exception = exception
        self.plugin = plugin
        self.fingerprint = fingerprint
    }

    /// How a result counts: it fired and counts, it fired but an active exception silences it, or
    /// its rule could not be assessed.
    public enum Standing: Sendable, Equatable {
        case active, excepted, notAssessed
    }

    /// The standing of a result with this outcome and exception (an expired exception no longer
    /// silences anything).
    public static func standing(of outcome: Outcome, exception: AppliedException?) -> Standing {
        outcome == .notAssessed ? .notAssessed : exception?.expired == false ? .excepted : .active
    }

    public var standing: Standing { Self.standing(of: outcome, exception: exception) }
    /// True when the finding counts: it fired and no active exception silences it.
    public var isActive: Bool { standing == .active }
    /// True when an active exception silences it.
    public var isExcepted: Bool { standing == .excepted }
}

/// An accepted risk applied to a finding: why, who owns it, until when.
public struct AppliedException: Codable, Hashable, Sendable {
    public var reason: String
    public var owner: String
    /// `YYYY-MM-DD`: the last day the exception applies.
    public var expires: String
    /// True when the assessment ran after `expires`: the finding is active again.
    public var expired: Bool

    public init(reason: String, owner: String, expires: String, expired: Bool) {
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.expired = expired
    }
}

/// Where a rule reports. The engine's description supplies id, module, severity and title.
public struct RuleReport: Sendable {
    public let description: RuleDescription
    /// The assessment's choices (baseline, planned connections) the rule may read.
    public let context: AssessmentContext
    public private(set) var findings: [Finding] = []

    public init(description: RuleDescription, context: AssessmentContext = AssessmentContext()) {
        self.description = description
        self.context = context
    }

    /// Reports a finding about `server` (nil: the whole estate). A rule that counts more evidence
    /// than it collects (at most ``Finding/evidenceLimit``) gives the count as `evidenceTotal`.
    public mutating func finding(
        _ server: Server?, _ message: String, evidence: [Evidence], evidenceTotal: Int? = nil,
        remediation: String? = nil
    ) {
        append(server?.displayName, message, evidence, remediation, .finding, evidenceTotal: evidenceTotal)
    }

    /// Reports a finding about a named scope: a deployment, or a load balancer's virtual address.
    public mutating func finding(
        scope: String, _ message: String, evidence: [Evidence], evidenceTotal: Int? = nil, remediation: String? = nil
    ) {
        append(scope, message, evidence, remediation, .finding, evidenceTotal: evidenceTotal)
    }

    /// Reports that the rule could not be assessed for a named scope, and why.
    public mutating func notAssessed(scope: String, _ reason: String) {
        append(scope, reason, [], nil, .notAssessed)
    }

    /// Reports that the rule could not be assessed for `server`, and why.
    public mutating func notAssessed(_ server: Server?, _ reason: String) {
        append(server?.displayName, reason, [], nil, .notAssessed)
    }

    private mutating func append(
        _ server: String?, _ message: String, _ evidence: [Evidence],
        _ remediation: String?, _ outcome: Finding.Outcome, evidenceTotal: Int? = nil
    ) {
        findings.append(
            Finding(
                ruleId: description.id, module: description.module,
                severity: description.severity, server: server, title: description.title,
                message: message, evidence: evidence, evidenceTotal: evidenceTotal,
                remediation: remediation ?? description.remediation, outcome: outcome))
    }
}
