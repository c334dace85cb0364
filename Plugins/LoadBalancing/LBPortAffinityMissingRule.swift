import EstateModel
import RuleAPI

/// UDP 500 and UDP 4500 of one client can reach different servers.
public struct LBPortAffinityMissingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-port-affinity-missing", title: "No Affinity Between UDP 500 and UDP 4500",
        module: LoadBalancingRules.module, severity: .critical,
        rationale:
            "A client's IKE_SA_INIT on UDP 500 and everything after the NAT-T switch on UDP 4500 must reach the same server. Per-listener persistence tables balance the two ports independently, so a client can be split across servers and fail to connect.",
        remediation:
            "Share one persistence table (or one deterministic source-IP hash over identical members) between the 500 and 4500 listeners, or use one wildcard listener.",
        references: [LoadBalancingRules.principles, PublicSource.hicksKemp],
        triggeringExamples: [
            RuleExample("separate persistence tables") {
                ExampleEstate.balancer {
                    $0.listeners[0].affinityGroup = nil
                    $0.listeners[1].affinityGroup = nil
                }
            },
            RuleExample("different groups") { ExampleEstate.balancer { $0.listeners[1].affinityGroup = "other" } },
        ],
        nonTriggeringExamples: [
            RuleExample("one shared table") { ExampleEstate.balancer() },
            RuleExample("one listener for a port range") {
                ExampleEstate.balancer(.windowsNLB) {
                    var rule = ExampleEstate.listener("500-4500", port: 500, pool: nil, affinity: nil)
                    rule.portRange = 500...4500
                    $0.listeners = [rule]
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            guard !service.ike.isEmpty, !service.natT.isEmpty else { return }  // lb-nat-t-port-missing
            var split: [(Listener, Listener)] = []
            for ike in service.ike {
                for natT in service.natT where ike != natT {
                    if ike.affinityGroup == nil || ike.affinityGroup != natT.affinityGroup { split.append((ike, natT)) }
                }
            }
            guard !split.isEmpty else { return }
            let pairs = split.map { "\($0.0.name) / \($0.1.name)" }.joined(separator: ", ")
            let evidence = split.flatMap {
                [$0.0.persistence?.evidence ?? $0.0.evidence, $0.1.persistence?.evidence ?? $0.1.evidence]
            }
            report.finding(
                scope: service.scope,
                "UDP 500 and UDP 4500 are balanced independently (\(pairs)): one client can reach two servers.",
                evidence: evidence.orderedUnique,
                remediation: VendorRemediation.text(Self.description.id, service.loadBalancer.vendor))
        }
    }
}
