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
    public var evidence: [Evidence]
    public var remediation: String
    public var outcome: Outcome

    public init(ruleId: String, module: String, severity: Severity, server: String?, title: String,
                message: String, evidence: [Evidence], remediation: String, outcome: Outcome) {
        self.ruleId = ruleId
        self.module = module
        self.severity = severity
        self.server = server
        self.title = title
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
        self.outcome = outcome
    }
}

/// Where a rule reports. The engine's description supplies id, module, severity and title.
public struct RuleReport: Sendable {
    public let description: RuleDescription
    public private(set) var findings: [Finding] = []

    public init(description: RuleDescription) { self.description = description }

    /// Reports a finding about `server` (nil: the whole estate).
    public mutating func finding(_ server: Server?, _ message: String, evidence: [Evidence],
                                 remediation: String? = nil) {
        append(server?.displayName, message, evidence, remediation, .finding)
    }

    /// Reports a finding about a named scope: a deployment, or a load balancer's virtual address.
    public mutating func finding(scope: String, _ message: String, evidence: [Evidence], remediation: String? = nil) {
        append(scope, message, evidence, remediation, .finding)
    }

    /// Reports that the rule could not be assessed for a named scope, and why.
    public mutating func notAssessed(scope: String, _ reason: String) {
        append(scope, reason, [], nil, .notAssessed)
    }

    /// Reports that the rule could not be assessed for `server`, and why.
    public mutating func notAssessed(_ server: Server?, _ reason: String) {
        append(server?.displayName, reason, [], nil, .notAssessed)
    }

    private mutating func append(_ server: String?, _ message: String, _ evidence: [Evidence],
                                 _ remediation: String?, _ outcome: Finding.Outcome) {
        findings.append(Finding(ruleId: description.id, module: description.module,
                                severity: description.severity, server: server, title: description.title,
                                message: message, evidence: evidence,
                                remediation: remediation ?? description.remediation, outcome: outcome))
    }
}
