import EstateModel
import RuleAPI

/// DirectAccess supports Windows 7 (downlevel) clients.
public struct DADownlevelClientsRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-downlevel-clients", title: "Windows 7/8 DirectAccess Clients", module: DirectAccessRules.module, severity: .high,
        rationale: "Always On VPN requires Windows 10 or 11; Windows 7 and 8 clients cannot run it. Downlevel support means such clients exist and need an OS upgrade (or another solution) before DirectAccess can be switched off.",
        remediation: "Inventory the downlevel security groups, upgrade those clients to Windows 10/11 Enterprise, and only then plan their migration ring.",
        references: [DirectAccessRules.mapping, "knowledge/seed: 'DirectAccess vs. Always On VPN' (Windows 7 support)"],
        triggeringExamples: [
            RuleExample("Downlevel Enabled") { ExampleEstate.daServer { $0.client.downlevel = ExampleEstate.fact(true, "Enabled") } },
        ],
        nonTriggeringExamples: [
            RuleExample("Downlevel Disabled") { ExampleEstate.daServer { $0.client.downlevel = ExampleEstate.fact(false, "Disabled") } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(estate, report: &report, input: "Get-DAClient (Downlevel)", { $0.directAccess.client.downlevel }) { server, downlevel, report in
            guard downlevel.value else { return }
            let groups = server.directAccess.client.downlevelSecurityGroups
            let detail = groups.isEmpty ? "" : " Downlevel groups: \(groups.map(\.value).joined(separator: ", "))."
            report.finding(server, "DirectAccess supports Windows 7/8 clients, which cannot run Always On VPN.\(detail)",
                           evidence: [downlevel.evidence] + groups.map(\.evidence))
        }
    }
}
