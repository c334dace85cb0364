import EstateModel
import RuleAPI

/// A CryptographySuite with a NativeProtocolType other than IKEv2 is ignored or misapplied.
public struct IKEv2CryptoSuiteIgnoredRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-cryptosuite-ignored", title: "CryptographySuite Ignored Without NativeProtocolType IKEv2",
        module: ClientProfileRules.module, severity: .high,
        rationale: "The VPNv2 CSP applies CryptographySuite only when NativeProtocolType is IKEv2. With Automatic the client negotiates Windows' weak defaults (or the profile fails with error 800, as reported in richardhicks/aovpn #10 and #15); SSTP never uses the suite.",
        remediation: "Set NativeProtocolType to IKEv2 in the profile that carries the CryptographySuite. If SSTP fallback is needed, deploy as IKEv2 and set VpnStrategy in rasphone.pbk (Update-Rasphone), or use ProtocolList on Windows 11.",
        references: [ClientProfileRules.combinations + " #7", "richardhicks/aovpn issues #10, #15", ClientProfileRules.csp],
        triggeringExamples: [
            RuleExample("Automatic with a suite") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                    $0.cryptographySuite = ExampleEstate.suite(auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256", encryption: "AES_GCM_128")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("IKEv2 with a suite") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256", encryption: "AES_GCM_128")
                }
            },
            RuleExample("Automatic without a suite") { ExampleEstate.profile { $0.nativeProtocolType = ExampleEstate.fact("Automatic") } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let suite = profile.cryptographySuite, let protocolType = profile.nativeProtocolType,
                  protocolType.value.lowercased() != "ikev2" else { return }
            report.finding(scope: profile.scope,
                           "The profile has a CryptographySuite but NativeProtocolType \(protocolType.value): the suite is not applied (error 800 or Windows' default proposals).",
                           evidence: [protocolType.evidence, suite.evidence])
        }
    }
}
