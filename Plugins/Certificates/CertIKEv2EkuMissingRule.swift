import EstateModel
import RuleAPI

/// No certificate in a VPN server's personal store can authenticate it to IKEv2 clients.
public struct CertIKEv2EkuMissingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-ikev2-eku-missing", title: "No IKEv2 Server Certificate",
        module: CertificateRules.module, severity: .high,
        rationale:
            "Windows IKEv2 clients accept a VPN server only if its certificate carries both the Server Authentication (1.3.6.1.5.5.7.3.1) and the IP security IKE intermediate (1.3.6.1.5.5.8.2.2) enhanced key usages. A server whose personal store has no valid certificate with both fails every IKEv2 connection with error 13801 (IKE authentication credentials are unacceptable), the most common first-connect failure.",
        remediation:
            "Enrol a certificate from a template based on \"RAS and IAS Server\" with both EKUs (Server Authentication and IP security IKE intermediate), the public VPN name as subject and DNS SAN, on every VPN server, then restart RemoteAccess.",
        references: [CertificateRules.hicks13801, CertificateRules.rfc4945, PublicSource.troubleshoot],
        triggeringExamples: [
            RuleExample("the only server certificate has Server Authentication without IKE intermediate") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(usages: [MachineCertificate.serverAuthentication])],
                    ExampleEstate.server())
            },
            RuleExample("the certificate with both EKUs has expired") {
                ExampleEstate.with([ExampleEstate.certificate(daysLeft: -3)], ExampleEstate.server())
            },
        ],
        nonTriggeringExamples: [
            RuleExample("a valid certificate with both EKUs") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            },
            RuleExample("a certificate without EKU extension (valid for every purpose, as Windows reads it)") {
                ExampleEstate.with([ExampleEstate.certificate(usages: nil)], ExampleEstate.server())
            },
        ],
        notAssessedExamples: [
            RuleExample("certificates were exported, but none from this server's store") {
                ExampleEstate.with([ExampleEstate.certificate(host: "rras02")], ExampleEstate.server())
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        for server in estate.vpnServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            if certificates.contains(where: { $0.servesIKEv2 && $0.isValid(at: now) }) { continue }
            let serverCertificates = certificates.filter(\.isServerCertificate)
            let detail =
                serverCertificates.isEmpty
                ? "none of its \(certificates.count) certificate(s) is a server authentication certificate"
                : serverCertificates.map { certificate in
                    let reason =
                        !certificate.allows(MachineCertificate.ikeIntermediate)
                        ? "no IP security IKE intermediate EKU"
                        : (certificate.notAfter ?? .distantFuture) < now ? "expired" : "not yet valid"
                    return "\(certificate.label): \(reason)"
                }.joined(separator: "; ")
            report.finding(
                server, "No valid certificate with Server Authentication and IKE intermediate EKUs (\(detail)).",
                evidence: (serverCertificates.isEmpty ? certificates : serverCertificates).map(\.evidence))
        }
    }
}
