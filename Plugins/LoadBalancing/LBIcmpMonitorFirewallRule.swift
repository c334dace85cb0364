import EstateModel
import RuleAPI

/// The VPN pool is monitored with ICMP echo.
public struct LBIcmpMonitorFirewallRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-icmp-monitor-firewall", title: "ICMP Monitor Needs Echo Allowed", module: LoadBalancingRules.module,
        severity: .info,
        rationale:
            "An ICMP monitor marks a server down when its firewall drops echo requests. Windows Firewall blocks inbound echo by default, so the VPN servers must allow it from the load balancer.",
        remediation:
            "Allow ICMPv4 echo request from the load balancer's self/subnet addresses on every VPN server (New-NetFirewallRule -DisplayName 'Load balancer ICMP echo' -Direction Inbound -Protocol ICMPv4 -IcmpType 8 -RemoteAddress LB_ADDRESSES -Action Allow).",
        references: [LoadBalancingRules.principles, PublicSource.newNetFirewallRule],
        triggeringExamples: [
            RuleExample("gateway_icmp") { ExampleEstate.balancer { $0.pools[0].monitors = ["gateway_icmp"] } }
        ],
        nonTriggeringExamples: [
            RuleExample("tcp monitor") { ExampleEstate.balancer() }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            var seen: Set<String> = []
            let icmp = service.pools(service.listeners).filter { pool in
                pool.monitors.contains { $0.lowercased().contains("icmp") || $0.lowercased().contains("ping") }
                    && seen.insert(pool.name).inserted
            }
            guard !icmp.isEmpty else { return }
            report.finding(
                scope: service.scope,
                "\(icmp.map(\.name).joined(separator: ", ")) are monitored with ICMP echo: the VPN servers must answer it.",
                evidence: icmp.map(\.evidence))
        }
    }
}
