import EstateModel
import RuleAPI

/// A Proxy setting on a split tunnel profile, where Windows does not apply it.
public struct ProfileProxyOnSplitTunnelRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-proxy-on-split-tunnel", title: "Proxy Set On A Split Tunnel Profile",
        module: ClientProfileRules.module, severity: .low,
        rationale:
            "The VPNv2 CSP applies the Proxy element only with RoutingPolicyType ForceTunnel; on a split tunnel it is ignored, so the proxy the administrator expects is not used.",
        remediation:
            "Remove Proxy from the split tunnel profile, or set a per-namespace proxy with DomainNameInformation/WebProxyServers; keep Proxy only for ForceTunnel profiles.",
        references: [PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("PAC on split tunnel") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.proxy = ExampleEstate.fact("http://proxy.corp.example.com/proxy.pac")
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("PAC on force tunnel") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("ForceTunnel")
                    $0.proxy = ExampleEstate.fact("http://proxy.corp.example.com/proxy.pac")
                }
            },
            RuleExample("split tunnel without proxy") {
                ExampleEstate.profile { $0.routingPolicyType = ExampleEstate.fact("SplitTunnel") }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let proxy = profile.proxy, profile.effectiveRouting.lowercased() != "forcetunnel" else { return }
            report.finding(
                scope: profile.scope, "Proxy \(proxy.value) is set on a split tunnel profile and is not applied.",
                evidence: [proxy.evidence] + [profile.routingPolicyType?.evidence].compactMap { $0 })
        }
    }
}
