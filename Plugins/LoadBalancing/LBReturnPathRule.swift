import EstateModel
import RuleAPI

/// Without source NAT, replies must return through the load balancer.
public struct LBReturnPathRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-return-path", title: "Return Path Through the Load Balancer", module: LoadBalancingRules.module,
        severity: .info,
        rationale:
            "A transparent load balancer only sees the replies if the VPN servers route back through it (default gateway on the load balancer, or policy routing). Otherwise replies leave from the servers' own address and clients drop them. The export cannot show server routes, so this is a manual check.",
        remediation:
            "Make the load balancer's internal (floating/subnet) address the VPN servers' default gateway for client traffic, or route client address ranges through it.",
        references: [LoadBalancingRules.principles, LoadBalancingRules.seed],
        triggeringExamples: [
            RuleExample("transparent listeners") { ExampleEstate.balancer() }
        ],
        nonTriggeringExamples: [
            RuleExample("source NAT (its own finding)") {
                ExampleEstate.balancer {
                    $0.listeners[0].sourceTranslation.kind = .automap
                    $0.listeners[1].sourceTranslation.kind = .automap
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            guard service.loadBalancer.vendor != .windowsNLB,
                !service.listeners.contains(where: { $0.sourceTranslation.translatesSource })
            else { return }
            guard service.listeners.allSatisfy(\.sourceTranslation.isKnown) else {
                report.notAssessed(
                    scope: service.scope,
                    "the configuration does not say whether the listeners keep the client's address")
                return
            }
            report.finding(
                scope: service.scope,
                "Clients keep their address through \(service.scope): the VPN servers must route replies back through the load balancer.",
                evidence: service.listeners.map(\.sourceTranslation.evidence))
        }
    }
}
