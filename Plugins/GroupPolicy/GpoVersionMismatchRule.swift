import EstateModel
import RuleAPI

/// A GPO's version in Active Directory differs from its version in SYSVOL: it has not replicated.
public struct GpoVersionMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-version-mismatch", title: "GPO Versions Differ Between Active Directory And SYSVOL",
        module: GroupPolicyRules.module, severity: .medium,
        rationale:
            "Each half of a GPO has a version in Active Directory and one in SYSVOL (gpt.ini). When they differ on the domain controller the report came from, the GPO has not fully replicated: clients may apply an older or a partial DirectAccess or VPN configuration, and a change made for the migration (a filter, a removed setting) may not have reached them.",
        remediation:
            "Check SYSVOL (DFSR) and Active Directory replication on the domain controllers, then re-export the GPO and confirm the versions match before relying on it in the migration.",
        references: [GroupPolicyRules.sysvolVersion, GroupPolicyRules.getGPOReport],
        triggeringExamples: [
            RuleExample("computer side: directory 12, SYSVOL 11") {
                ExampleEstate.gpo {
                    $0.computer = GroupPolicySide(
                        versionDirectory: 12, versionSysvol: 11, enabled: true,
                        evidence: ExampleEstate.evidence("12/11"))
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("both sides replicated") {
                ExampleEstate.gpo {
                    $0.computer = GroupPolicySide(
                        versionDirectory: 12, versionSysvol: 12, enabled: true,
                        evidence: ExampleEstate.evidence("12/12"))
                    $0.user = GroupPolicySide(
                        versionDirectory: 0, versionSysvol: 0, enabled: false, evidence: ExampleEstate.evidence("0/0"))
                }
            }
        ],
        notAssessedExamples: [
            RuleExample("a GPO known only from its Registry.pol") { ExampleEstate.gpo() }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(scope: "Group Policy", "the export has no GPO (Backup-GPO or Get-GPOReport)")
            return
        }
        for gpo in estate.groupPolicyObjects {
            let halves = [("computer", gpo.computer), ("user", gpo.user)].compactMap { name, side in
                side.map { (name, $0) }
            }
            guard !halves.isEmpty else {
                report.notAssessed(scope: "GPO \(gpo.label)", "its versions are not in the export (Get-GPOReport)")
                continue
            }
            let stale = halves.filter { $0.1.versionDirectory != $0.1.versionSysvol }
            guard !stale.isEmpty else { continue }
            report.finding(
                scope: "GPO \(gpo.label)",
                "Not replicated: "
                    + stale.map {
                        "\($0.0) side version \($0.1.versionDirectory) in Active Directory, \($0.1.versionSysvol) in SYSVOL"
                    }
                    .joined(separator: "; ") + ".",
                evidence: stale.map(\.1.evidence))
        }
    }
}
