import EstateModel
import Foundation
import Planning
import RuleAPI

/// The data the Mustache templates render, built from a ``ReportInput``. Every string that came
/// from an export passes through `text`, which the Markdown report uses to escape; the HTML
/// template relies on Mustache's own HTML escaping (`{{ }}`, never `{{{ }}}` for such values).
struct ReportContext {
    let input: ReportInput
    let text: (String) -> String

    static let severityColours: [Severity: String] = [
        .critical: "#7b1fa2", .high: "#c62828", .medium: "#ef6c00", .low: "#f9a825", .info: "#1565c0",
    ]

    /// Evidence rows shown per finding in HTML and Markdown.
    static let evidenceShown = 25

    func build() -> [String: Any] {
        let fired = input.firedFindings
        let maxCount = max(
            1, Severity.allCases.map { severity in fired.filter { $0.severity == severity }.count }.max() ?? 1)
        let severityBars: [[String: Any]] = Severity.allCases.reversed().enumerated().map { index, severity in
            let count = fired.filter { $0.severity == severity }.count
            return [
                "label": severity.rawValue, "count": count, "y": 10 + index * 28, "textY": 27 + index * 28,
                "width": Int(Double(count) / Double(maxCount) * 300),
                "colour": Self.severityColours[severity] ?? "#555",
            ]
        }
        let readiness: [[String: Any]] = input.moduleReadiness.enumerated().map { index, module in
            let percent =
                module.assessed == 0 ? 0 : Int((Double(module.ready) / Double(module.assessed) * 100).rounded())
            return [
                "module": text(module.module), "ready": module.ready, "assessed": module.assessed, "percent": percent,
                "readinessText": module.assessed == 0
                    ? "not assessed" : "\(percent)% (\(module.ready)/\(module.assessed))",
                "readinessCell": module.assessed == 0 ? "not assessed" : "\(percent)%",
                "y": 10 + index * 28, "textY": 27 + index * 28, "width": percent * 12 / 5,
                "colour": module.assessed == 0
                    ? "#9e9e9e" : percent >= 80 ? "#2e7d32" : percent >= 50 ? "#ef6c00" : "#c62828",
            ]
        }
        let deployments = input.estate.deployments
        let context: [String: Any] = [
            "environment": text(input.environment),
            "assessmentId": input.assessmentId,
            "assessedAt": ISO8601DateFormatter().string(from: input.assessedAt),
            "toolVersion": input.toolVersion,
            "findingCount": fired.count,
            "notAssessedCount": input.notAssessed.count,
            "severityBars": severityBars,
            "severityChartHeight": 20 + Severity.allCases.count * 28,
            "readiness": readiness,
            "readinessChartHeight": 20 + max(1, readiness.count) * 28,
            "clientHosts": text(input.estate.clientHosts.map(\.displayName).joined(separator: ", ")),
            "hasClientHosts": !input.estate.clientHosts.isEmpty,
            "certificateGroups": CertificateTable(estate: input.estate, findings: fired).groups(text),
            "hasCertificates": !input.estate.certificates.isEmpty,
            "servers": input.estate.remoteAccessServers.map { server -> [String: Any] in
                [
                    "name": text(server.displayName),
                    "roles": text(server.roles.sorted().map(\.rawValue).joined(separator: ", ")),
                    "loadBalancing": text(server.loadBalancing?.value ?? ""),
                    "deployment": text(
                        deployments.first { $0.serverNames.contains(server.name) }?.name ?? server.displayName),
                ]
            },
            "findings": fired.map { findingContext($0) },
            "hasFindings": !fired.isEmpty,
            "notAssessed": input.notAssessed.map { finding -> [String: Any] in
                ["ruleId": finding.ruleId, "server": text(finding.server ?? "estate"), "reason": text(finding.message)]
            },
            "hasNotAssessed": !input.notAssessed.isEmpty,
            "notUnderstoodGroups": notUnderstoodGroups(),
            "notUnderstood": input.estate.notUnderstood.map { item -> [String: Any] in
                ["kind": text(item.kind), "file": text(item.evidence.file), "location": text(item.evidence.location)]
            },
            "hasNotUnderstood": !input.estate.notUnderstood.isEmpty,
            "importProblems": input.importProblems.map { problem -> [String: Any] in
                [
                    "file": text(problem.file), "line": problem.line > 0 ? "\(problem.line)" : "", "kind": problem.kind,
                    "reason": text(problem.reason),
                ]
            },
            "hasImportProblems": !input.importProblems.isEmpty,
            "secrets": input.estate.secrets.map { secret -> [String: Any] in
                [
                    "kind": text(secret.kind), "file": text(secret.evidence.file),
                    "location": text(secret.evidence.location),
                ]
            },
            "hasSecrets": !input.estate.secrets.isEmpty,
            "loadBalancers": input.estate.loadBalancers.map(loadBalancerContext),
            "hasLoadBalancers": !input.estate.loadBalancers.isEmpty,
            "hasExcepted": !input.exceptedFindings.isEmpty,
            "excepted": input.exceptedFindings.map(exceptionContext),
            "hasExpiredExceptions": !input.expiredExceptions.isEmpty,
            "expiredExceptions": input.expiredExceptions.map(exceptionContext),
            "hasPlan": input.plan != nil,
            "plan": input.plan.map(planContext) ?? [:],
            "imports": input.imports.map { file -> [String: Any] in
                ["file": text(file.file), "format": file.format, "sha256": String(file.sha256.prefix(16))]
            },
        ]
        return context.merging(historyContext()) { current, _ in current }
            .merging(summaryContext()) { current, _ in current }
            .merging(diagnosisContext()) { current, _ in current }
            .merging(collectionContext()) { current, _ in current }
    }

    /// A load balancer's listeners with their pool members matched to the imported servers.
    private func loadBalancerContext(_ balancer: LoadBalancer) -> [String: Any] {
        [
            "vendor": balancer.vendor.rawValue,
            "name": text(balancer.name),
            "listeners": balancer.listeners.map { listener -> [String: Any] in
                let ports =
                    listener.portRange.map {
                        $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)"
                    } ?? "any"
                let members =
                    balancer.pool(named: listener.poolName)?.members.map { member -> String in
                        let server = input.estate.servers.first { $0.isMember(member) }
                        return member.address + (server.map { " (\($0.displayName))" } ?? "")
                    } ?? []
                return [
                    "name": text(listener.name), "address": text(listener.address), "ports": ports,
                    "transport": listener.transport.rawValue, "translation": listener.sourceTranslation.kind.rawValue,
                    "persistence": text(
                        listener.persistence.map { p in p.type + (p.timeoutSeconds.map { " \($0) s" } ?? "") } ?? "none"
                    ),
                    "members": text(members.joined(separator: ", ")),
                ]
            },
        ]
    }

    private func exceptionContext(_ finding: Finding) -> [String: Any] {
        [
            "ruleId": finding.ruleId, "severity": finding.severity.rawValue, "server": text(finding.server ?? "estate"),
            "message": text(finding.message), "reason": text(finding.exception?.reason ?? ""),
            "owner": text(finding.exception?.owner ?? ""), "expires": text(finding.exception?.expires ?? ""),
        ]
    }

    /// The plan section: gaps, the DirectAccess → Always On VPN mapping, and the phases.
    private func planContext(_ plan: MigrationPlan) -> [String: Any] {
        [
            "baseline": plan.settings.ikev2Baseline?.rawValue ?? "not chosen",
            "routing": plan.userProfile.routingPolicyType,
            "deviceTunnel": plan.deviceProfile == nil ? "no" : "yes",
            "hasGaps": !plan.gaps.isEmpty,
            "gaps": plan.gaps.map { gap -> [String: Any] in
                [
                    "key": text(gap.key), "reason": text(gap.reason),
                    "affects": text(gap.affects.joined(separator: ", ")),
                ]
            },
            "hasMapping": !plan.mapping.isEmpty,
            "mapping": plan.mapping.map { row -> [String: Any] in
                [
                    "daSetting": text(row.directAccessSetting), "daValue": text(row.directAccessValue),
                    "aovpnSetting": text(row.alwaysOnSetting), "aovpnValue": text(row.alwaysOnValue),
                    "why": text(row.why),
                    "evidence": text(
                        row.evidence.prefix(2).map { "\($0.file) \($0.location)" }.joined(separator: "; ")),
                ]
            },
            "phases": plan.phases.map { phase -> [String: Any] in
                [
                    "title": text(phase.title),
                    "steps": phase.steps.map { step -> [String: Any] in
                        [
                            "text": text(step.text), "resolves": text(step.resolvesSummary),
                            "hasResolves": !step.resolves.isEmpty,
                            "artifacts": text(step.artifacts.joined(separator: ", ")),
                            "hasArtifacts": !step.artifacts.isEmpty,
                        ]
                    },
                ]
            },
        ]
    }

    /// Objects not understood, one row per kind and file with a count and the first place: a full
    /// configuration can hold a thousand (each one is in report.json).
    private func notUnderstoodGroups() -> [[String: Any]] {
        var order: [String] = []
        var groups: [String: (kind: String, file: String, count: Int, first: String)] = [:]
        for item in input.estate.notUnderstood {
            let key = item.kind + "\u{0}" + item.evidence.file
            if groups[key] == nil {
                order.append(key)
                groups[key] = (item.kind, item.evidence.file, 0, item.evidence.location)
            }
            groups[key]?.count += 1
        }
        return order.compactMap { groups[$0] }.map { group in
            [
                "kind": text(group.kind), "file": text(group.file), "count": group.count,
                "first": text(group.count > 1 ? "\(group.first) (first of \(group.count))" : group.first),
            ]
        }
    }

    func findingContext(_ finding: Finding) -> [String: Any] {
        [
            "ruleId": finding.ruleId,
            "module": finding.module,
            "severity": finding.severity.rawValue,
            "colour": Self.severityColours[finding.severity] ?? "#555",
            "server": text(finding.server ?? "estate"),
            "title": text(finding.title),
            "message": text(finding.message),
            "remediation": text(finding.remediation),
            // A finding over thousands of facts (20 000 NRPT rules) shows the first ones; all are in report.json.
            "evidence": finding.evidence.prefix(Self.evidenceShown).map { evidence -> [String: Any] in
                ["file": text(evidence.file), "location": text(evidence.location), "value": text(evidence.value)]
            },
            "hasEvidence": !finding.evidence.isEmpty,
            "moreEvidence": max(0, (finding.evidenceTotal ?? finding.evidence.count) - Self.evidenceShown),
            "hasMoreEvidence": (finding.evidenceTotal ?? finding.evidence.count) > Self.evidenceShown,
        ]
    }
}
