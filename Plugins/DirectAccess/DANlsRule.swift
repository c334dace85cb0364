import EstateModel
import Foundation
import RuleAPI

/// The network location server is hosted on the DirectAccess server itself.
public struct DANlsRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-nls", title: "NLS Hosted on the DirectAccess Server", module: DirectAccessRules.module,
        severity: .medium,
        rationale:
            "DirectAccess clients decide they are inside the corporate network by reaching the NLS. When the NLS runs on the DirectAccess server, decommissioning that server before every client has left DirectAccess makes those clients believe they are outside, and internal name resolution breaks on the LAN. Always On VPN uses TrustedNetworkDetection (a DNS suffix) instead.",
        remediation:
            "Move the NLS to a highly available internal web server before the DirectAccess servers are removed, keep it reachable through the VPN during coexistence, and map it to TrustedNetworkDetection in the profile.",
        references: [DirectAccessRules.mapping, PublicSource.daMigrationDeploy],
        triggeringExamples: [
            RuleExample("NLS on the DirectAccess server") {
                ExampleEstate.daServer {
                    $0.networkLocationServer = NetworkLocationServer(
                        location: ExampleEstate.fact("DirectAccessServer"),
                        url: ExampleEstate.fact("https://da01.corp.example.com:62000/insideoutside"))
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("external NLS") {
                ExampleEstate.daServer {
                    $0.networkLocationServer = NetworkLocationServer(
                        location: ExampleEstate.fact("ExternalServer"),
                        url: ExampleEstate.fact("https://nls.corp.example.com/"))
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(
            estate, report: &report, input: "Get-DANetworkLocationServer", { $0.directAccess.networkLocationServer }
        ) { server, nls, report in
            let onServer = nls.location?.value.lowercased() == "directaccessserver"
            let host = nls.url.flatMap { Self.host(of: $0.value) }
            let hostIsServer = host.map { Server.identity(of: $0) == server.name } ?? false
            guard onServer || hostIsServer else { return }
            report.finding(
                server, "The NLS (\(nls.url?.value ?? "no URL")) is hosted on the DirectAccess server.",
                evidence: [nls.location?.evidence, nls.url?.evidence].compactMap { $0 })
        }
    }

    static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let hostPort = rest.prefix { $0 != "/" }
        return String(hostPort.prefix { $0 != ":" })
    }
}
