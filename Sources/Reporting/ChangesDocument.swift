import Foundation
import RuleAPI

/// ``AssessmentChanges`` written for people (text, Markdown) and machines (JSON: the `changes`
/// object of `report.json` and `diff --format json`, a public contract documented in the README).
public struct ChangesDocument: Encodable, Sendable {
    /// A finding as a change lists it.
    public struct Entry: Encodable, Sendable {
        public var fingerprint: String
        public var ruleId: String
        public var severity: String
        /// The earlier severity, for a finding whose severity changed.
        public var previousSeverity: String?
        public var server: String?
        public var title: String
        public var message: String
        /// True when an active exception silences it.
        public var excepted: Bool
    }

    public var fromAssessmentId: Int64
    public var fromAssessedAt: String
    public var toAssessmentId: Int64
    public var toAssessedAt: String
    public var new: [Entry]
    public var resolved: [Entry]
    public var severityChanged: [Entry]
    public var unchanged: Int

    public init(_ changes: AssessmentChanges) {
        let dates = ISO8601DateFormatter()
        func entry(_ finding: Finding, previous: Severity? = nil) -> Entry {
            Entry(
                fingerprint: finding.fingerprint ?? "", ruleId: finding.ruleId, severity: finding.severity.rawValue,
                previousSeverity: previous?.rawValue, server: finding.server, title: finding.title,
                message: finding.message, excepted: finding.isExcepted)
        }
        fromAssessmentId = changes.from.assessmentId
        fromAssessedAt = dates.string(from: changes.from.assessedAt)
        toAssessmentId = changes.to.assessmentId
        toAssessedAt = dates.string(from: changes.to.assessedAt)
        new = Self.sorted(changes.new).map { entry($0) }
        resolved = Self.sorted(changes.resolved).map { entry($0) }
        severityChanged = changes.severityChanged.map { entry($0.finding, previous: $0.previous) }
        unchanged = changes.unchanged.count
    }

    /// Highest severity first, then rule id and scope.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted {
            ($0.severity, $1.ruleId, $1.server ?? "") > ($1.severity, $0.ruleId, $0.server ?? "")
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The changes as plain text for the terminal.
    public func text(environment: String) -> String {
        var lines = [
            "\(environment): assessment #\(fromAssessmentId) (\(fromAssessedAt)) → #\(toAssessmentId) (\(toAssessedAt)): "
                + "\(new.count) new, \(resolved.count) resolved, \(unchanged) unchanged, \(severityChanged.count) with a changed severity"
        ]
        for (title, entries) in [("New", new), ("Resolved", resolved), ("Severity changed", severityChanged)]
        where !entries.isEmpty {
            lines.append("")
            lines.append("\(title):")
            for entry in entries {
                let severity = entry.previousSeverity.map { "\($0) → \(entry.severity)" } ?? entry.severity
                lines.append(
                    "  [\(severity)] \(entry.ruleId) \(entry.server ?? "estate")\(entry.excepted ? " (excepted)" : ""): \(entry.message)"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The changes as a Markdown section (values escaped for tables).
    public func markdown(environment: String) -> String {
        let escape = MarkdownEscaping.escape
        var lines = [
            "# Changes in \(MarkdownEscaping.escape(environment))", "",
            "Assessment #\(fromAssessmentId) (\(fromAssessedAt)) → #\(toAssessmentId) (\(toAssessedAt)): "
                + "\(new.count) new, \(resolved.count) resolved, \(unchanged) unchanged, \(severityChanged.count) with a changed severity.",
        ]
        for (title, entries) in [("New", new), ("Resolved", resolved), ("Severity changed", severityChanged)]
        where !entries.isEmpty {
            lines += ["", "## \(title)", "", "| Severity | Rule | Scope | Finding |", "|---|---|---|---|"]
            for entry in entries {
                let severity = entry.previousSeverity.map { "\($0) → \(entry.severity)" } ?? entry.severity
                lines.append(
                    "| \(severity) | \(escape(entry.ruleId)) | \(escape(entry.server ?? "estate")) | \(escape(entry.message))\(entry.excepted ? " (excepted)" : "") |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
