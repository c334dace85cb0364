import EstateModel
import RuleAPI

/// A server certificate signed with SHA-1 (or MD5), or with an RSA key under 2 048 bits; with
/// the CNSA baseline, anything but ECDSA P-384 or RSA of at least 3 072 bits.
public struct CertWeakKeyRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-weak-key", title: "Weak Server Certificate Key Or Signature",
        module: CertificateRules.module, severity: .medium,
        rationale:
            "A server certificate signed with SHA-1 or MD5, or holding an RSA key under 2 048 bits, is below what current Windows and IKEv2 guidance accept (RFC 8247 deprecates SHA-1 signatures for IKEv2 authentication). The CNSA baseline also expects ECDSA P-384 or RSA of at least 3 072 bits: a server configured for CNSA ciphers but authenticating with a weaker key does not meet it.",
        remediation:
            "Re-enrol the server certificate with SHA-256 or stronger and RSA 2 048 bits or more (ECDSA P-256/P-384 are supported by IKEEXT); for the CNSA baseline, ECDSA P-384 or RSA 3 072+. Issue it from a CA whose own signature uses SHA-256 or stronger.",
        references: [PublicSource.rfc8247, CertificateRules.rfc5280],
        triggeringExamples: [
            RuleExample("a SHA-1 signed server certificate") {
                ExampleEstate.with(
                    [ExampleEstate.certificate { $0.signatureAlgorithm = "sha1WithRSAEncryption" }],
                    ExampleEstate.server())
            },
            RuleExample("an RSA 1024 key") {
                ExampleEstate.with([ExampleEstate.certificate { $0.keyBits = 1024 }], ExampleEstate.server())
            },
        ],
        nonTriggeringExamples: [
            RuleExample("RSA 2048 with SHA-256") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            },
            RuleExample("ECDSA P-384 with SHA-384") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate {
                            $0.keyAlgorithm = "ECDSA P-384"
                            $0.keyBits = 384
                            $0.signatureAlgorithm = "ecdsa-with-SHA384"
                        }
                    ], ExampleEstate.server())
            },
        ],
        notAssessedExamples: [
            RuleExample("no certificate of this server was exported") {
                ExampleEstate.with([ExampleEstate.certificate(host: "other")], ExampleEstate.server())
            },
            RuleExample("only a text listing of the store (no key or signature)") {
                ExampleEstate.with([ExampleEstate.listedCertificate()], ExampleEstate.server())
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let cnsa = report.context.baseline == .cnsa
        for server in estate.remoteAccessServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            var problems: [(MachineCertificate, String)] = []
            let listedOnly = certificates.filter { $0.isServerCertificate && !$0.hasDerDetails }
            for certificate in certificates where certificate.isServerCertificate {
                guard let signatureAlgorithm = certificate.signatureAlgorithm,
                    let keyAlgorithm = certificate.keyAlgorithm
                else { continue }
                let signature = signatureAlgorithm.lowercased()
                if signature.contains("sha1") || signature.contains("md5") {
                    problems.append((certificate, "signed with \(signatureAlgorithm)"))
                }
                let bits = certificate.keyBits ?? 0
                if keyAlgorithm == "RSA", bits < 2048 {
                    problems.append((certificate, "RSA \(bits)-bit key"))
                } else if cnsa,
                    !(keyAlgorithm == "ECDSA P-384" || (keyAlgorithm == "RSA" && bits >= 3072))
                {
                    problems.append(
                        (
                            certificate,
                            "\(keyAlgorithm) \(bits)-bit key below the CNSA baseline (ECDSA P-384 or RSA 3072+)"
                        ))
                }
            }
            guard !problems.isEmpty else {
                if !listedOnly.isEmpty {
                    report.notAssessed(
                        server,
                        "the key and signature of \(listedOnly.map(\.label).joined(separator: ", ")) need the certificate itself; only a text listing of the store was exported (export it with Export-Clixml)"
                    )
                }
                continue
            }
            report.finding(
                server,
                "Weak server certificate(s): \(problems.map { "\($0.0.label): \($0.1)" }.joined(separator: "; ")).",
                evidence: problems.map(\.0.evidence))
        }
    }
}
