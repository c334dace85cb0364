import EstateModel
import RuleAPI

/// L2TP/IPsec ports accept remote-access clients.
public struct L2tpEnabledRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "l2tp-enabled", title: "L2TP/IPsec Is Enabled", module: ProtocolRules.module, severity: .medium,
        rationale:
            "L2TP is a legacy VPN protocol that offers no real advantage over IKEv2 for Always On VPN; it is often deployed with a pre-shared key. Its use is unnecessary and should be avoided.",
        remediation:
            "Disable the L2TP WAN miniport: netsh ras set wanports device = \"WAN Miniport (L2TP)\" rasinonly = disabled ddinout = disabled maxports = 0 (or Set-VpnServerConfiguration -L2tpPorts 0), and remove any L2TP pre-shared key.",
        references: [ProtocolRules.recommendations],
        triggeringExamples: [
            RuleExample("L2TP has 128 inbound ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.l2tp, 128)]) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("L2TP has no ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.l2tp, 0), (.ikev2, 128)]) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessPorts(estate, tunnel: .l2tp, report: &report, fires: { $0?.acceptsClients == true }) {
            "L2TP/IPsec accepts clients on \($0?.maxPorts ?? 0) ports."
        }
    }
}
