import EstateModel
import RuleAPI

/// The UDP 500 and UDP 4500 pools hold different servers.
public struct LBPoolMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-pool-mismatch", title: "UDP 500 and UDP 4500 Pools Differ", module: LoadBalancingRules.module,
        severity: .high,
        rationale:
            "Cross-port persistence matches on the server address, and hashing needs the same members: when the 500 and 4500 pools differ, a client that started IKE on one server is sent to a server that has never seen it.",
        remediation:
            "Put the same VPN server addresses (in the same order and weights for hashing) in the UDP 500 and UDP 4500 pools.",
        references: [LoadBalancingRules.principles, PublicSource.hicksLoadBalancingNat],
        triggeringExamples: [
            RuleExample("a server missing from the 4500 pool") {
                ExampleEstate.balancer { $0.pools[1] = ExampleEstate.pool("p4500", ["10.0.10.11"]) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("same servers") { ExampleEstate.balancer() }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            let ikePools = service.pools(service.ike)
            let natTPools = service.pools(service.natT)
            guard !ikePools.isEmpty, !natTPools.isEmpty else { return }
            let ikeMembers = ikePools.reduce(into: Set<String>()) { $0.formUnion($1.memberAddresses) }
            let natTMembers = natTPools.reduce(into: Set<String>()) { $0.formUnion($1.memberAddresses) }
            guard ikeMembers != natTMembers else { return }
            let onlyIke = ikeMembers.subtracting(natTMembers).sorted()
            let onlyNatT = natTMembers.subtracting(ikeMembers).sorted()
            report.finding(
                scope: service.scope,
                "The pools differ: only in UDP 500: \(onlyIke.isEmpty ? "none" : onlyIke.joined(separator: ", ")); only in UDP 4500: \(onlyNatT.isEmpty ? "none" : onlyNatT.joined(separator: ", ")).",
                evidence: (ikePools + natTPools).map(\.evidence))
        }
    }
}
