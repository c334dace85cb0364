import EstateModel
import RuleAPI

/// MD5 or SHA-1 for the IKE SA integrity/PRF or the child SA authentication transform.
public struct IKEv2WeakIntegrityRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-weak-integrity", title: "Weak IKEv2 Integrity", module: IKEv2BaselineRules.module, severity: .high,
        rationale:
            "RFC 8247 forbids HMAC-MD5 and demotes HMAC-SHA1 (MUST-); NIST SP 800-77r1 says to avoid MD5 and SHA-1. Use SHA256 (or SHA384) and SHA256128 or AES-GCM.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.hicksBaselineScript, PublicSource.rfc8247],
        triggeringExamples: [
            RuleExample("SHA1 integrity") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "AES128", dh: "Group14", encryption: "AES128", integrity: "SHA1",
                        pfs: "PFS2048")
                }
            },
            RuleExample("MD596 child SA") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "MD596", cipher: "AES128", dh: "Group14", encryption: "AES128", integrity: "SHA256",
                        pfs: "PFS2048")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the standard baseline") {
                ExampleEstate.server { $0.vpn.ikev2Policy = ExampleEstate.standardPolicy }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachCustomPolicy(estate, report: &report) { server, policy, report in
            reportWeakValues(
                server,
                [
                    (policy.integrityCheckMethod, IKEv2Vocabulary.integrity),
                    (policy.authenticationTransformConstants, IKEv2Vocabulary.auth),
                ],
                weak: IKEv2Vocabulary.weakIntegrity, what: "integrity", report: &report)
        }
    }
}
