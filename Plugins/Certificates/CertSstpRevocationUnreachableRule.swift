import EstateModel
import RuleAPI

/// The SSTP certificate's revocation cannot be checked from the Internet.
public struct CertSstpRevocationUnreachableRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-sstp-revocation-unreachable", title: "SSTP Certificate Revocation Not Checkable From The Internet",
        module: CertificateRules.module, severity: .medium,
        rationale:
            "An SSTP client checks the revocation of the server's TLS certificate before it connects. A certificate whose only CRL distribution point is ldap:// or file:// (the default of an enterprise CA), or that has none and no OCSP responder, cannot be checked by a client on the Internet: SSTP fails with 0x80092013 (the revocation function was unable to check revocation), and the fallback protocol is the one that breaks when IKEv2 is blocked.",
        remediation:
            "Issue the SSTP certificate from a CA whose CRL distribution point (or OCSP responder) is published over HTTP and reachable from the Internet, or use a public CA certificate for SSTP; keep the CRL published and fresh.",
        references: [PublicSource.troubleshoot, CertificateRules.rfc5280],
        triggeringExamples: [
            RuleExample("SSTP enabled, the only server certificate has an ldap:// CDP") {
                ExampleEstate.with(
                    [ExampleEstate.certificate { $0.crlDistributionPoints = ["ldap:///CN=Example Issuing CA,CN=CDP"] }],
                    ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 128), (.ikev2, 128)]) })
            }
        ],
        nonTriggeringExamples: [
            RuleExample("an HTTP CDP") {
                ExampleEstate.with(
                    [ExampleEstate.certificate { $0.crlDistributionPoints = ["http://pki.example.com/ca.crl"] }],
                    ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 128)]) })
            },
            RuleExample("SSTP disabled") {
                ExampleEstate.with(
                    [ExampleEstate.certificate()],
                    ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 0), (.ikev2, 128)]) })
            },
        ],
        notAssessedExamples: [
            RuleExample("the port configuration was not exported") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            },
            RuleExample("SSTP offered, only a text listing of the store (no CRL points)") {
                ExampleEstate.with(
                    [ExampleEstate.listedCertificate()],
                    ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 10), (.ikev2, 10)]) })
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        for server in estate.vpnServers {
            guard !server.vpn.ports.isEmpty else {
                report.notAssessed(
                    server, "the export has no WAN port configuration: whether SSTP is offered is unknown")
                continue
            }
            guard server.vpn.ports(for: .sstp)?.acceptsClients == true else { continue }
            let all = estate.certificates(of: server)
            guard !all.isEmpty else {
                report.notAssessed(server, "no certificate of this server was exported")
                continue
            }
            // The SSTP listener's certificate when the SstpSvc registry names it, else every valid
            // server certificate of the personal store (one of them is the one SSTP presents).
            let hashes = estate.sstpCertificateHashes(of: server)
            let bound = all.filter { certificate in hashes.contains { certificate.isIdentified(by: $0.value) } }
            let candidates =
                !bound.isEmpty
                ? bound
                : (estate.personalCertificates(of: server) ?? []).filter {
                    $0.isServerCertificate && $0.isValid(at: now)
                }
            guard !candidates.isEmpty, !candidates.contains(where: \.hasInternetRevocationCheck) else { continue }
            guard candidates.allSatisfy(\.hasDerDetails) else {
                report.notAssessed(
                    server,
                    "the CRL distribution points need the certificate itself; only a text listing of the store was exported (export it with Export-Clixml)"
                )
                continue
            }
            let detail = candidates.map { certificate in
                let points = certificate.crlDistributionPoints ?? []
                return
                    "\(certificate.label): \(points.isEmpty ? "no CRL distribution point" : points.joined(separator: ", "))"
            }
            report.finding(
                server,
                "SSTP is offered, but no \(bound.isEmpty ? "server certificate" : "SSTP certificate") has an HTTP CRL distribution point or OCSP responder (\(detail.joined(separator: "; "))).",
                evidence: candidates.map(\.evidence) + hashes.map(\.evidence))
        }
    }
}
