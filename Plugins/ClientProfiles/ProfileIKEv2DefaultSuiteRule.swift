import EstateModel
import RuleAPI

/// An IKEv2 profile without a CryptographySuite proposes Windows' weak defaults.
public struct ProfileIKEv2DefaultSuiteRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-ikev2-default-suite", title: "IKEv2 Profile Without CryptographySuite",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "Without a CryptographySuite a Windows IKEv2 client proposes its defaults (3DES, SHA-1, DH group 2), which RFC 8247 deprecates; a server with Windows' default policy accepts them. When a named server has a custom policy the connection fails instead, and ikev2-client-server-mismatch reports that.",
        remediation:
            "Add a CryptographySuite with the chosen baseline's six values (aovpn-advisor plan writes it) and apply the same -CustomPolicy on the servers.",
        references: [PublicSource.hicksIKEv2Posts, PublicSource.rfc8247, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("IKEv2 without a suite") {
                ExampleEstate.profile { $0.nativeProtocolType = ExampleEstate.fact("IKEv2") }
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
            RuleExample("SSTP uses no IKEv2 suite") {
                ExampleEstate.profile { $0.nativeProtocolType = ExampleEstate.fact("SSTP") }
            },
            RuleExample("a named server's custom policy makes it ikev2-client-server-mismatch's finding") {
                var server = Server(name: "rras01", roles: [.vpn])
                server.vpn.ikev2Policy = ExampleEstate.standardPolicy
                return ExampleEstate.profile(servers: [server]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard profile.source == .profileXML, profile.isIKEv2Only, profile.cryptographySuite == nil else { return }
            let custom = IKEv2ClientServerMismatchRule.servers(for: profile, in: estate).contains {
                $0.1.isCustom.value
            }
            guard !custom else { return }
            report.finding(
                scope: profile.scope,
                "NativeProtocolType is IKEv2 and the profile has no CryptographySuite: the client proposes Windows' default IKEv2 suite (3DES, SHA-1, DH group 2).",
                evidence: [profile.nativeProtocolType?.evidence ?? profile.evidence])
        }
    }
}
