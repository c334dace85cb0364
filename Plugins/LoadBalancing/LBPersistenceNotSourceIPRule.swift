import EstateModel
import RuleAPI

/// An IKE listener has no source-IP persistence.
public struct LBPersistenceNotSourceIPRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-persistence-not-source-ip", title: "IKE Persistence Is Not Source IP",
        module: LoadBalancingRules.module, severity: .high,
        rationale:
            "IKEv2 needs every datagram of a client, across rekeys, on the same server; only the client's source address identifies it (cookies and sessions do not exist for UDP). Without source-IP persistence a rekey can land on another server and drop the tunnel.",
        remediation: "Use source-address persistence (or a source-IP hash) on the UDP 500 and 4500 listeners.",
        references: [LoadBalancingRules.principles],
        triggeringExamples: [
            RuleExample("no persistence") { ExampleEstate.balancer { $0.listeners[0].persistence = nil } },
            RuleExample("cookie persistence") {
                ExampleEstate.balancer {
                    $0.listeners[1].persistence = Persistence(
                        type: "cookie", timeoutSeconds: nil, evidence: ExampleEstate.evidence("cookie"))
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("source address on both") { ExampleEstate.balancer() },
            RuleExample("source-IP hash") {
                ExampleEstate.balancer(.nginx) {
                    for index in $0.listeners.indices {
                        $0.listeners[index].persistence = Persistence(
                            type: "source-ip-hash", timeoutSeconds: nil,
                            evidence: ExampleEstate.evidence("hash $remote_addr"))
                    }
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            let wrong = service.listeners.filter { listener in
                // One backend needs no persistence: every client reaches it.
                if let pool = service.loadBalancer.pool(named: listener.poolName), pool.memberAddresses.count == 1 {
                    return false
                }
                guard let persistence = listener.persistence else { return true }
                return !(persistence.isSourceAddress || persistence.type == "source-ip-hash")
            }
            guard !wrong.isEmpty else { return }
            let detail = wrong.map { "\($0.name): \($0.persistence?.type ?? "none")" }.joined(separator: ", ")
            report.finding(
                scope: service.scope, "IKE listeners without source-IP persistence (\(detail)).",
                evidence: wrong.map { $0.persistence?.evidence ?? $0.evidence },
                remediation: VendorRemediation.text(Self.description.id, service.loadBalancer.vendor))
        }
    }
}
