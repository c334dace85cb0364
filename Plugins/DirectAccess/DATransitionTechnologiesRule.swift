import EstateModel
import RuleAPI

/// DirectAccess clients rely on IPv6 transition technologies (Teredo, 6to4, IP-HTTPS).
public struct DATransitionTechnologiesRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-transition-technologies", title: "IPv6 Transition Technologies in Use", module: DirectAccessRules.module, severity: .low,
        rationale: "Teredo, 6to4 and IP-HTTPS carry DirectAccess over IPv4 networks. Always On VPN replaces them with IKEv2 and an SSTP fallback for the user tunnel (the device tunnel has no SSTP); the IP-HTTPS public name and certificate can be reused for SSTP.",
        remediation: "Plan IKEv2 with SSTP fallback for the user tunnel, reuse the IP-HTTPS FQDN and certificate for SSTP, and disable Teredo/6to4 on clients once DirectAccess is gone.",
        references: [DirectAccessRules.mapping],
        triggeringExamples: [
            RuleExample("Teredo enabled on the server") { ExampleEstate.daServer { $0.teredoState = ExampleEstate.fact("Enabled") } },
            RuleExample("IP-HTTPS prefix configured") { ExampleEstate.daServer { $0.clientIPv6Prefix = ExampleEstate.fact("2001:db8:1:1000::/64") } },
        ],
        nonTriggeringExamples: [
            RuleExample("Teredo disabled, no IP-HTTPS") { ExampleEstate.daServer {
                $0.teredoState = ExampleEstate.fact("Disabled")
                $0.transition.ipHttpsClientState = ExampleEstate.fact(3)
            } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        for server in estate.directAccessServers {
            let da = server.directAccess
            var inUse: [(String, Evidence)] = []
            var known = false
            for state in [da.teredoState, da.transition.teredoState].compactMap({ $0 }) {
                known = true
                if !["disabled", "default"].contains(state.value.lowercased()) { inUse.append(("Teredo (\(state.value))", state.evidence)) }
            }
            if let sixToFour = da.transition.sixToFourState {
                known = true
                if !["disabled", "default"].contains(sixToFour.value.lowercased()) { inUse.append(("6to4 (\(sixToFour.value))", sixToFour.evidence)) }
            }
            if let state = da.transition.ipHttpsClientState {
                known = true
                if state.value == 2 { inUse.append(("IP-HTTPS", state.evidence)) }
            } else if let prefix = da.clientIPv6Prefix {
                known = true
                inUse.append(("IP-HTTPS (client prefix \(prefix.value))", prefix.evidence))
            }
            guard known else {
                report.notAssessed(server, "the export does not contain Teredo, 6to4 or IP-HTTPS settings (Get-DAServer or the v6Transition policy)")
                continue
            }
            if !inUse.isEmpty {
                report.finding(server, "DirectAccess clients use \(inUse.map(\.0).joined(separator: ", ")).", evidence: inUse.map(\.1))
            }
        }
    }
}
