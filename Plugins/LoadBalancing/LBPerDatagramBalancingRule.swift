import EstateModel
import RuleAPI

/// Every UDP datagram is balanced on its own.
public struct LBPerDatagramBalancingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-per-datagram-balancing", title: "Per-Datagram UDP Balancing", module: LoadBalancingRules.module,
        severity: .high,
        rationale:
            "With datagram load balancing each UDP packet is balanced independently, so the packets of one IKE exchange or ESP-in-UDP flow are spread over the servers.",
        remediation: "Disable per-datagram balancing on the IKE listeners' UDP profile.",
        references: [PublicSource.hicksLoadBalancingNat],
        triggeringExamples: [
            RuleExample("datagram-load-balancing enabled") {
                ExampleEstate.balancer { $0.listeners[1].perDatagramBalancing = ExampleEstate.fact(true) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("datagram-load-balancing disabled") {
                ExampleEstate.balancer { $0.listeners[1].perDatagramBalancing = ExampleEstate.fact(false) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            let facts = service.listeners.compactMap { listener in
                listener.perDatagramBalancing.flatMap { $0.value ? (listener, $0) : nil }
            }
            guard !facts.isEmpty else { return }
            report.finding(
                scope: service.scope,
                "Per-datagram balancing is on for \(facts.map(\.0.name).joined(separator: ", ")).",
                evidence: facts.map(\.1.evidence),
                remediation: VendorRemediation.text(Self.description.id, service.loadBalancer.vendor))
        }
    }
}
