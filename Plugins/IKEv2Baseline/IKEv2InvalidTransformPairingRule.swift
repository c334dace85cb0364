import EstateModel
import RuleAPI

/// Cipher and authentication transforms that do not belong together.
public struct IKEv2InvalidTransformPairingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-invalid-transform-pairing", title: "Invalid IKEv2 Transform Pairing",
        module: IKEv2BaselineRules.module, severity: .high,
        rationale:
            "An AES-GCM cipher must be paired with the same GCMAES authentication transform (AEAD cannot be combined with an HMAC); a CBC cipher needs an HMAC (SHA256128), never None or GCMAES. Mismatched pairs fail to negotiate or lose integrity.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.setVpnServerConfiguration, PublicSource.rfc8221],
        triggeringExamples: [
            RuleExample("GCM cipher with an HMAC") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "SHA256128", cipher: "GCMAES128", dh: "ECP256", encryption: "GCMAES128",
                        integrity: "SHA256", pfs: "ECP256")
                }
            },
            RuleExample("CBC cipher with no integrity") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "None", cipher: "AES256", dh: "Group14", encryption: "AES256", integrity: "SHA256",
                        pfs: "PFS2048")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("GCM pairs") {
                ExampleEstate.server {
                    $0.vpn.ikev2Policy = ExampleEstate.customPolicy(
                        auth: "GCMAES256", cipher: "GCMAES256", dh: "ECP384", encryption: "GCMAES256",
                        integrity: "SHA384", pfs: "ECP384")
                }
            },
            RuleExample("CBC with SHA256128") {
                ExampleEstate.server { $0.vpn.ikev2Policy = ExampleEstate.standardPolicy }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachCustomPolicy(estate, report: &report) { server, policy, report in
            guard let cipher = policy.cipherTransformConstants, let auth = policy.authenticationTransformConstants
            else {
                report.notAssessed(
                    server, "the custom policy lacks CipherTransformConstants or AuthenticationTransformConstants")
                return
            }
            let c = IKEv2Vocabulary.normalised(cipher.value)
            let a = IKEv2Vocabulary.normalised(auth.value)
            guard IKEv2Vocabulary.cipher.contains(c), IKEv2Vocabulary.auth.contains(a) else {
                report.notAssessed(server, "unrecognised transform values '\(cipher.value)' / '\(auth.value)'")
                return
            }
            let problem: String?
            if c.hasPrefix("GCMAES"), a != c {
                problem =
                    "Cipher \(cipher.value) is AES-GCM, so AuthenticationTransformConstants must be \(cipher.value), not \(auth.value)."
            } else if ["DES", "DES3", "AES128", "AES192", "AES256"].contains(c), a == "NONE" || a.hasPrefix("GCMAES") {
                problem =
                    "Cipher \(cipher.value) is CBC and needs an HMAC authentication transform (SHA256128), not \(auth.value)."
            } else {
                problem = nil
            }
            if let problem {
                report.finding(
                    server, problem, evidence: [cipher.evidence, auth.evidence],
                    remediation: report.context.ikev2Remediation(for: server))
            }
        }
    }
}
