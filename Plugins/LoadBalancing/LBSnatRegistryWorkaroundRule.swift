import EstateModel
import RuleAPI

/// Source NAT stays, and a VPN server behind it lacks the per-address SA limit increase.
public struct LBSnatRegistryWorkaroundRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-snat-registry-workaround", title: "SNAT Without the IKEEXT Workaround",
        module: LoadBalancingRules.module, severity: .high,
        rationale:
            "When source NAT cannot be removed, raising IkeNumEstablishedForInitialQuery lets IKEEXT accept more security associations from the load balancer's single address. Hicks recommends twice the expected concurrent IPsec connections (50000 when the number is not known); the rule accepts at least that, reading the plan's expectedConnections as the server script does. It is only a partial workaround: other Windows limits on connections from one address remain.",
        remediation:
            "On every VPN server behind the load balancer: New-ItemProperty -Path 'HKLM:SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters\\' -Name IkeNumEstablishedForInitialQuery -PropertyType DWORD -Value <2 x expected concurrent connections, 50000 when unknown> -Force; Restart-Service IKEEXT -Force (the value takes effect only after IKEEXT restarts). Prefer removing the source NAT.",
        references: [LoadBalancingRules.seed, PublicSource.hicksLoadBalancingScript],
        triggeringExamples: [
            RuleExample("SNAT and the value missing") {
                var server = Server(name: "rras01", roles: [.vpn])
                server.addresses = [ExampleEstate.fact("10.0.10.11")]
                server.registry.exportedKeys = [ServerRegistry.ikeextParameters]
                return ExampleEstate.balancer(servers: [server]) { $0.listeners[0].sourceTranslation.kind = .automap }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("SNAT and 50000") {
                var server = Server(name: "rras01", roles: [.vpn])
                server.addresses = [ExampleEstate.fact("10.0.10.11")]
                server.registry.exportedKeys = [ServerRegistry.ikeextParameters]
                server.registry.ikeNumEstablishedForInitialQuery = ExampleEstate.fact(50000)
                return ExampleEstate.balancer(servers: [server]) { $0.listeners[0].sourceTranslation.kind = .automap }
            },
            RuleExample("no SNAT") { ExampleEstate.balancer() },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            guard service.listeners.contains(where: { $0.sourceTranslation.translatesSource }) else { return }
            let servers = estate.servers(behind: service.pools(service.listeners))
            guard !servers.isEmpty else {
                report.notAssessed(
                    scope: service.scope,
                    "no imported VPN server matches the pool members (export Get-NetIPAddress from the servers)")
                return
            }
            let required = report.context.ikeNumEstablishedForInitialQuery
            let basis =
                report.context.expectedConnections.map { "twice the plan's \($0) expected connections" }
                ?? "the recommended value when the expected connections are not known"
            for server in servers {
                let value = server.registry.ikeNumEstablishedForInitialQuery
                if let value, value.value >= required { continue }
                let name = "IkeNumEstablishedForInitialQuery"
                guard value != nil || server.registry.exported(ServerRegistry.ikeextParameters, value: name) else {
                    report.notAssessed(
                        server,
                        "the export has no IKEEXT\\Parameters registry key for this server behind \(service.scope)")
                    continue
                }
                let current = value.map { "\($0.value)" } ?? "not set (Windows default)"
                report.finding(
                    server,
                    "\(server.displayName) sits behind source NAT on \(service.scope) and IkeNumEstablishedForInitialQuery is \(current), below \(required) (\(basis)).",
                    evidence: (value.map { [$0.evidence] }
                        ?? server.registry.evidence(ofKey: ServerRegistry.ikeextParameters))
                        + service.listeners.filter { $0.sourceTranslation.translatesSource }.map(
                            \.sourceTranslation.evidence),
                    remediation:
                        "New-ItemProperty -Path 'HKLM:SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters\\' -Name IkeNumEstablishedForInitialQuery -PropertyType DWORD -Value \(required) -Force; Restart-Service IKEEXT -Force. Prefer removing the source NAT."
                )
            }
        }
    }
}
