import Planning
import RuleAPI

/// The report's to-do list: each distinct remediation once, with the findings it resolves and the
/// plan phase and artifacts that carry it out, most severe first, then in plan order.
public struct ActionList: Sendable {
    public struct Action: Sendable, Encodable {
        /// `A1`, `A2` … in list order (the findings link to it).
        public var id: String
        /// The highest severity among its findings.
        public var severity: Severity
        public var remediation: String
        public var findings: [Reference]
        /// The plan phase whose step resolves these findings, when the plan has one.
        public var phase: String?
        /// The plan's artifacts (paths under `plan/`) that carry it out.
        public var artifacts: [String]
    }

    /// A finding as an action names it.
    public struct Reference: Sendable, Encodable, Hashable {
        public var ruleId: String
        public var server: String?
        public var fingerprint: String?
    }

    public var actions: [Action]

    public init(findings: [Finding], plan: MigrationPlan?) {
        let active = FindingFingerprint.fingerprinted(findings).filter(\.isActive)
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for finding in active {
            let key = finding.remediation.trimmingCharacters(in: .whitespacesAndNewlines)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        let phases = plan?.phases ?? []
        /// The first plan step resolving one of `findings`: its phase index, title and artifacts.
        func step(for findings: [Finding]) -> (Int, String, [String])? {
            for (index, phase) in phases.enumerated() {
                for step in phase.steps
                where step.resolvedFindings.contains(where: { resolved in
                    findings.contains {
                        $0.ruleId == resolved.ruleId && (resolved.scope == nil || resolved.scope == $0.server)
                    }
                }) {
                    return (index, phase.title, step.artifacts)
                }
            }
            return nil
        }
        let built = order.map { key -> (Int, Action) in
            let members = groups[key] ?? []
            let severity = members.map(\.severity).max() ?? .info
            let planned = step(for: members)
            return (
                planned?.0 ?? Int.max,
                Action(
                    id: "", severity: severity,
                    remediation: key.isEmpty ? "(the rule gives no remediation: see its references)" : key,
                    findings: members.map {
                        Reference(ruleId: $0.ruleId, server: $0.server, fingerprint: $0.fingerprint)
                    },
                    phase: planned?.1, artifacts: planned?.2 ?? [])
            )
        }
        let sorted = built.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.1.severity != b.1.severity { return a.1.severity > b.1.severity }
            if a.0 != b.0 { return a.0 < b.0 }
            return left.offset < right.offset
        }
        actions = sorted.enumerated().map { index, entry in
            var action = entry.element.1
            action.id = "A\(index + 1)"
            return action
        }
    }

    /// The action that carries out a finding's remediation (matched by fingerprint).
    public func action(for finding: Finding) -> Action? {
        actions.first { action in
            action.findings.contains { reference in
                finding.fingerprint.map { $0 == reference.fingerprint }
                    ?? (reference.ruleId == finding.ruleId && reference.server == finding.server)
            }
        }
    }
}
