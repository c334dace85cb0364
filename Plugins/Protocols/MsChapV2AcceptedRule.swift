import EstateModel
import RuleAPI

/// MSCHAPv2 (password) authentication is accepted.
public struct MsChapV2AcceptedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "mschapv2-accepted", title: "MSCHAPv2 Is Accepted", module: ProtocolRules.module, severity: .medium,
        rationale:
            "MSCHAPv2 authenticates with a password whose exchange can be cracked offline. Always On VPN authenticates users with certificates (EAP-TLS or PEAP-TLS) and devices with machine certificates, replacing DirectAccess's computer certificates.",
        remediation:
            "Accept only certificate-based methods: Set-VpnAuthProtocol -UserAuthProtocolAccepted Certificate, EAP (and netsh ras delete authtype type = MSCHAPv2).",
        references: [PublicSource.daMapping, PublicSource.setVpnAuthProtocol],
        triggeringExamples: [
            RuleExample("netsh adds MSCHAPv2") {
                ExampleEstate.server { $0.vpn.pppAuthTypes = ExampleEstate.fact(["MSCHAPV2", "EAP"]) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("only EAP and certificates") {
                ExampleEstate.server { $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "Certificate"]) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessAuthentication(estate, weak: ["MSCHAPV2"], report: &report)
    }
}
