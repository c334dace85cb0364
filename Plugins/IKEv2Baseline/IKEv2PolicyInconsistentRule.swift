import EstateModel
import RuleAPI

/// Servers of one deployment have different IKEv2 policies or SA lifetimes.
public struct IKEv2PolicyInconsistentRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-policy-inconsistent", title: "IKEv2 Policy Differs Between Servers",
        module: IKEv2BaselineRules.module, severity: .medium,
        rationale:
            "Every node behind one name must have the same IKEv2 policy and lifetimes: clients carry one CryptographySuite, so a node that differs rejects them (error 13868) intermittently, depending on which node the load balancer picks.",
        remediation:
            "Apply the same Set-VpnServerConfiguration -CustomPolicy values and SA lifetimes on every server of the deployment.",
        references: [PublicSource.hicksPolicyMismatch, PublicSource.hicksLoadBalancingNat],
        triggeringExamples: [
            RuleExample("two servers, different DH groups") {
                var a = Server(name: "rras01", roles: [.vpn])
                var b = Server(name: "rras02", roles: [.vpn])
                a.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
                b.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
                a.vpn.ikev2Policy = ExampleEstate.standardPolicy
                b.vpn.ikev2Policy = ExampleEstate.customPolicy(
                    auth: "SHA256128", cipher: "AES128", dh: "ECP256", encryption: "AES128", integrity: "SHA256",
                    pfs: "PFS2048")
                return Estate(servers: [a, b])
            }
        ],
        nonTriggeringExamples: [
            RuleExample("two servers, same policy") {
                var a = Server(name: "rras01", roles: [.vpn])
                var b = Server(name: "rras02", roles: [.vpn])
                a.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
                b.directAccess.connectToAddress = ExampleEstate.fact("VPN.example.com")
                a.vpn.ikev2Policy = ExampleEstate.standardPolicy
                b.vpn.ikev2Policy = ExampleEstate.standardPolicy
                return Estate(servers: [a, b])
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        for deployment in estate.deployments where deployment.serverNames.count > 1 {
            let servers = deployment.serverNames.compactMap { estate.server(named: $0) }.filter {
                $0.roles.contains(.vpn)
            }
            guard servers.count > 1 else { continue }
            let missing = servers.filter { $0.vpn.ikev2Policy == nil }
            if !missing.isEmpty {
                for server in missing {
                    report.notAssessed(server, "no IKEv2 policy in the export for this member of \(deployment.name)")
                }
                continue
            }
            var differences: [String] = []
            var evidence: [Evidence] = []
            for field in Self.fields {
                let values = servers.map { field.read($0) }
                let normalised = Set(values.map { $0.map { IKEv2Vocabulary.normalised($0.value) } ?? "(not set)" })
                if normalised.count > 1 {
                    let detail = zip(servers, values).map { "\($0.displayName)=\($1?.value ?? "(not set)")" }.joined(
                        separator: ", ")
                    differences.append("\(field.name) (\(detail))")
                    evidence += values.compactMap { $0?.evidence }
                }
            }
            if !differences.isEmpty {
                report.finding(
                    scope: deployment.name,
                    "Servers of \(deployment.name) differ in \(differences.joined(separator: "; ")).",
                    evidence: evidence)
            }
        }
    }

    private static let fields: [(name: String, read: @Sendable (Server) -> Fact<String>?)] = [
        ("CustomPolicy", { $0.vpn.ikev2Policy?.isCustom.map { $0 ? "true" : "false" } }),
        ("EncryptionMethod", { $0.vpn.ikev2Policy?.encryptionMethod }),
        ("IntegrityCheckMethod", { $0.vpn.ikev2Policy?.integrityCheckMethod }),
        ("CipherTransformConstants", { $0.vpn.ikev2Policy?.cipherTransformConstants }),
        ("AuthenticationTransformConstants", { $0.vpn.ikev2Policy?.authenticationTransformConstants }),
        ("DHGroup", { $0.vpn.ikev2Policy?.dhGroup }),
        ("PfsGroup", { $0.vpn.ikev2Policy?.pfsGroup }),
        ("SALifeTime", { $0.vpn.saLifetimeSeconds?.map(String.init) }),
        ("MMSALifeTime", { $0.vpn.mainModeSALifetimeSeconds?.map(String.init) }),
    ]
}
