import EstateModel
import RuleAPI

/// A DirectAccess GPO whose permissions give no trustee *Apply Group Policy*: it applies to no
/// computer, so the clients (or servers) it was made for drop its settings at their next refresh.
public struct GpoDAAppliesToNoOneRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-applies-to-no-one", title: "DirectAccess GPO Applies To No Computer",
        module: GroupPolicyRules.module, severity: .medium,
        rationale:
            "A GPO applies only to trustees that have both Read and Apply Group Policy. A DirectAccess GPO whose security filtering is empty applies to no computer: at their next policy refresh the DirectAccess clients (for the client GPO) or servers (for the server GPO) remove its NRPT rules and IPsec tunnels. During a migration that is either a decommissioning step taken early, before every device has a working VPN profile, or a permission change that cut remote access for the devices still on DirectAccess.",
        remediation:
            "If devices still rely on DirectAccess, give the DirectAccess client group (or the servers) Apply Group Policy again (Set-DAClient -SecurityGroupNameList, or GPMC Security Filtering). If DirectAccess is being retired, finish it in order: confirm every device has its VPN profile, then remove the configuration (Remove-RemoteAccess) so the GPOs go with it.",
        references: [PublicSource.setDAClient, PublicSource.daMigrationDeploy, GroupPolicyRules.getGPOReport],
        triggeringExamples: [
            RuleExample("the client GPO's permissions give no one Apply Group Policy") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.permissionsRead = true
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("filtered to the DirectAccess clients group") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.permissionsRead = true
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                }
            }
        ],
        notAssessedExamples: [
            RuleExample("a DirectAccess GPO known only from its Registry.pol (permissions unknown)") {
                ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let directAccess = GroupPolicyRules.reportedGpos(
            estate, .directAccess, missing: "its permissions are", report: &report, hasReport: \.permissionsRead)
        for gpo in directAccess {
            guard gpo.securityFiltering.isEmpty else { continue }
            report.finding(
                scope: "GPO \(gpo.label)",
                "No trustee has Apply Group Policy on the DirectAccess \(gpo.isDirectAccessClientPolicy ? "client" : "server") GPO: it applies to no computer, and the \(gpo.isDirectAccessClientPolicy ? "clients" : "servers") drop its settings at their next policy refresh.",
                evidence: [gpo.evidence])
        }
    }
}
