import EstateModel
import RuleAPI

/// The `protocols` module: which tunnel and authentication protocols RRAS offers.
public enum ProtocolRules {
    public static let module = "protocols"
    public static let all: [any Rule.Type] = [
        PptpEnabledRule.self, L2tpEnabledRule.self, IKEv2NotEnabledRule.self, SstpFallbackMissingRule.self,
        MsChapV2AcceptedRule.self, PapOrChapAcceptedRule.self,
    ]
    static let recommendations = PublicSource.hicksProtocols
}

extension Rule {
    /// Reports, for each VPN server, whether a port allocation satisfies `fires`; not assessed when
    /// the export has no port configuration for `tunnel`.
    func assessPorts(
        _ estate: Estate, tunnel: TunnelProtocol, report: inout RuleReport,
        fires: (WanPortAllocation?) -> Bool, message: (WanPortAllocation?) -> String
    ) {
        for server in estate.vpnServers {
            if server.vpn.ports.isEmpty {
                report.notAssessed(
                    server, "the export has no WAN port configuration (netsh ras dump or Get-VpnServerConfiguration)")
                continue
            }
            let allocation = server.vpn.ports(for: tunnel)
            if fires(allocation) {
                report.finding(
                    server, message(allocation),
                    evidence: allocation.map { [$0.evidence] } ?? server.vpn.ports.map(\.evidence))
            }
        }
    }

    /// Reports accepted authentication methods in `weak` (normalised: upper case, letters and digits).
    func assessAuthentication(_ estate: Estate, weak: Set<String>, report: inout RuleReport) {
        for server in estate.vpnServers {
            let accepted = server.vpn.acceptedAuthentication
            if accepted.isEmpty {
                report.notAssessed(
                    server, "the export has no accepted authentication methods (Get-VpnAuthProtocol or netsh ras dump)")
                continue
            }
            let hits = accepted.filter { weak.contains($0.value.filter { $0.isLetter || $0.isNumber }) }
            if !hits.isEmpty {
                let names = Array(Set(hits.map(\.value))).sorted().joined(separator: ", ")
                report.finding(server, "RRAS accepts \(names).", evidence: hits.map(\.evidence).orderedUnique)
            }
        }
    }
}
