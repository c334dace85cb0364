import EstateModel
import RuleAPI

/// A VPN server that accepts machine certificates (the device tunnel) does not restrict them to
/// the organisation's root CA.
public struct CertDeviceTunnelRootUnsetRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-device-tunnel-root-unset", title: "Device Tunnel Root CA Unset Or Wrong",
        module: CertificateRules.module, severity: .medium,
        rationale:
            "When UserAuthProtocolAccepted contains Certificate (the device tunnel authenticates with the computer's certificate), RRAS accepts a machine certificate issued by any root the server trusts unless RootCertificateNameToAccept names the organisation's root: a certificate from a public CA in the server's Trusted Root store would connect a device tunnel. When it names a certificate that is not a CA, or a root that none of the exported machine certificates (Client Authentication, issued by the CA that issues the device certificates) chains to, no device certificate chains to it and every device tunnel fails.",
        remediation:
            "Restrict the accepted root: Set-VpnAuthProtocol -RootCertificateNameToAccept (Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object Thumbprint -eq '<root thumbprint>') -PassThru, then restart RemoteAccess (Hicks' Set-IKEv2VpnRootCertificate.ps1 does both).",
        references: [
            PublicSource.hicksRootCertificateScript, PublicSource.setVpnAuthProtocol, PublicSource.deviceTunnel,
        ],
        triggeringExamples: [
            RuleExample("Certificate accepted, RootCertificateNameToAccept unset") {
                ExampleEstate.server {
                    $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "Certificate"])
                    $0.vpn.rootCertificateToAccept = ExampleEstate.fact("", "(not set)")
                }
            },
            RuleExample("the named root is not the root of the exported machine certificates") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(usages: nil) {
                            $0.isCertificateAuthority = true
                            $0.subject = "CN=Other Root"
                            $0.issuer = "CN=Other Root"
                            $0.store = "VpnAuthProtocol\\RootCertificateNameToAccept"
                        },
                        ExampleEstate.certificate(usages: [MachineCertificate.clientAuthentication]) {
                            $0.thumbprint = String(repeating: "CD", count: 20)
                        },
                    ],
                    ExampleEstate.server {
                        $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "Certificate"])
                        $0.vpn.rootCertificateToAccept = ExampleEstate.fact(String(repeating: "AB", count: 20))
                    })
            },
            RuleExample("RootCertificateNameToAccept names a server certificate, not a CA") {
                ExampleEstate.with(
                    [ExampleEstate.certificate { $0.store = "VpnAuthProtocol\\RootCertificateNameToAccept" }],
                    ExampleEstate.server {
                        $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "Certificate"])
                        $0.vpn.rootCertificateToAccept = ExampleEstate.fact(String(repeating: "AB", count: 20))
                    })
            },
        ],
        nonTriggeringExamples: [
            RuleExample("RootCertificateNameToAccept names the root the machine certificates chain to") {
                ExampleEstate.with(
                    [
                        ExampleEstate.certificate(usages: nil) {
                            $0.isCertificateAuthority = true
                            $0.subject = "CN=Example Root"
                            $0.issuer = "CN=Example Root"
                            $0.store = "VpnAuthProtocol\\RootCertificateNameToAccept"
                        },
                        ExampleEstate.certificate(usages: nil) {
                            $0.isCertificateAuthority = true
                            $0.subject = "CN=Example Issuing CA"
                            $0.issuer = "CN=Example Root"
                            $0.thumbprint = String(repeating: "EF", count: 20)
                            $0.store = "LocalMachine\\CA"
                        },
                        ExampleEstate.certificate(usages: [MachineCertificate.clientAuthentication]) {
                            $0.thumbprint = String(repeating: "CD", count: 20)
                        },
                    ],
                    ExampleEstate.server {
                        $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "Certificate"])
                        $0.vpn.rootCertificateToAccept = ExampleEstate.fact(String(repeating: "AB", count: 20))
                    })
            },
            RuleExample("no machine certificates accepted (EAP only)") {
                ExampleEstate.server {
                    $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP"])
                    $0.vpn.rootCertificateToAccept = ExampleEstate.fact("", "(not set)")
                }
            },
        ],
        notAssessedExamples: [
            RuleExample("Get-VpnAuthProtocol was not exported") { ExampleEstate.server() }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        for server in estate.vpnServers {
            guard let accepted = server.vpn.userAuthProtocolsAccepted else {
                report.notAssessed(server, "the export has no Get-VpnAuthProtocol")
                continue
            }
            guard accepted.value.contains(where: { $0.lowercased() == "certificate" }) else { continue }
            guard let root = server.vpn.rootCertificateToAccept else {
                report.notAssessed(server, "Get-VpnAuthProtocol was exported without RootCertificateNameToAccept")
                continue
            }
            if root.value.isEmpty {
                report.finding(
                    server,
                    "The server accepts machine certificates (\(accepted.value.joined(separator: ", "))) from any trusted root: RootCertificateNameToAccept is not set.",
                    evidence: [accepted.evidence, root.evidence])
            } else if let certificate = estate.certificates.first(where: {
                $0.host == server.name && $0.isIdentified(by: root.value)
            }) {
                if certificate.isCertificateAuthority == false {
                    report.finding(
                        server,
                        "RootCertificateNameToAccept names \(certificate.label), which is not a CA: no device certificate chains to it.",
                        evidence: [root.evidence, certificate.evidence])
                    continue
                }
                // Machine certificates of the exported servers come from the CA that issues the
                // device certificates: when none of them chains to the named root, it is the wrong root.
                let machine = estate.certificates.filter {
                    $0.isCertificateAuthority != true
                        && $0.enhancedKeyUsages?.contains(MachineCertificate.clientAuthentication) == true
                }
                if !machine.isEmpty, !machine.contains(where: { estate.chains($0, to: certificate) }) {
                    report.finding(
                        server,
                        "RootCertificateNameToAccept names \(certificate.label), but none of the \(machine.count) exported machine certificate(s) chains to it (they are issued by \(Set(machine.map(\.issuer)).sorted().joined(separator: "; "))).",
                        evidence: [root.evidence, certificate.evidence] + machine.prefix(5).map(\.evidence))
                }
            }
        }
    }
}
