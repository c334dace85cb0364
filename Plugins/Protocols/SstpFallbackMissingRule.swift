import EstateModel
import RuleAPI

/// No SSTP ports: clients behind firewalls that block UDP 500/4500 have no fallback.
public struct SstpFallbackMissingRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "sstp-fallback-missing", title: "No SSTP Fallback", module: ProtocolRules.module, severity: .medium,
        rationale:
            "Best practice is to enable IKEv2 and SSTP together: SSTP runs over TCP 443 and is the fallback for clients whose network blocks IKEv2. DirectAccess clients relied on IP-HTTPS for the same reason.",
        remediation:
            "Enable SSTP ports (Set-VpnServerConfiguration -SstpPorts 128) and bind a TLS certificate whose subject is the VPN FQDN.",
        references: [ProtocolRules.recommendations, PublicSource.daMapping],
        triggeringExamples: [
            RuleExample("SSTP has no ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.ikev2, 128), (.sstp, 0)]) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("SSTP has 128 ports") {
                ExampleEstate.server { $0.vpn.ports = ExampleEstate.ports([(.ikev2, 128), (.sstp, 128)]) }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessPorts(estate, tunnel: .sstp, report: &report, fires: { $0?.acceptsClients != true }) {
            $0 == nil ? "No SSTP ports are configured." : "SSTP does not accept clients (\($0?.maxPorts ?? 0) ports)."
        }
    }
}
