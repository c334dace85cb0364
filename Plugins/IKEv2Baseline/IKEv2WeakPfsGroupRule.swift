import EstateModel
import RuleAPI

/// No PFS, or a weak PFS group, for child SA rekeys.
public struct IKEv2WeakPfsGroupRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-weak-pfs-group", title: "Weak or Missing IKEv2 PFS Group", module: IKEv2BaselineRules.module,
        severity: .medium,
        rationale:
            "Without perfect forward secrecy a compromised key exposes later child SAs (DISA V-207244 requires PFS); PFS1, PFS2 and PFS24 are weak groups. PFSMM inherits the DH group, so it is as weak as that group.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.hicksBaselineScript, PublicSource.rfc8247],
        triggeringExamples: [
            RuleExample("PFS None") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "AES128", dh: "Group14", encryption: "AES128", integrity: "SHA256",
                        pfs: "None")
                }
            },
            RuleExample("PFSMM with group 2") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "AES128", dh: "Group2", encryption: "AES128", integrity: "SHA256",
                        pfs: "PFSMM")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("PFS2048") { ExampleEstate.server { $0.vpn.ikev2Policy = ExampleEstate.standardPolicy } },
            RuleExample("PFSMM with ECP384") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "GCMAES256", cipher: "GCMAES256", dh: "ECP384", encryption: "GCMAES256",
                        integrity: "SHA384", pfs: "PFSMM")
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachCustomPolicy(estate, report: &report) { server, policy, report in
            if let pfs = policy.pfsGroup, IKEv2Vocabulary.normalised(pfs.value) == "PFSMM", let dh = policy.dhGroup {
                if IKEv2Vocabulary.weakDH.contains(IKEv2Vocabulary.normalised(dh.value)) {
                    report.finding(
                        server, "PfsGroup PFSMM reuses the weak DH group \(dh.value).",
                        evidence: [pfs.evidence, dh.evidence],
                        remediation: report.context.ikev2Remediation(for: server))
                }
                return
            }
            reportWeakValues(
                server, [(policy.pfsGroup, IKEv2Vocabulary.pfs)], weak: IKEv2Vocabulary.weakPfs,
                what: "PFS group", report: &report)
        }
    }
}
