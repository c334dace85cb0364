import EstateModel
import RuleAPI

/// Persistence entries expire before an IKEv2 client goes quiet for long.
public struct LBPersistenceTimeoutShortRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-persistence-timeout-short", title: "Persistence Timeout Too Short", module: LoadBalancingRules.module,
        severity: .medium,
        rationale:
            "A persistence entry that expires between a client's packets (idle tunnels, rekeys hours apart) lets the next packet be balanced afresh to another server. At least 300 seconds is needed, 3600 preferred; F5's default is 180 s and Citrix's 2 minutes.",
        remediation: "Raise the persistence timeout of the IKE listeners to 3600 seconds.",
        references: [LoadBalancingRules.principles],
        triggeringExamples: [
            RuleExample("F5 default 180 s") {
                ExampleEstate.balancer {
                    $0.listeners[0].persistence = ExampleEstate.sourceIP(180)
                    $0.listeners[1].persistence = ExampleEstate.sourceIP(180)
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("3600 s") { ExampleEstate.balancer() },
            RuleExample("a hash has no timeout") {
                ExampleEstate.balancer(.nginx) {
                    $0.listeners[0].persistence = Persistence(
                        type: "source-ip-hash", timeoutSeconds: nil, evidence: ExampleEstate.evidence("hash"))
                    $0.listeners[1].persistence = Persistence(
                        type: "source-ip-hash", timeoutSeconds: nil, evidence: ExampleEstate.evidence("hash"))
                }
            },
        ])

    static let minimumSeconds = 300

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            let short = service.listeners.compactMap { listener -> (Listener, Persistence)? in
                guard let persistence = listener.persistence, let timeout = persistence.timeoutSeconds,
                    timeout > 0, timeout < Self.minimumSeconds
                else { return nil }
                return (listener, persistence)
            }
            guard !short.isEmpty else { return }
            let detail = short.map { "\($0.0.name): \($0.1.timeoutSeconds ?? 0) s" }.joined(separator: ", ")
            report.finding(
                scope: service.scope, "Persistence expires after less than \(Self.minimumSeconds) s (\(detail)).",
                evidence: short.map(\.1.evidence).orderedUnique,
                remediation: VendorRemediation.text(Self.description.id, service.loadBalancer.vendor))
        }
    }
}
