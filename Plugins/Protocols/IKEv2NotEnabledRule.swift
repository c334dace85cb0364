import EstateModel
import RuleAPI

/// The RRAS server offers no IKEv2 ports.
public struct IKEv2NotEnabledRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-not-enabled", title: "IKEv2 Is Not Enabled", module: ProtocolRules.module, severity: .high,
        rationale:
            "IKEv2 is the protocol of choice for Always On VPN when the highest level of security is required, and the only protocol of the device tunnel. An RRAS server without IKEv2 ports cannot serve either.",
        remediation:
            "Enable IKEv2 ports: Set-VpnServerConfiguration -Ikev2Ports 128 (or netsh ras set wanports device = \"WAN Miniport (IKEv2)\" rasinonly = enabled maxports = 128).",
        references: [ProtocolRules.recommendations, PublicSource.deviceTunnel],
        triggeringExamples: [
            RuleExample("IKEv2 has no ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.ikev2, 0), (.sstp, 128)]) }
            },
            RuleExample("IKEv2 is not configured at all") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.sstp, 128)]) }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("IKEv2 has 128 ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.ikev2, 128)]) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessPorts(estate, tunnel: .ikev2, report: &report, fires: { $0?.acceptsClients != true }) {
            $0 == nil ? "No IKEv2 ports are configured." : "IKEv2 does not accept clients (\($0?.maxPorts ?? 0) ports)."
        }
    }
}
