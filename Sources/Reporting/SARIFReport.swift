import EstateModel
import Foundation
import RuleAPI

/// `report.sarif`: the assessment as SARIF 2.1.0 (OASIS), for code-scanning views. One run; the
/// rules that ran as the tool's rules (help URI from their first reference, default level from
/// their severity); each finding as a result located in the export file that evidences it
/// (relative to the export's root, `EXPORTROOT`; line or byte offset when known), with its
/// fingerprint in `partialFingerprints["aovpnFinding/v1"]`; a finding an exception silences is a
/// suppressed result with the exception's justification; not-assessed rules are notifications.
/// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
struct SARIFReport {
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let fingerprintKey = "aovpnFinding/v1"
    /// Evidence items listed per result beside the primary location.
    static let relatedLocationsShown = 50

    let input: ReportInput

    /// SARIF levels: error, warning, note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub code scanning's `security-severity` (a CVSS-like score that orders alerts).
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "1.0"
        }
    }

    func document() -> [String: Any] {
        var rules = input.rules
        for finding in input.findings where !rules.contains(where: { $0.id == finding.ruleId }) {
            // A plugin's warning, or a rule known only from its findings: still a rule of the run.
            rules.append(
                RuleDescription(
                    id: finding.ruleId, title: finding.title, module: finding.module, severity: finding.severity,
                    rationale: "", remediation: finding.remediation, references: [], triggeringExamples: [],
                    nonTriggeringExamples: []))
        }
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let findings = FindingFingerprint.fingerprinted(input.findings)
        let results = findings.filter { $0.outcome == .finding }.map { result($0, ruleIndex: index[$0.ruleId]) }
        let notifications = findings.filter { $0.outcome == .notAssessed }.map { finding -> [String: Any] in
            var notification: [String: Any] = [
                "level": "note",
                "message": [
                    "text": "\(finding.ruleId) not assessed for \(finding.server ?? "the estate"): \(finding.message)"
                ],
                "associatedRule": ["id": finding.ruleId] as [String: Any],
            ]
            if let ruleIndex = index[finding.ruleId] {
                notification["associatedRule"] = ["id": finding.ruleId, "index": ruleIndex] as [String: Any]
            }
            return notification
        }
        let driver: [String: Any] = [
            "name": "aovpn-advisor", "version": input.toolVersion,
            "rules": rules.map(ruleDescriptor),
        ]
        let run: [String: Any] = [
            "tool": ["driver": driver],
            "originalUriBaseIds": [
                "EXPORTROOT": ["description": ["text": "The root of the imported export (folder or zip)."]]
            ],
            "invocations": [
                [
                    "executionSuccessful": true,
                    "endTimeUtc": ISO8601DateFormatter().string(from: input.assessedAt),
                    "toolExecutionNotifications": notifications,
                ] as [String: Any]
            ],
            "automationDetails": ["id": "aovpn-advisor/\(input.environment)/\(input.assessmentId)"],
            "results": results,
        ]
        return ["$schema": Self.schema, "version": "2.1.0", "runs": [run]]
    }

    private func ruleDescriptor(_ rule: RuleDescription) -> [String: Any] {
        var descriptor: [String: Any] = [
            "id": rule.id,
            "name": rule.title.filter { $0.isLetter || $0.isNumber },
            "shortDescription": ["text": rule.title],
            "fullDescription": ["text": rule.rationale.isEmpty ? rule.title : rule.rationale],
            "defaultConfiguration": ["level": Self.level(rule.severity)],
            "properties": [
                "tags": [rule.module, "security"], "module": rule.module,
                "security-severity": Self.securitySeverity(rule.severity),
            ] as [String: Any],
        ]
        if !rule.remediation.isEmpty { descriptor["help"] = ["text": rule.remediation] }
        if let reference = rule.references.first { descriptor["helpUri"] = reference }
        return descriptor
    }

    private func result(_ finding: Finding, ruleIndex: Int?) -> [String: Any] {
        var result: [String: Any] = [
            "ruleId": finding.ruleId,
            "level": Self.level(finding.severity),
            "kind": "fail",
            "message": ["text": finding.message],
            "partialFingerprints": [Self.fingerprintKey: finding.fingerprint ?? ""],
            "properties": ["scope": finding.server ?? "estate", "severity": finding.severity.rawValue],
        ]
        if let ruleIndex { result["ruleIndex"] = ruleIndex }
        let located = finding.evidence.filter { !$0.file.isEmpty }
        if let first = located.first { result["locations"] = [location(first, id: nil)] }
        if located.count > 1 {
            result["relatedLocations"] = located.dropFirst().prefix(Self.relatedLocationsShown).enumerated().map {
                location($1, id: $0 + 1)
            }
        }
        if let exception = finding.exception, !exception.expired {
            result["suppressions"] = [
                [
                    "kind": "external", "status": "accepted",
                    "justification": "\(exception.reason) (owner \(exception.owner), until \(exception.expires))",
                ]
            ]
        }
        return result
    }

    private func location(_ evidence: Evidence, id: Int?) -> [String: Any] {
        var physical: [String: Any] = [
            "artifactLocation": ["uri": Self.uri(evidence.file), "uriBaseId": "EXPORTROOT"]
        ]
        if let region = Self.region(evidence.location) { physical["region"] = region }
        var location: [String: Any] = [
            "physicalLocation": physical,
            "message": ["text": evidence.location + (evidence.value.isEmpty ? "" : ": \(evidence.value)")],
        ]
        if let id { location["id"] = id }
        return location
    }

    /// A relative URI reference: each path segment percent-encoded (spaces, braces, `#`).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#[]@!$&'()*+,;={}")
        return path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0)
        }.joined(separator: "/")
    }

    /// `line 12, …` → startLine 12; `offset 8, …` → byteOffset 8; nil otherwise.
    static func region(_ location: String) -> [String: Any]? {
        let words = location.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count >= 2, let number = Int(words[1]) else { return nil }
        switch words[0].lowercased() {
        case "line" where number > 0: return ["startLine": number]
        case "offset" where number >= 0: return ["byteOffset": number]
        default: return nil
        }
    }

    func encoded() throws -> Data {
        try JSONSerialization.data(
            withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
