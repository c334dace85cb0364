import EstateModel
import RuleAPI

/// A CryptographySuite with a NativeProtocolType other than IKEv2 is ignored or misapplied.
public struct IKEv2CryptoSuiteIgnoredRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-cryptosuite-ignored", title: "CryptographySuite Ignored Without NativeProtocolType IKEv2",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "Richard Hicks observed (\"presumably, this is a bug\") that with NativeProtocolType Automatic Windows ignores the CryptographySuite: against a server with a custom IKEv2 policy that accepts only IKEv2, the connection fails with error 800. The VPNv2 CSP itself does not document this. SSTP never uses the suite. Whether ProtocolList (Windows 11) honours the suite is not documented either, so ProtocolList is not flagged: test it on a pilot.",
        remediation:
            "Set NativeProtocolType to IKEv2 in the profile that carries the CryptographySuite. If an SSTP fallback is needed, deploy as IKEv2 and set VpnStrategy in rasphone.pbk (Update-Rasphone), or try ProtocolList on Windows 11 and confirm on a pilot that the suite is applied.",
        references: [PublicSource.vpnv2CSP, PublicSource.hicksError800, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("Automatic with a suite") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("IKEv2 with a suite") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("Automatic without a suite") {
                ExampleEstate.profile { $0.nativeProtocolType = ExampleEstate.fact("Automatic") }
            },
            RuleExample("ProtocolList with a suite (undocumented either way, not flagged)") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("ProtocolList")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let suite = profile.cryptographySuite, let protocolType = profile.nativeProtocolType,
                !["ikev2", "protocollist"].contains(protocolType.value.lowercased())
            else { return }
            report.finding(
                scope: profile.scope,
                "The profile has a CryptographySuite but NativeProtocolType \(protocolType.value): Windows does not apply the suite, so against a custom server policy the connection fails (error 800 with Automatic).",
                evidence: [protocolType.evidence, suite.evidence])
        }
    }
}
