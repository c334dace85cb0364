import EstateModel
import RuleAPI

/// DirectAccess force tunnelling is enabled.
public struct DAForceTunnelRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-force-tunnel", title: "DirectAccess Force Tunnelling", module: DirectAccessRules.module, severity: .medium,
        rationale: "Force tunnelling sends all client traffic to the corporate network. Always On VPN can do it only in the user tunnel (RoutingPolicyType ForceTunnel) with a proxy and exclusion routes; the device tunnel is split only. It changes capacity and the user experience.",
        remediation: "Decide between force tunnel (user tunnel RoutingPolicyType ForceTunnel, Proxy, ExclusionRoute for cloud services) and split tunnel with routes; size RRAS and the Internet link for it.",
        references: [DirectAccessRules.mapping],
        triggeringExamples: [
            RuleExample("ForceTunnel Enabled") { ExampleEstate.daServer { $0.client.forceTunnel = ExampleEstate.fact(true, "Enabled") } },
        ],
        nonTriggeringExamples: [
            RuleExample("ForceTunnel Disabled") { ExampleEstate.daServer { $0.client.forceTunnel = ExampleEstate.fact(false, "Disabled") } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(estate, report: &report, input: "Get-DAClient (ForceTunnel)", { $0.directAccess.client.forceTunnel }) { server, force, report in
            guard force.value else { return }
            report.finding(server, "DirectAccess clients force-tunnel all traffic.", evidence: [force.evidence])
        }
    }
}
