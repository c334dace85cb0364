import EstateModel
import RuleAPI

/// A server certificate's issuer is not among the exported CA certificates.
public struct CertIssuerNotExportedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-issuer-not-exported", title: "Server Certificate Issuer Not In The Export",
        module: CertificateRules.module, severity: .info,
        rationale:
            "Clients must trust the root of the server certificate's chain, and the server must send its intermediates. When the issuing CA's certificate is not among the exported CA certificates (LocalMachine\\CA, LocalMachine\\Root or .cer files), the chain cannot be checked offline: export it so that the advisor can, and so that the device tunnel's RootCertificateNameToAccept can be compared with it.",
        remediation:
            "Export the CA certificates too: Get-ChildItem Cert:\\LocalMachine\\Root, Cert:\\LocalMachine\\CA | Export-Clixml, or the CA's .cer files.",
        references: [CertificateRules.rfc5280, CertificateRules.hicks13801],
        triggeringExamples: [
            RuleExample("a CA certificate was exported, but not the server certificate's issuer") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(),
                        ExampleEstate.certificate(names: ["Other Root"], usages: nil) {
                            $0.isCertificateAuthority = true
                            $0.subject = "CN=Other Root"
                            $0.store = "LocalMachine\\Root"
                        },
                    ], ExampleEstate.server())
            }
        ],
        nonTriggeringExamples: [
            RuleExample("the issuer was exported") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(),
                        ExampleEstate.certificate(names: ["Example Issuing CA"], usages: nil) {
                            $0.isCertificateAuthority = true
                            $0.subject = "CN=Example Issuing CA"
                            $0.store = "LocalMachine\\CA"
                        },
                    ], ExampleEstate.server())
            }
        ],
        notAssessedExamples: [
            RuleExample("no CA certificate was exported at all") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let authorities = Set(estate.certificates.filter { $0.isCertificateAuthority == true }.map(\.subject))
        for server in estate.remoteAccessServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            let serverCertificates = certificates.filter(\.isServerCertificate)
            guard !serverCertificates.isEmpty else { continue }
            guard !authorities.isEmpty else {
                report.notAssessed(
                    server, "no CA certificate (LocalMachine\\Root or \\CA, or a CA .cer file) was exported")
                continue
            }
            let orphans = serverCertificates.filter { !authorities.contains($0.issuer) && $0.issuer != $0.subject }
            guard !orphans.isEmpty else { continue }
            report.finding(
                server,
                "Issuer not exported for \(orphans.map { "\($0.label) issued by \($0.issuer)" }.joined(separator: "; ")).",
                evidence: orphans.map(\.evidence))
        }
    }
}
