import EstateModel
import RuleAPI

/// DirectAccess supports Windows 7 (downlevel) clients.
public struct DADownlevelClientsRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-downlevel-clients", title: "Windows 7 DirectAccess Clients", module: DirectAccessRules.module,
        severity: .high,
        rationale:
            "Get-DAClient's Downlevel setting enables DirectAccess for down-level clients, which Microsoft defines as Windows 7. Always On VPN needs Windows 10 or 11, so such clients need an OS upgrade (or another solution) before DirectAccess can be switched off. Windows 8.x DirectAccess clients cannot run Always On VPN either but do not need Downlevel, so this setting does not reveal them: inventory them separately. The user tunnel runs on every Windows 10/11 edition; only the device tunnel needs Enterprise or Education.",
        remediation:
            "Inventory the downlevel security groups, upgrade those Windows 7 clients to Windows 10/11 (Enterprise or Education if they need the device tunnel), and only then plan their migration ring; check the other DirectAccess client groups for Windows 8.x devices too.",
        references: [DirectAccessRules.mapping, PublicSource.setDAClient],
        triggeringExamples: [
            RuleExample("Downlevel Enabled") {
                ExampleEstate.daServer { $0.client.downlevel = ExampleEstate.fact(true, "Enabled") }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("Downlevel Disabled") {
                ExampleEstate.daServer { $0.client.downlevel = ExampleEstate.fact(false, "Disabled") }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(
            estate, report: &report, input: "Get-DAClient (Downlevel)", { $0.directAccess.client.downlevel }
        ) { server, downlevel, report in
            guard downlevel.value else { return }
            let groups = server.directAccess.client.downlevelSecurityGroups
            let detail = groups.isEmpty ? "" : " Downlevel groups: \(groups.map(\.value).joined(separator: ", "))."
            report.finding(
                server,
                "DirectAccess supports down-level (Windows 7) clients, which cannot run Always On VPN.\(detail)",
                evidence: [downlevel.evidence] + groups.map(\.evidence))
        }
    }
}
