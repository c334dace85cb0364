import EstateModel
import Foundation
import RuleAPI

/// The servers of one deployment (behind one load balancer) present certificates with different
/// names or issuers.
public struct CertDiffersAcrossFarmRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-differs-across-farm", title: "Servers Behind One Name Present Different Certificates",
        module: CertificateRules.module, severity: .medium,
        rationale:
            "Behind a load balancer a client reaches whichever server the balancer picks. When the servers' IKEv2 certificates name different hosts or come from different issuing CAs, connections succeed or fail with 13801 depending on the node: the intermittent failure that is hardest to diagnose. Different thumbprints are normal (each server has its own key); different names or issuers are not.",
        remediation:
            "Issue every server of the farm a certificate with the same subject and DNS names (the load-balanced name) from the same issuing CA.",
        references: [CertificateRules.hicks13801, PublicSource.hicksLoadBalancingNat],
        triggeringExamples: [
            RuleExample("two servers of one deployment, certificates for different names") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(host: "rras01", names: ["vpn.example.com"]),
                        ExampleEstate.certificate(host: "rras02", names: ["rras02.example.com"]),
                    ], Self.farm)
            }
        ],
        nonTriggeringExamples: [
            RuleExample("two servers, the same name and issuer (different thumbprints)") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(host: "rras01"),
                        ExampleEstate.certificate(host: "rras02") {
                            $0.thumbprint = String(repeating: "CD", count: 20)
                        },
                    ], Self.farm)
            }
        ],
        notAssessedExamples: [
            RuleExample("the second server's certificates were not exported") {
                ExampleEstate.with([ExampleEstate.certificate(host: "rras01")], Self.farm)
            }
        ])

    /// Two VPN servers behind vpn.example.com, for the examples.
    static var farm: Estate {
        Estate(
            servers: ["rras01", "rras02"].flatMap { name in
                ExampleEstate.server(name) { $0.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com") }
                    .servers
            })
    }

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        for deployment in estate.deployments where deployment.serverNames.count > 1 {
            let servers = deployment.serverNames.compactMap { estate.server(named: $0) }.filter {
                $0.roles.contains(.vpn)
            }
            guard servers.count > 1 else { continue }
            let missing = servers.filter { estate.personalCertificates(of: $0) == nil }
            guard missing.isEmpty else {
                report.notAssessed(
                    scope: deployment.name,
                    "no certificate exported for \(missing.map(\.displayName).joined(separator: ", ")) of \(deployment.name)"
                )
                continue
            }
            var signatures: [String: [Server]] = [:]
            var evidence: [Evidence] = []
            for server in servers {
                let usable = (estate.personalCertificates(of: server) ?? []).filter {
                    $0.servesIKEv2 && $0.isValid(at: now)
                }
                evidence += usable.map(\.evidence)
                let names = Set(usable.flatMap { $0.matchableNames.map { $0.lowercased() } }).sorted()
                let issuers = Set(usable.map(\.issuer)).sorted()
                let key =
                    "names \(names.isEmpty ? "(none)" : names.joined(separator: ", ")), issued by \(issuers.isEmpty ? "(none)" : issuers.joined(separator: "; "))"
                signatures[key, default: []].append(server)
            }
            guard signatures.count > 1 else { continue }
            let detail = signatures.keys.sorted().map { key in
                "\(signatures[key]!.map(\.displayName).joined(separator: ", ")): \(key)"
            }
            report.finding(
                scope: deployment.name,
                "The servers of \(deployment.name) present different IKEv2 certificates: \(detail.joined(separator: "; ")).",
                evidence: evidence)
        }
    }
}
