import EstateModel
import RuleAPI

/// DES, 3DES or no encryption in the IKE SA or the child SA.
public struct IKEv2WeakEncryptionRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-weak-encryption", title: "Weak IKEv2 Encryption", module: IKEv2BaselineRules.module, severity: .high,
        rationale:
            "RFC 8247 and RFC 8221 forbid DES and deprecate 3DES (SP 800-131A r2 disallows TDEA after 2023); cipher None gives no confidentiality. Use AES-GCM or AES-CBC.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.hicksBaselineScript, PublicSource.rfc8247, PublicSource.rfc8221],
        triggeringExamples: [
            RuleExample("3DES for the IKE SA") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "AES128", dh: "Group14", encryption: "DES3", integrity: "SHA256",
                        pfs: "PFS2048")
                }
            },
            RuleExample("cipher None") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "GCMAES128", cipher: "None", dh: "Group14", encryption: "AES128", integrity: "SHA256",
                        pfs: "PFS2048")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("AES-GCM everywhere") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "GCMAES128", cipher: "GCMAES128", dh: "ECP256", encryption: "GCMAES128",
                        integrity: "SHA256", pfs: "ECP256")
                }
            },
            RuleExample("default policy is another rule's finding") {
                ExampleEstate.server { $0.vpn.ikev2Policy = IKEv2Policy(isCustom: ExampleEstate.fact(false)) }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachCustomPolicy(estate, report: &report) { server, policy, report in
            reportWeakValues(
                server,
                [
                    (policy.encryptionMethod, IKEv2Vocabulary.encryption),
                    (policy.cipherTransformConstants, IKEv2Vocabulary.cipher),
                ],
                weak: IKEv2Vocabulary.weakEncryption, what: "encryption", report: &report)
        }
    }
}
