import EstateModel
import RuleAPI

/// The load balancer translates the client's source address on the IKE listeners.
public struct LBSourceNatRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "lb-source-nat", title: "Load Balancer Translates the Source Address", module: LoadBalancingRules.module,
        severity: .critical,
        rationale:
            "With source NAT (or a full proxy) every client reaches RRAS from the load balancer's address. Windows limits the IPsec SAs it accepts from one address, so under load new IKEv2 connections fail with error 809 while existing ones keep working. NPS and accounting also lose the client address.",
        remediation:
            "Make the load balancer transparent (destination NAT only) for UDP 500 and 4500 and route the VPN servers back through it.",
        references: [LoadBalancingRules.seed, LoadBalancingRules.principles],
        triggeringExamples: [
            RuleExample("automap on the 500 virtual server") {
                ExampleEstate.balancer { $0.listeners[0].sourceTranslation.kind = .automap }
            },
            RuleExample("NGINX without transparent proxy_bind") {
                ExampleEstate.balancer(.nginx) { $0.listeners[1].sourceTranslation.kind = .proxy }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("transparent on both ports") { ExampleEstate.balancer() },
            RuleExample("SNAT on a TCP 443 listener only") {
                ExampleEstate.balancer {
                    var sstp = ExampleEstate.listener("vs443", port: 443, pool: "p500", snat: .automap)
                    sstp.transport = .tcp
                    $0.listeners.append(sstp)
                }
            },
        ])

    /// The seed's caveat: transparency may need routing changes; the registry change is partial.
    static let workaround =
        "If the source NAT cannot be removed (routing), raise IkeNumEstablishedForInitialQuery on every VPN server to twice the expected concurrent connections, 50000 when unknown (see lb-snat-registry-workaround): a partial workaround only, other per-address limits remain."

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachIKEService(estate, report: &report) { service, report in
            let translating = service.listeners.filter { $0.sourceTranslation.translatesSource }
            guard !translating.isEmpty else {
                let unknown = service.listeners.filter { !$0.sourceTranslation.isKnown }
                if !unknown.isEmpty {
                    report.notAssessed(
                        scope: service.scope,
                        "the configuration does not say whether \(unknown.map(\.name).joined(separator: ", ")) keep the client's address"
                    )
                }
                return
            }
            let detail = translating.map { "\($0.name) (\($0.sourceTranslation.kind.rawValue))" }.joined(
                separator: ", ")
            report.finding(
                scope: service.scope, "The IKE listeners translate the client's source address: \(detail).",
                evidence: translating.map(\.sourceTranslation.evidence),
                remediation: (VendorRemediation.text(Self.description.id, service.loadBalancer.vendor)
                    ?? Self.description.remediation)
                    + " " + Self.workaround)
        }
    }
}
