import EstateModel
import RuleAPI

/// DH group 1, 2, 24 or None for the IKE SA key exchange.
public struct IKEv2WeakDHGroupRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-weak-dh-group", title: "Weak IKEv2 Diffie-Hellman Group", module: IKEv2BaselineRules.module,
        severity: .high,
        rationale:
            "RFC 8247: group 1 MUST NOT, groups 2 and 24 SHOULD NOT be used; group 14 is the minimum and ECP256/ECP384 are recommended. DHGroup None is invalid for IKEv2.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.hicksBaselineScript, PublicSource.rfc8247],
        triggeringExamples: [
            RuleExample("group 2") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "AES128", dh: "Group2", encryption: "AES128", integrity: "SHA256",
                        pfs: "PFS2048")
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("ECP256") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "GCMAES128", cipher: "GCMAES128", dh: "ECP256", encryption: "GCMAES128",
                        integrity: "SHA256", pfs: "ECP256")
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachCustomPolicy(estate, report: &report) { server, policy, report in
            reportWeakValues(
                server, [(policy.dhGroup, IKEv2Vocabulary.dh)], weak: IKEv2Vocabulary.weakDH,
                what: "DH group", report: &report)
        }
    }
}
