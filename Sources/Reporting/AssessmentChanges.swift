import Foundation
import RuleAPI

/// What changed between two assessments of one environment: findings new in the later one,
/// resolved since the earlier one, unchanged, and those whose severity changed. Findings are
/// matched by their ``FindingFingerprint``; not-assessed results are not compared.
public struct AssessmentChanges: Sendable {
    /// One side of the comparison.
    public struct Side: Sendable {
        public var assessmentId: Int64
        public var assessedAt: Date
        public init(assessmentId: Int64, assessedAt: Date) {
            self.assessmentId = assessmentId
            self.assessedAt = assessedAt
        }
    }

    public var from: Side
    public var to: Side
    /// Findings of the later assessment without a match in the earlier one.
    public var new: [Finding]
    /// Findings of the earlier assessment without a match in the later one.
    public var resolved: [Finding]
    /// Matched findings with the same severity (the later assessment's).
    public var unchanged: [Finding]
    /// Matched findings whose severity changed: the later finding and the earlier severity.
    public var severityChanged: [(finding: Finding, previous: Severity)]

    public init(from: Side, previous: [Finding], to: Side, current: [Finding]) {
        self.from = from
        self.to = to
        let earlier = FindingFingerprint.fingerprinted(previous).filter { $0.outcome == .finding }
        let later = FindingFingerprint.fingerprinted(current).filter { $0.outcome == .finding }
        let earlierByPrint = Dictionary(earlier.map { ($0.fingerprint ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let laterPrints = Set(later.compactMap(\.fingerprint))
        new = later.filter { earlierByPrint[$0.fingerprint ?? ""] == nil }
        resolved = earlier.filter { !laterPrints.contains($0.fingerprint ?? "") }
        var unchanged: [Finding] = []
        var changed: [(Finding, Severity)] = []
        for finding in later {
            guard let before = earlierByPrint[finding.fingerprint ?? ""] else { continue }
            if before.severity == finding.severity {
                unchanged.append(finding)
            } else {
                changed.append((finding, before.severity))
            }
        }
        self.unchanged = unchanged
        severityChanged = changed
    }

    /// New findings that count (no active exception silences them).
    public var newActive: [Finding] { new.filter(\.isActive) }

    /// One line: `2 new, 1 resolved, 39 unchanged, 0 with a changed severity`.
    public var summary: String {
        "\(new.count) new, \(resolved.count) resolved, \(unchanged.count) unchanged, \(severityChanged.count) with a changed severity"
    }
}
