import RuleAPI

/// The report's first screen (verdict, counts), its action list and the findings grouped by
/// module, each action's remediation written once.
extension ReportContext {
    static let verdictColours: [MigrationVerdict.Status: String] = [
        .blocked: "#c62828", .readyToPilot: "#ef6c00", .readyToMigrate: "#2e7d32",
    ]

    func summaryContext() -> [String: Any] {
        let verdict = input.verdict
        let actions = input.actionList
        let fired = input.firedFindings
        let chips = Severity.allCases.reversed().map { severity -> [String: Any] in
            [
                "severity": severity.rawValue, "count": fired.filter { $0.severity == severity }.count,
                "colour": Self.severityColours[severity] ?? "#555",
            ]
        }
        var modules: [String] = []
        for finding in fired where !modules.contains(finding.module) { modules.append(finding.module) }
        let groups = modules.map { module -> [String: Any] in
            let members = fired.filter { $0.module == module }.sorted { $0.severity > $1.severity }
            let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                let count = members.filter { $0.severity == severity }.count
                return count == 0 ? nil : "\(count) \(severity.rawValue)"
            }
            return [
                "module": text(module), "anchor": "module-\(module.filter { $0.isLetter || $0.isNumber || $0 == "-" })",
                "summary": "\(members.count) finding(s): \(counts.joined(separator: ", "))",
                "findings": members.map { finding -> [String: Any] in
                    var context = findingContext(finding)
                    context["actionId"] = actions.action(for: finding)?.id ?? ""
                    return context
                },
            ]
        }
        return [
            "verdictTitle": verdict.status.title,
            "verdictStatus": verdict.status.rawValue,
            "verdictColour": Self.verdictColours[verdict.status] ?? "#555",
            "verdictReasons": verdict.reasons.map { ["text": text($0)] },
            "hasVerdictReasons": !verdict.reasons.isEmpty,
            "severityChips": chips,
            "actions": actions.actions.map { action -> [String: Any] in
                let resolves = orderedResolves(action)
                return [
                    "id": action.id, "severity": action.severity.rawValue,
                    "colour": Self.severityColours[action.severity] ?? "#555",
                    "remediation": text(action.remediation),
                    "resolves": text(resolves), "findingCount": action.findings.count,
                    "phase": text(action.phase ?? ""), "hasPhase": action.phase != nil,
                    "artifacts": text(action.artifacts.joined(separator: ", ")),
                    "hasArtifacts": !action.artifacts.isEmpty,
                ]
            },
            "hasActions": !actions.actions.isEmpty,
            "actionCount": actions.actions.count,
            "findingGroups": groups,
        ]
    }

    /// `pptp-enabled (da01, da02), lb-source-nat (F5 …)`: each rule once with its scopes.
    private func orderedResolves(_ action: ActionList.Action) -> String {
        var ids: [String] = []
        for reference in action.findings where !ids.contains(reference.ruleId) { ids.append(reference.ruleId) }
        return ids.map { id in
            let scopes = action.findings.filter { $0.ruleId == id }.map { $0.server ?? "estate" }.orderedUnique
            return "\(id) (\(scopes.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }
}
