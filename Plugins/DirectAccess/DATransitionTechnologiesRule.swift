import EstateModel
import RuleAPI

/// DirectAccess clients rely on IPv6 transition technologies (Teredo, 6to4, IP-HTTPS).
public struct DATransitionTechnologiesRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-transition-technologies", title: "IPv6 Transition Technologies in Use",
        module: DirectAccessRules.module, severity: .low,
        rationale:
            "Teredo, 6to4 and IP-HTTPS carry DirectAccess over IPv4 networks. Always On VPN replaces them with IKEv2 and SSTP for the user tunnel (the device tunnel has no SSTP). DirectAccess and the new VPN run side by side during the migration, so the VPN needs its own public name: the IP-HTTPS certificate can be reused for SSTP (with the new name added as a SAN), the IP-HTTPS name only after DirectAccess is decommissioned.",
        remediation:
            "Plan IKEv2 and SSTP for the user tunnel under a new public name (reuse the IP-HTTPS certificate only, with that name as a SAN), and disable Teredo/6to4 on clients once DirectAccess is gone.",
        references: [DirectAccessRules.mapping, PublicSource.daMigrationDeploy],
        triggeringExamples: [
            RuleExample("Teredo enabled on the server") {
                ExampleEstate.daServer { $0.teredoState = ExampleEstate.fact("Enabled") }
            },
            RuleExample("IP-HTTPS prefix configured") {
                ExampleEstate.daServer { $0.clientIPv6Prefix = ExampleEstate.fact("2001:db8:1:1000::/64") }
            },
            RuleExample("a client's exported v6Transition policy with IP-HTTPS on") {
                var client = Server(name: "client07")
                client.directAccess.transition.ipHttpsClientState = ExampleEstate.fact(2)
                return Estate(servers: [client])
            },
        ],
        nonTriggeringExamples: [
            RuleExample("Teredo disabled, no IP-HTTPS") {
                ExampleEstate.daServer {
                    $0.teredoState = ExampleEstate.fact("Disabled")
                    $0.transition.ipHttpsClientState = ExampleEstate.fact(3)
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        // DirectAccess servers, and clients whose v6Transition policy was exported (the GPO as the
        // client receives it): both tell whether clients rely on Teredo, 6to4 or IP-HTTPS.
        for server in estate.directAccessServers + estate.clientHosts {
            let da = server.directAccess
            var inUse: [(String, Evidence)] = []
            var known = false
            for state in [da.teredoState, da.transition.teredoState].compactMap({ $0 }) {
                known = true
                if !["disabled", "default"].contains(state.value.lowercased()) {
                    inUse.append(("Teredo (\(state.value))", state.evidence))
                }
            }
            if let sixToFour = da.transition.sixToFourState {
                known = true
                if !["disabled", "default"].contains(sixToFour.value.lowercased()) {
                    inUse.append(("6to4 (\(sixToFour.value))", sixToFour.evidence))
                }
            }
            if let state = da.transition.ipHttpsClientState {
                known = true
                if state.value == 2 { inUse.append(("IP-HTTPS", state.evidence)) }
            } else if let prefix = da.clientIPv6Prefix {
                known = true
                inUse.append(("IP-HTTPS (client prefix \(prefix.value))", prefix.evidence))
            }
            guard known else {
                report.notAssessed(
                    server,
                    "the export does not contain Teredo, 6to4 or IP-HTTPS settings (Get-DAServer or the v6Transition policy)"
                )
                continue
            }
            if !inUse.isEmpty {
                report.finding(
                    server, "DirectAccess clients use \(inUse.map(\.0).joined(separator: ", ")).",
                    evidence: inUse.map(\.1))
            }
        }
    }
}
