import EstateModel
import RuleAPI

/// The virtual address takes UDP 500 but not UDP 4500 (or the reverse).
public struct LBNatTPortMissingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-nat-t-port-missing", title: "UDP 4500 (NAT-T) Not Load Balanced", module: LoadBalancingRules.module,
        severity: .critical,
        rationale:
            "Behind a load balancer the NAT-D hashes never match, so IKEv2 always moves from UDP 500 to UDP 4500 and ESP runs inside UDP 4500. A virtual address that forwards only one of the two ports breaks every connection.",
        remediation:
            "Publish both UDP 500 and UDP 4500 on the VPN virtual address (or one wildcard listener), to the same servers.",
        references: [LoadBalancingRules.principles],
        triggeringExamples: [
            RuleExample("only UDP 500") { ExampleEstate.balancer { $0.listeners.removeLast() } }
        ],
        nonTriggeringExamples: [
            RuleExample("500 and 4500") { ExampleEstate.balancer() },
            RuleExample("one wildcard listener") {
                ExampleEstate.balancer { $0.listeners = [ExampleEstate.listener("vs-any", port: nil, pool: "p500")] }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            if service.natT.isEmpty {
                report.finding(
                    scope: service.scope, "UDP 500 is load balanced on \(service.address) but UDP 4500 is not.",
                    evidence: service.ike.map(\.evidence))
            } else if service.ike.isEmpty {
                report.finding(
                    scope: service.scope, "UDP 4500 is load balanced on \(service.address) but UDP 500 is not.",
                    evidence: service.natT.map(\.evidence))
            }
        }
    }
}
