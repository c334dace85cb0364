import EstateModel
import Foundation
import RuleAPI

/// A remote-access server's certificate has expired or expires during the migration window.
public struct CertExpiringRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-expiring", title: "Server Certificate Expired Or Expiring During The Migration",
        module: CertificateRules.module, severity: .high,
        rationale:
            "An expired server certificate stops IKEv2 (13801), SSTP and IP-HTTPS at once, for every client. A migration runs for months: a certificate that expires inside the window (90 days unless the plan's certificateWindowDays says otherwise) will fail in the middle of it, usually while DirectAccess and Always On VPN both depend on the same servers.",
        remediation:
            "Renew the certificate (same template, same names) before the window starts, on every server that carries it, and rebind it where it is bound by thumbprint (IP-HTTPS, SSTP, CertificateAdvertised).",
        references: [CertificateRules.rfc5280, CertificateRules.hicks13801],
        triggeringExamples: [
            RuleExample("a server certificate that expired 3 days ago") {
                ExampleEstate.with([ExampleEstate.certificate(daysLeft: -3)], ExampleEstate.server())
            },
            RuleExample("a server certificate that expires in 20 days") {
                ExampleEstate.with([ExampleEstate.certificate(daysLeft: 20)], ExampleEstate.server())
            },
        ],
        nonTriggeringExamples: [
            RuleExample("a server certificate valid for another 300 days") {
                ExampleEstate.with([ExampleEstate.certificate(daysLeft: 300)], ExampleEstate.server())
            },
            RuleExample("an expired certificate without Server Authentication (a client certificate)") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(usages: [MachineCertificate.clientAuthentication], daysLeft: -3)],
                    ExampleEstate.server())
            },
        ],
        notAssessedExamples: [
            RuleExample("no certificate of this server was exported") {
                ExampleEstate.with([ExampleEstate.certificate(host: "other")], ExampleEstate.server())
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        let window = report.context.certificateWindowDays
        let horizon = now.addingTimeInterval(Double(window) * 86_400)
        for server in estate.remoteAccessServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            let serverCertificates = certificates.filter(\.isServerCertificate)
            let expired = serverCertificates.filter { ($0.notAfter ?? .distantFuture) < now }
            let expiring = serverCertificates.filter { certificate in
                certificate.notAfter.map { $0 >= now && $0 <= horizon } ?? false
            }
            guard !expired.isEmpty || !expiring.isEmpty else {
                let undated = serverCertificates.filter { $0.notAfter == nil }
                if !undated.isEmpty {
                    report.notAssessed(
                        server,
                        "the text listing printed the dates of \(undated.map(\.thumbprint).joined(separator: ", ")) in a form that cannot be read for sure (\(undated.compactMap(\.unreadDates).first ?? "?")); export the store with Export-Clixml"
                    )
                }
                continue
            }
            var parts: [String] = []
            if !expired.isEmpty { parts.append("expired: \(expired.map(\.label).joined(separator: ", "))") }
            if !expiring.isEmpty {
                let list = expiring.map {
                    "\($0.label), in \(Int(($0.notAfter ?? now).timeIntervalSince(now) / 86_400)) days"
                }
                parts.append("expiring within \(window) days: \(list.joined(separator: "; "))")
            }
            report.finding(
                server, "Server certificate(s) \(parts.joined(separator: "; ")).",
                evidence: (expired + expiring).map(\.evidence))
        }
    }
}
