import EstateModel
import RuleAPI

/// The VPN server's IKEv2 certificates are in its store without their private keys.
public struct CertPrivateKeyMissingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-private-key-missing", title: "IKEv2 Server Certificate Without Its Private Key",
        module: CertificateRules.module, severity: .high,
        rationale:
            "A server authenticates with its certificate only if it holds the private key. A certificate imported from a .cer (or copied from another server without its key) sits in LocalMachine\\My looking valid, but IKEv2 authentication fails for every client and SSTP cannot be bound to it.",
        remediation:
            "Enrol the certificate on the server itself (certificate template, auto-enrolment or certreq), or import the PFX with its private key; then remove the key-less copy.",
        references: [CertificateRules.hicks13801, PublicSource.troubleshoot],
        triggeringExamples: [
            RuleExample("the only IKEv2 certificate has no private key") {
                ExampleEstate.with([ExampleEstate.certificate { $0.hasPrivateKey = false }], ExampleEstate.server())
            }
        ],
        nonTriggeringExamples: [
            RuleExample("one IKEv2 certificate with its key, a key-less copy beside it") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate { $0.hasPrivateKey = true },
                        ExampleEstate.certificate {
                            $0.hasPrivateKey = false
                            $0.thumbprint = String(repeating: "CD", count: 20)
                        },
                    ], ExampleEstate.server())
            }
        ],
        notAssessedExamples: [
            RuleExample("the store export does not say whether the keys are present") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        for server in estate.vpnServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            let usable = certificates.filter { $0.servesIKEv2 && $0.isValid(at: now) }
            guard !usable.isEmpty else { continue }  // cert-ikev2-eku-missing reports it
            let presence = usable.map { estate.privateKeyPresence(of: $0) }
            if presence.contains(where: { $0?.value == true }) { continue }
            guard presence.allSatisfy({ $0 != nil }) else {
                report.notAssessed(
                    server,
                    "the export does not say whether the private keys are present (Get-ChildItem Cert:\\LocalMachine\\My | Select-Object Thumbprint, HasPrivateKey | Export-Clixml)"
                )
                continue
            }
            report.finding(
                server,
                "No IKEv2 server certificate has its private key: \(usable.map(\.label).joined(separator: ", ")).",
                evidence: usable.map(\.evidence) + presence.compactMap { $0?.evidence })
        }
    }
}
