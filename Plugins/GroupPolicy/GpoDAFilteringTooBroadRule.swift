import EstateModel
import RuleAPI

/// A DirectAccess GPO applies to every computer where it is linked (Authenticated Users, Domain
/// Computers): taking a device out of the DirectAccess group does not take DirectAccess off it.
public struct GpoDAFilteringTooBroadRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-filtering-too-broad", title: "DirectAccess GPO Applies To Every Computer In Its Scope",
        module: GroupPolicyRules.module, severity: .high,
        rationale:
            "The DirectAccess wizard filters its GPOs to the DirectAccess client (and server) security groups. The migration to Always On VPN moves devices by taking them out of that group so that Group Policy removes the DirectAccess settings. When a DirectAccess GPO applies to Authenticated Users or Domain Computers, removing a device from the group changes nothing: the device keeps DirectAccess (its NRPT and IPsec tunnels) beside the VPN profile.",
        remediation:
            "Set the GPO's security filtering to the DirectAccess client group only (Set-DAClient -SecurityGroupNameList, or GPMC: remove Authenticated Users from Security Filtering and keep its Read permission), then move devices group by group.",
        references: [PublicSource.daMigrationDeploy, PublicSource.setDAClient, GroupPolicyRules.getGPOReport],
        triggeringExamples: [
            RuleExample("the DirectAccess client GPO applies to Authenticated Users") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("NT AUTHORITY\\Authenticated Users")]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("filtered to the DirectAccess clients group") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                }
            },
            RuleExample("a GPO without DirectAccess content may apply to everyone") {
                ExampleEstate.gpo { $0.securityFiltering = [ExampleEstate.fact("NT AUTHORITY\\Authenticated Users")] }
            },
        ],
        notAssessedExamples: [
            RuleExample("a DirectAccess GPO known only from its Registry.pol (no report: filtering unknown)") {
                ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
            }
        ])

    static let everyone = ["authenticated users", "domain computers", "everyone", "s-1-5-11"]

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(scope: "Group Policy", "the export has no GPO (Backup-GPO, Get-GPOReport)")
            return
        }
        let directAccess = estate.groupPolicyObjects.filter(\.isDirectAccess)
        if directAccess.isEmpty, !estate.directAccessServers.isEmpty {
            report.notAssessed(
                scope: "Group Policy",
                "the estate has DirectAccess servers, but none of the exported GPOs has DirectAccess content")
        }
        for gpo in directAccess {
            guard gpo.computer != nil || !gpo.securityFiltering.isEmpty else {
                report.notAssessed(
                    scope: "GPO \(gpo.label)",
                    "its security filtering is not in the export (Get-GPOReport -ReportType Xml, or the backup's gpreport.xml)"
                )
                continue
            }
            let broad = gpo.securityFiltering.filter { trustee in
                let name = trustee.value.lowercased()
                return Self.everyone.contains { name.hasSuffix($0) }
            }
            guard !broad.isEmpty else { continue }
            report.finding(
                scope: "GPO \(gpo.label)",
                "The DirectAccess GPO applies to \(broad.map(\.value).joined(separator: ", ")): removing a device from the DirectAccess group will not remove DirectAccess from it.",
                evidence: broad.map(\.evidence) + [gpo.evidence])
        }
    }
}
