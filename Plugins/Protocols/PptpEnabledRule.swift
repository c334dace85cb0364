import EstateModel
import RuleAPI

/// PPTP ports accept remote-access clients.
public struct PptpEnabledRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "pptp-enabled", title: "PPTP Is Enabled", module: ProtocolRules.module, severity: .high,
        rationale:
            "PPTP is an obsolete VPN protocol with many known security vulnerabilities; its use should be avoided at all costs. Always On VPN needs only IKEv2 and SSTP.",
        remediation:
            "Disable the PPTP WAN miniport: netsh ras set wanports device = \"WAN Miniport (PPTP)\" rasinonly = disabled ddinout = disabled maxports = 0, then restart RemoteAccess.",
        references: [ProtocolRules.recommendations],
        triggeringExamples: [
            RuleExample("PPTP has 128 inbound ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.pptp, 128), (.ikev2, 128)]) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("PPTP has no ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.pptp, 0), (.ikev2, 128)]) }
            },
            RuleExample("a DirectAccess-only server is not a VPN server") {
                ExampleEstate.server(roles: [.directAccess])
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessPorts(estate, tunnel: .pptp, report: &report, fires: { $0?.acceptsClients == true }) {
            "PPTP accepts clients on \($0?.maxPorts ?? 0) ports."
        }
    }
}
