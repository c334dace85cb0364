import EstateModel
import RuleAPI

/// The client's IKEv2 suite differs from the RRAS server's policy: error 13868.
public struct IKEv2ClientServerMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-client-server-mismatch", title: "Client IKEv2 Suite Differs From The Server Policy",
        module: ClientProfileRules.module, severity: .critical,
        rationale: "With -CustomPolicy the RRAS server accepts exactly one IKEv2 suite. A client whose CryptographySuite (or IPSecCustomPolicy) differs on any of the six values, or that proposes Windows' defaults, fails with error 13868 \"policy match error\". ProfileXML spells two values differently (SHA196 for SHA1, AES_GCM_128 for GCMAES128); they are compared after normalising.",
        remediation: "Make the client suite equal the server's Get-VpnServerConfiguration custom policy on all six values (in ProfileXML spelling: EncryptionMethod AES_GCM_128 for GCMAES128, IntegrityCheckMethod SHA196 for SHA1), or change the server policy with Set-VpnServerConfiguration -CustomPolicy; deploy both together.",
        references: ["knowledge/ikev2-and-load-balancers.md §A1.5 C4", ClientProfileRules.combinations + " #10", ClientProfileRules.csp],
        triggeringExamples: [
            RuleExample("client AES128 against server GCM") {
                ExampleEstate.profile(servers: [Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))]) {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256", encryption: "AES_GCM_128")
                }
            },
            RuleExample("client with no suite against a custom server policy") {
                ExampleEstate.profile(servers: [Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))]) {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("ProfileXML spelling of the same enhanced suite") {
                ExampleEstate.profile(servers: [Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.customPolicy(
                    auth: "GCMAES128", cipher: "GCMAES128", dh: "Group14", encryption: "GCMAES128", integrity: "SHA1", pfs: "ECP256")))]) {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA196", encryption: "AES_GCM_128")
                }
            },
            RuleExample("an SSTP-only profile never negotiates IKEv2") {
                ExampleEstate.profile(servers: [Server(name: "rras01", roles: [.vpn], vpn: serverWith(ExampleEstate.standardPolicy))]) {
                    $0.nativeProtocolType = ExampleEstate.fact("SSTP")
                }
            },
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
            let servers = Self.servers(for: profile, in: estate)
            guard !servers.isEmpty else {
                report.notAssessed(scope: profile.scope, "the export has no IKEv2 policy of a VPN server (Get-VpnServerConfiguration)")
                return
            }
            // With Automatic the client ignores its CryptographySuite and proposes the defaults.
            let suite = protocolName == "ikev2" ? profile.cryptographySuite : nil
            for (server, policy) in servers where policy.isCustom.value {
                guard let suite else {
                    report.finding(scope: profile.scope,
                                   "The client proposes Windows' default IKEv2 suite\(protocolName == "automatic" ? " (NativeProtocolType Automatic ignores CryptographySuite)" : ""), but \(server.displayName) accepts only its custom policy: connections fail with error 13868.",
                                   evidence: [profile.nativeProtocolType?.evidence ?? profile.evidence, policy.isCustom.evidence])
                    continue
                }
                var differences: [String] = []
                var evidence: [Evidence] = []
                for transform in IKEv2Transform.allCases {
                    let serverFact = policy[transform]
                    let clientFact = suite[transform]
                    if let raw = clientFact?.value ?? serverFact?.value, Int(raw) != nil {
                        report.notAssessed(scope: profile.scope, "\(transform.rawValue) is a numeric code (\(raw)); compare it by hand")
                        return
                    }
                    let client = clientFact.map { IKEv2Vocabulary.comparable($0.value, transform: transform) }
                    let server = serverFact.map { IKEv2Vocabulary.comparable($0.value, transform: transform) }
                    guard client != server else { continue }
                    differences.append("\(transform.rawValue) client \(clientFact?.value ?? "(absent)") / server \(serverFact?.value ?? "(absent)")")
                    evidence += [clientFact?.evidence, serverFact?.evidence].compactMap { $0 }
                }
                if !differences.isEmpty {
                    report.finding(scope: profile.scope,
                                   "The client suite differs from \(server.displayName)'s IKEv2 policy: \(differences.joined(separator: "; ")). Connections fail with error 13868.",
                                   evidence: evidence)
                }
            }
        }
    }

    /// The VPN servers the profile connects to: those named in its Servers (FQDN, short name or
    /// ConnectToAddress), else every VPN server of the estate with an IKEv2 policy.
    static func servers(for profile: ClientProfile, in estate: Estate) -> [(Server, IKEv2Policy)] {
        let withPolicy = estate.vpnServers.compactMap { server in server.vpn.ikev2Policy.map { (server, $0) } }
        let names = Set(profile.servers.map { $0.value.lowercased() })
        let named = withPolicy.filter { server, _ in
            names.contains(server.displayName.lowercased()) || names.contains(server.name)
                || server.directAccess.connectToAddress.map { names.contains($0.value.lowercased()) } == true
        }
        return named.isEmpty ? withPolicy : named
    }
}
