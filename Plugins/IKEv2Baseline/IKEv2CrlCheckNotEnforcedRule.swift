import EstateModel
import RuleAPI

/// IKEv2 machine-certificate revocation checking is not enforced on a server that accepts
/// machine certificates.
public struct IKEv2CrlCheckNotEnforcedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-crl-check-not-enforced", title: "IKEv2 Certificate Revocation Not Enforced",
        module: IKEv2BaselineRules.module, severity: .medium,
        rationale:
            "CertAuthFlags = 4 makes RRAS check the revocation of certificates used for IKEv2 machine-certificate authentication (the device tunnel); EAP user certificates are checked by NPS, not by this value. On a server whose UserAuthProtocolAccepted contains Certificate, a revoked device certificate keeps connecting the device tunnel until the value is set. Servers that accept no machine certificates are not concerned.",
        remediation:
            "Set HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\CertAuthFlags (DWORD) to 4 (needs KB4505658 on Server 2019 or KB4503294 on 2016) and restart RemoteAccess. First make sure the RRAS server can reach the CRL distribution points of the device certificates: with the check enforced and the CRL unreachable, every device tunnel fails to authenticate.",
        references: [PublicSource.hicksCrlScript, PublicSource.advancedOptions],
        triggeringExamples: [
            RuleExample("CertAuthFlags 2 on a server accepting machine certificates") {
                ExampleEstate.server {
                    $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["Certificate", "EAP"])
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.certAuthFlags = ExampleEstate.fact(2)
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("CertAuthFlags 4") {
                ExampleEstate.server {
                    $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["Certificate", "EAP"])
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.certAuthFlags = ExampleEstate.fact(4)
                }
            },
            RuleExample("a server that accepts no machine certificates (EAP, MsChapv2)") {
                ExampleEstate.server {
                    $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "MsChapv2"])
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                }
            },
        ],
        notAssessedExamples: [
            RuleExample("the authentication protocols were not exported") {
                ExampleEstate.server {
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.certAuthFlags = ExampleEstate.fact(2)
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        var concerned: [Server] = []
        for server in estate.vpnServers {
            guard let accepted = server.vpn.userAuthProtocolsAccepted else {
                report.notAssessed(
                    server,
                    "the export has no Get-VpnAuthProtocol (UserAuthProtocolAccepted): whether the server accepts machine certificates is unknown"
                )
                continue
            }
            if accepted.value.contains(where: { $0.lowercased() == "certificate" }) { concerned.append(server) }
        }
        assessIkev2RegistryValue(
            Estate(servers: concerned), report: &report, name: "CertAuthFlags", expected: 4,
            read: { $0.certAuthFlags },
            consequence: "a revoked device certificate still authenticates the device tunnel")
    }
}
