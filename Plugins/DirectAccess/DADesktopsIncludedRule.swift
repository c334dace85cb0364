import EstateModel
import RuleAPI

/// DirectAccess applies to desktops too (no laptops-only WMI filter).
public struct DADesktopsIncludedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-desktops-included", title: "DirectAccess Includes Desktops", module: DirectAccessRules.module,
        severity: .low,
        rationale:
            "Without 'OnlyRemoteComputers' the DirectAccess client GPO applies to desktops as well (the BPA warns about desktops in the DA group). Desktops rarely need Always On VPN; counting them inflates licences, certificates and rings.",
        remediation:
            "Review the DirectAccess client groups and keep desktops out of the VPN Users group and the migration rings unless they really roam.",
        references: [DirectAccessRules.mapping, PublicSource.getDAClient],
        triggeringExamples: [
            RuleExample("OnlyRemoteComputers Disabled") {
                ExampleEstate.daServer { $0.client.onlyRemoteComputers = ExampleEstate.fact(false, "Disabled") }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("OnlyRemoteComputers Enabled") {
                ExampleEstate.daServer { $0.client.onlyRemoteComputers = ExampleEstate.fact(true, "Enabled") }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(
            estate, report: &report, input: "Get-DAClient (OnlyRemoteComputers)",
            { $0.directAccess.client.onlyRemoteComputers }
        ) { server, only, report in
            guard !only.value else { return }
            let groups = server.directAccess.client.securityGroups.map(\.value).joined(separator: ", ")
            report.finding(
                server,
                "The DirectAccess client policy applies to desktops as well as laptops\(groups.isEmpty ? "" : " (groups: \(groups))").",
                evidence: [only.evidence])
        }
    }
}
