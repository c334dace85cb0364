import EstateModel
import Foundation
import RuleAPI

/// A rule read from a rule pack (YAML): which entities it looks at, when it applies, which fields
/// it needs (else "not assessed"), and the condition that makes a finding.
public struct DeclarativeRule: Sendable {
    public var id: String
    public var module: String
    public var severity: Severity
    public var title: String
    public var rationale: String
    /// Templates: `{{field.path}}` is replaced by the entity's values, `{{scope}}` by its name.
    public var message: String
    public var remediation: String
    public var references: [String]
    public var entity: RuleEntity
    /// Entities for which this is false are skipped silently.
    public var when: Predicate?
    /// Fields that must be present, else the entity is "not assessed".
    public var requires: [String]
    public var condition: Predicate
    public var triggeringExamples: [PackExample]
    public var nonTriggeringExamples: [PackExample]
    /// The pack file and the line of the rule's `id`.
    public var source: String

    /// The description shown by `rules list` and in reports (examples run by `rules test`).
    public var description: RuleDescription {
        RuleDescription(
            id: id, title: title, module: module, severity: severity, rationale: rationale,
            remediation: remediation, references: references, triggeringExamples: [], nonTriggeringExamples: [])
    }

    /// Every field path the rule reads (conditions, requirements, templates).
    public var paths: [String] {
        condition.fields + (when?.fields ?? []) + requires + Template.paths(in: message)
            + Template.paths(in: remediation)
    }

    /// Assesses an estate given as JSON (pack examples).
    public func assess(_ estate: [String: JSONValue]) -> [Finding] {
        assess(instances: entity.instances(in: estate))
    }

    /// Assesses the instances of the rule's entity.
    func assess(instances: [(object: [String: JSONValue], scope: String)]) -> [Finding] {
        var report = RuleReport(description: description)
        guard !instances.isEmpty else {
            report.notAssessed(scope: entity.rawValue, "the export has no \(entity.rawValue)")
            return report.findings
        }
        assess(instances: instances, into: &report)
        return report.findings
    }

    /// Assesses some instances of the rule's entity (one batch of many), reporting into `report`.
    func assess(instances: [(object: [String: JSONValue], scope: String)], into report: inout RuleReport) {
        for (object, scope) in instances {
            if let when, !when.evaluate(object).holds { continue }
            if let missing = requires.first(where: { FieldPath.resolve($0, in: object).isEmpty }) {
                report.notAssessed(scope: scope, "the export has no \(missing)")
                continue
            }
            let result = condition.evaluate(object)
            guard result.holds else { continue }
            var evidence = result.evidence
            if evidence.isEmpty, let own = object["evidence"]?.evidence { evidence = [own] }
            report.finding(
                scope: scope, render(message, object, scope), evidence: evidence,
                remediation: render(remediation, object, scope))
        }
    }

    /// Assesses an estate.
    public func assess(_ estate: Estate) throws -> [Finding] { try Self.assess([self], estate) }

    /// Assesses an estate with many rules, converting each entity to JSON once and only as deep as
    /// the rules read (a server's thousands of NRPT rules are left out unless a rule reads them).
    /// NRPT rules are converted a batch at a time, so memory does not grow with their number.
    public static func assess(_ rules: [DeclarativeRule], _ estate: Estate) throws -> [Finding] {
        var findings: [Finding] = []
        for entity in RuleEntity.allCases {
            let mine = rules.filter { $0.entity == entity }
            guard !mine.isEmpty else { continue }
            var reports = mine.map { RuleReport(description: $0.description) }
            var seen = false
            try entity.forEachBatch(of: estate, reading: Set(mine.flatMap(\.paths))) { instances in
                seen = seen || !instances.isEmpty
                for index in mine.indices { mine[index].assess(instances: instances, into: &reports[index]) }
            }
            for index in mine.indices {
                if !seen { reports[index].notAssessed(scope: entity.rawValue, "the export has no \(entity.rawValue)") }
                findings += reports[index].findings
            }
        }
        return findings
    }

    func render(_ template: String, _ object: [String: JSONValue], _ scope: String) -> String {
        Template.render(template) { path in
            path == "scope" ? scope : FieldPath.resolve(path, in: object).map(\.value.text).joined(separator: ", ")
        }
    }
}

/// A rule pack example: a partial estate (facts may be written as plain values) and whether the
/// rule must fire on it.
public struct PackExample: Sendable {
    public var summary: String
    public var estate: [String: JSONValue]
    public var line: Int
}

/// A loaded pack: its rules and the file they came from.
public struct RulePack: Sendable {
    public var name: String
    public var file: String
    public var rules: [DeclarativeRule]
}

extension DeclarativeRule {
    /// Runs the rule's own examples; returns the failures (empty when all pass).
    public func exampleFailures() -> [String] {
        var failures: [String] = []
        for example in triggeringExamples {
            let findings = assess(example.estate)
            if !findings.contains(where: { $0.outcome == .finding }) {
                failures.append(
                    "\(source): \(id): triggering example '\(example.summary)' (line \(example.line)) did not fire\(findings.isEmpty ? "" : ": \(findings.map(\.message).joined(separator: "; "))")"
                )
            }
        }
        for example in nonTriggeringExamples {
            let findings = assess(example.estate)
            if !findings.isEmpty {
                failures.append(
                    "\(source): \(id): non-triggering example '\(example.summary)' (line \(example.line)) reported: \(findings.map(\.message).joined(separator: "; "))"
                )
            }
        }
        return failures
    }
}

/// `{{path}}` placeholders in a message or remediation template.
enum Template {
    /// The placeholders' paths, in order.
    static func paths(in template: String) -> [String] {
        var paths: [String] = []
        _ = render(template) {
            paths.append($0)
            return ""
        }
        return paths
    }

    /// The template with each placeholder replaced by `value(path)`.
    static func render(_ template: String, _ value: (String) -> String) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            out += value(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
