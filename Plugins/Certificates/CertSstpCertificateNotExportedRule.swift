import EstateModel
import RuleAPI

/// The certificate the SSTP listener is bound to is not among the server's exported certificates.
public struct CertSstpCertificateNotExportedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-sstp-certificate-not-exported", title: "SSTP Bound To A Certificate Not In The Server's Store",
        module: CertificateRules.module, severity: .medium,
        rationale:
            "RRAS binds SSTP to the certificate whose hashes are in SstpSvc\\Parameters (SHA1CertificateHash, SHA256CertificateHash) and registers it with HTTP.sys on TCP 443 (netsh http show sslcert, application {ba195980-cd49-458b-9e23-c84ee0adcd75}). When that certificate is not in the server's personal store (it was renewed or deleted and the binding kept the old hash), SSTP presents nothing usable and every SSTP connection fails; if the store simply was not exported, the certificate checks cannot see the SSTP certificate.",
        remediation:
            "In the Routing and Remote Access console (Properties > Security > SSL Certificate Binding) select the current certificate, or Set-RemoteAccess -SslCertificate, then restart RemoteAccess; export the store again (Get-ChildItem Cert:\\LocalMachine\\My | Export-Clixml).",
        references: [PublicSource.troubleshoot, PublicSource.advancedOptions],
        triggeringExamples: [
            RuleExample("the registry names a certificate the store export does not hold") {
                ExampleEstate.with(
                    [ExampleEstate.certificate()],
                    ExampleEstate.server {
                        $0.vpn.ports = ExampleEstate.ports([(.sstp, 128)])
                        $0.registry.sstpCertificateSHA1 = ExampleEstate.fact(String(repeating: "CD", count: 20))
                    })
            }
        ],
        nonTriggeringExamples: [
            RuleExample("the registry names the exported certificate") {
                ExampleEstate.with(
                    [ExampleEstate.certificate()],
                    ExampleEstate.server {
                        $0.vpn.ports = ExampleEstate.ports([(.sstp, 128)])
                        $0.registry.sstpCertificateSHA1 = ExampleEstate.fact(String(repeating: "ab", count: 20))
                    })
            }
        ],
        notAssessedExamples: [
            RuleExample("SstpSvc\\Parameters was not exported") {
                ExampleEstate.with(
                    [ExampleEstate.certificate()],
                    ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 128)]) })
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        for server in estate.vpnServers {
            if !server.vpn.ports.isEmpty, server.vpn.ports(for: .sstp)?.acceptsClients != true { continue }
            let hashes = estate.sstpCertificateHashes(of: server)
            guard !hashes.isEmpty else {
                report.notAssessed(
                    server,
                    "the export has neither the SstpSvc\\Parameters certificate hash (reg export of SstpSvc\\Parameters) nor netsh http show sslcert"
                )
                continue
            }
            let all = estate.certificates(of: server)
            guard !all.isEmpty else {
                report.notAssessed(server, "no certificate of this server was exported")
                continue
            }
            if all.contains(where: { certificate in hashes.contains { certificate.isIdentified(by: $0.value) } }) {
                continue
            }
            report.finding(
                server,
                "SSTP is bound to the certificate \(hashes[0].value), which is not among the \(all.count) exported certificate(s) of the server.",
                evidence: hashes.map(\.evidence))
        }
    }
}
