import EstateModel
import RuleAPI

/// The client's IKEv2 suite differs from the RRAS server's policy: error 13868.
public struct IKEv2ClientServerMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-client-server-mismatch", title: "Client IKEv2 Suite Differs From The Server Policy",
        module: ClientProfileRules.module, severity: .critical,
        rationale:
            "With -CustomPolicy the RRAS server accepts exactly one IKEv2 suite. A client with NativeProtocolType IKEv2 whose CryptographySuite (or IPSecCustomPolicy) differs on any of the six values, or that has none and so proposes Windows' defaults, fails with error 13868 \"policy match error\". With NativeProtocolType Automatic and no suite the client proposes the defaults, is rejected, and falls back to SSTP (error 800 when the server has none); Automatic with a suite is ikev2-cryptosuite-ignored's finding. Only servers named in the profile's Servers are compared; a profile whose servers are not in the export is not assessed. ProfileXML spells two values differently (SHA196 for SHA1, AES_GCM_128 for GCMAES128); they are compared after normalising.",
        remediation:
            "Make the client suite equal the server's Get-VpnServerConfiguration custom policy on all six values (in ProfileXML spelling: EncryptionMethod AES_GCM_128 for GCMAES128, IntegrityCheckMethod SHA196 for SHA1), or change the server policy with Set-VpnServerConfiguration -CustomPolicy; deploy both together.",
        references: [PublicSource.hicksPolicyMismatch, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("client AES128 against server GCM") {
                ExampleEstate.profile(servers: [
                    Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("Automatic without a suite against a custom policy (SSTP fallback or 800)") {
                ExampleEstate.profile(servers: [
                    Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                }
            },
            RuleExample("client with no suite against a custom server policy") {
                ExampleEstate.profile(servers: [
                    Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("ProfileXML spelling of the same enhanced suite") {
                ExampleEstate.profile(servers: [
                    Server(
                        name: "rras01", roles: [.vpn],
                        vpn: serverWith(
                            ExampleEstate.customPolicy(
                                auth: "GCMAES128", cipher: "GCMAES128", dh: "Group14", encryption: "GCMAES128",
                                integrity: "SHA1", pfs: "ECP256")))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA196",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("an SSTP-only profile never negotiates IKEv2") {
                ExampleEstate.profile(servers: [
                    Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("SSTP")
                }
            },
            RuleExample("Automatic with a suite is ikev2-cryptosuite-ignored's finding, not counted twice") {
                ExampleEstate.profile(servers: [
                    Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("rras01")]
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
        ],
        notAssessedExamples: [
            RuleExample("a profile aimed at a server not in the export is not compared with the others") {
                ExampleEstate.profile(servers: [
                    Server(name: "da01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))
                ]) {
                    $0.servers = [ExampleEstate.fact("vpn-new.example.com")]
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                }
            }
        ])

    static func serverWith(_ policy: IKEv2Policy) -> VpnConfiguration {
        var vpn = VpnConfiguration()
        vpn.ikev2Policy = policy
        return vpn
    }

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            let protocolName = profile.nativeProtocolType?.value.lowercased() ?? "automatic"
            guard ["ikev2", "automatic"].contains(protocolName) else { return }
            // Automatic with a suite: Windows ignores the suite (error 800); that root cause is
            // ikev2-cryptosuite-ignored's finding, not reported twice.
            if protocolName == "automatic", profile.cryptographySuite != nil { return }
            guard estate.vpnServers.contains(where: { $0.vpn.ikev2Policy != nil }) else {
                report.notAssessed(
                    scope: profile.scope, "the export has no IKEv2 policy of a VPN server (Get-VpnServerConfiguration)")
                return
            }
            let servers = Self.servers(for: profile, in: estate)
            guard !servers.isEmpty else {
                let names = profile.servers.map(\.value).joined(separator: ", ")
                report.notAssessed(
                    scope: profile.scope,
                    "the profile connects to \(names.isEmpty ? "no server" : names), which is not among the exported VPN servers; export that server's Get-VpnServerConfiguration to compare"
                )
                return
            }
            let suite = protocolName == "ikev2" ? profile.cryptographySuite : nil
            for (server, policy) in servers where policy.isCustom.value {
                guard let suite else {
                    if protocolName == "automatic" {
                        let sstp = server.vpn.ports(for: .sstp).map { $0.acceptsClients }
                        let fallback =
                            sstp == true
                            ? "it then falls back to SSTP, which \(server.displayName) accepts, so it connects over SSTP instead of IKEv2"
                            : sstp == false
                                ? "its fallback to SSTP finds no SSTP on \(server.displayName), so the connection fails with error 800"
                                : "it then tries SSTP; without SSTP on the server the connection fails with error 800"
                        report.finding(
                            scope: profile.scope,
                            "NativeProtocolType is Automatic, so the client proposes Windows' default IKEv2 suite, which \(server.displayName)'s custom policy rejects; \(fallback).",
                            evidence: [
                                profile.nativeProtocolType?.evidence ?? profile.evidence, policy.isCustom.evidence,
                            ],
                            remediation:
                                "Set NativeProtocolType IKEv2 and a CryptographySuite equal to \(server.displayName)'s custom policy (aovpn-advisor plan writes it), or accept that the client connects over SSTP."
                        )
                    } else {
                        report.finding(
                            scope: profile.scope,
                            "The profile has no CryptographySuite, so the client proposes Windows' default IKEv2 suite, but \(server.displayName) accepts only its custom policy: connections fail with error 13868.",
                            evidence: [
                                profile.nativeProtocolType?.evidence ?? profile.evidence, policy.isCustom.evidence,
                            ])
                    }
                    continue
                }
                var differences: [String] = []
                var evidence: [Evidence] = []
                for transform in IKEv2Transform.allCases {
                    let serverFact = policy[transform]
                    let clientFact = suite[transform]
                    if let raw = clientFact?.value ?? serverFact?.value, Int(raw) != nil {
                        report.notAssessed(
                            scope: profile.scope, "\(transform.rawValue) is a numeric code (\(raw)); compare it by hand"
                        )
                        return
                    }
                    let client = clientFact.map { IKEv2Vocabulary.comparable($0.value, transform: transform) }
                    let server = serverFact.map { IKEv2Vocabulary.comparable($0.value, transform: transform) }
                    guard client != server else { continue }
                    differences.append(
                        "\(transform.rawValue) client \(clientFact?.value ?? "(absent)") / server \(serverFact?.value ?? "(absent)")"
                    )
                    evidence += [clientFact?.evidence, serverFact?.evidence].compactMap { $0 }
                }
                if !differences.isEmpty {
                    report.finding(
                        scope: profile.scope,
                        "The client suite differs from \(server.displayName)'s IKEv2 policy: \(differences.joined(separator: "; ")). Connections fail with error 13868.",
                        evidence: evidence)
                }
            }
        }
    }

    /// The exported VPN servers (with an IKEv2 policy) the profile connects to: those named in its
    /// Servers (FQDN, short name or ConnectToAddress). Empty when none of them was exported.
    static func servers(for profile: ClientProfile, in estate: Estate) -> [(Server, IKEv2Policy)] {
        estate.vpnServers(dialledBy: profile).compactMap { server in server.vpn.ikev2Policy.map { (server, $0) } }
    }
}
