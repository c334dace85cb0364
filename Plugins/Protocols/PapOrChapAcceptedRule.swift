import EstateModel
import RuleAPI

/// PAP, CHAP or MSCHAP (v1) authentication is accepted.
public struct PapOrChapAcceptedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "pap-or-chap-accepted", title: "PAP or CHAP Is Accepted", module: ProtocolRules.module, severity: .high,
        rationale:
            "PAP sends the password in clear text and CHAP/MD5-CHAP and MSCHAP v1 rely on MD5 or reversible storage; none belongs on a VPN server that faces the Internet.",
        remediation:
            "Remove them: netsh ras delete authtype type = PAP (and MD5CHAP, SPAP, MSCHAP); Set-VpnAuthProtocol -UserAuthProtocolAccepted Certificate, EAP.",
        references: [PublicSource.daMapping, ProtocolRules.recommendations],
        triggeringExamples: [
            RuleExample("netsh adds PAP") {
                ExampleEstate.server { $0.vpn.pppAuthTypes = ExampleEstate.fact(["PAP", "EAP"]) }
            },
            RuleExample("Get-VpnAuthProtocol accepts Chap") {
                ExampleEstate.server { $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["Chap", "EAP"]) }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("EAP and MSCHAPv2 only") {
                ExampleEstate.server { $0.vpn.pppAuthTypes = ExampleEstate.fact(["EAP", "MSCHAPV2"]) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessAuthentication(estate, weak: ["PAP", "CHAP", "MD5CHAP", "SPAP", "MSCHAP"], report: &report)
    }
}
