import EstateModel
import RuleAPI

/// An IKE pool has no health monitor.
public struct LBNoHealthMonitorRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-no-health-monitor", title: "No Health Monitor on the VPN Pool", module: LoadBalancingRules.module,
        severity: .medium,
        rationale:
            "UDP 500 cannot be probed meaningfully; without a monitor (ICMP, or the SSTP check answering 401) a failed RRAS server keeps receiving new clients until someone notices.",
        remediation:
            "Add a monitor to the VPN pools: ICMP echo, or HTTPS HEAD /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ expecting 401.",
        references: [
            LoadBalancingRules.principles,
            "https://github.com/richardhicks/aovpn/blob/master/F5-BIG-IP-SSTP-Monitor.txt",
        ],
        triggeringExamples: [
            RuleExample("no monitor on the 4500 pool") { ExampleEstate.balancer { $0.pools[1].monitors = [] } }
        ],
        nonTriggeringExamples: [
            RuleExample("monitors on both") { ExampleEstate.balancer() },
            RuleExample("NGINX OSS has no active checks to configure") {
                ExampleEstate.balancer(.nginx) {
                    $0.pools = [
                        Pool(
                            name: "p500", members: [], monitors: [], activeChecksAvailable: false,
                            evidence: ExampleEstate.evidence("u")),
                        Pool(
                            name: "p4500", members: [], monitors: [], activeChecksAvailable: false,
                            evidence: ExampleEstate.evidence("u")),
                    ]
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            var seen: Set<String> = []
            let bare = service.pools(service.listeners).filter {
                $0.activeChecksAvailable && $0.monitors.isEmpty && seen.insert($0.name).inserted
            }
            guard !bare.isEmpty else { return }
            report.finding(
                scope: service.scope, "No health monitor on \(bare.map(\.name).joined(separator: ", ")).",
                evidence: bare.map(\.evidence),
                remediation: VendorRemediation.text(Self.description.id, service.loadBalancer.vendor))
        }
    }
}
