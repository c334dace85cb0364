import EstateModel
import RuleAPI

/// An RRAS server sends RADIUS requests to an NPS server that does not list it as a RADIUS client.
public struct NpsRrasServerNotRadiusClientRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "nps-rras-server-not-radius-client", title: "RRAS Server Is Not A RADIUS Client Of Its NPS",
        module: NpsRules.module, severity: .critical,
        rationale:
            "NPS silently discards RADIUS requests from an address that is not a configured, enabled RADIUS client (event 13). An RRAS server missing from the list cannot authenticate any user tunnel: behind a load balancer, every connection that lands on it fails, so users see intermittent failures.",
        remediation:
            "Add every RRAS server to the NPS as a RADIUS client (New-NpsRadiusClient -Name <server> -Address <its internal address> -SharedSecret <secret>), with the secret its netsh authserver entry uses, on every NPS server it sends requests to.",
        references: [NpsRules.planServer, PublicSource.troubleshoot],
        triggeringExamples: [
            RuleExample("RRAS01 (10.0.10.21) sends requests to NPS01, which lists only 10.0.10.22") {
                ExampleEstate.nps(clients: ["10.0.10.22"], servers: [ExampleEstate.radiusVpnServer()])
            },
            RuleExample("the client entry for RRAS01 is there but disabled") {
                var estate = ExampleEstate.nps(servers: [ExampleEstate.radiusVpnServer()])
                estate.npsConfigurations[0].radiusClients[0].enabled = false
                return estate
            },
        ],
        nonTriggeringExamples: [
            RuleExample("a range 10.0.10.0/24 covers RRAS01") {
                ExampleEstate.nps(clients: ["10.0.10.0/24"], servers: [ExampleEstate.radiusVpnServer()])
            },
            RuleExample("the client is entered by the server's DNS name") {
                ExampleEstate.nps(clients: ["rras01.corp.contoso.com"], servers: [ExampleEstate.radiusVpnServer()])
            },
            RuleExample("RRAS authenticates with Windows (NPS on itself): no RADIUS client needed") {
                var server = ExampleEstate.radiusVpnServer()
                server.vpn.authenticationProvider = ExampleEstate.fact("windows")
                return ExampleEstate.nps(host: "rras01", clients: [], servers: [server])
            },
        ],
        notAssessedExamples: [
            RuleExample("the NPS server RRAS01 sends requests to was not exported") {
                ExampleEstate.nps(host: "nps02", clients: ["10.0.10.22"], servers: [ExampleEstate.radiusVpnServer()])
            },
            RuleExample("a client is entered by a DNS name that is not RRAS01's (it may resolve to it)") {
                ExampleEstate.nps(clients: ["vpn-backend.corp.contoso.com"], servers: [ExampleEstate.radiusVpnServer()])
            },
            RuleExample("RRAS01's addresses were not exported and no entry names it") {
                ExampleEstate.nps(clients: ["10.0.10.22"], servers: [ExampleEstate.radiusVpnServer(address: nil)])
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.npsConfigurations.isEmpty else {
            report.notAssessed(scope: "NPS", "the export has no NPS configuration (Export-NpsConfiguration)")
            return
        }
        for server in estate.vpnServers {
            switch server.vpn.usesRadiusAuthentication {
            case nil:
                report.notAssessed(
                    server, "the export does not say how it authenticates users (netsh ras dump: ras aaaa)")
                continue
            case false?: continue
            case true?: break
            }
            let configurations = estate.npsConfigurations(authenticating: server)
            guard !configurations.isEmpty else {
                let targets = server.vpn.radiusServers.filter { $0.purpose == "Authentication" }.map(\.address)
                report.notAssessed(
                    server,
                    "no NPS export of its RADIUS servers (\(targets.joined(separator: ", "))): run Export-NpsConfiguration on them"
                )
                continue
            }
            for nps in configurations {
                let entries = nps.radiusClients.filter { $0.covers(server) }
                if entries.contains(where: \.enabled) { continue }
                // A client entered by a DNS name other than the server's cannot be resolved here.
                let unresolved = nps.radiusClients.filter { client in
                    client.enabled && IPv4.value(client.address) == nil && !client.address.contains(":")
                        && !client.address.contains("/") && !client.covers(server)
                }
                if entries.isEmpty, !unresolved.isEmpty {
                    report.notAssessed(
                        server,
                        "\(nps.host) lists RADIUS clients by DNS names the export cannot resolve (\(unresolved.map(\.address).joined(separator: ", ")))"
                    )
                    continue
                }
                if entries.isEmpty, server.addresses.isEmpty {
                    report.notAssessed(
                        server,
                        "its addresses were not exported (ipconfig /all or Get-NetIPAddress) and no RADIUS client of \(nps.host) names it"
                    )
                    continue
                }
                let addresses = server.addresses.map(\.value).joined(separator: ", ")
                let message =
                    entries.isEmpty
                    ? "\(server.displayName) (\(addresses)) sends RADIUS requests to \(nps.host), which has no RADIUS client for it (clients: \(nps.radiusClients.map(\.address).joined(separator: ", ")))."
                    : "\(server.displayName)'s RADIUS client entry on \(nps.host) is disabled."
                report.finding(
                    server, message,
                    evidence: server.vpn.radiusServers.filter { $0.purpose == "Authentication" }.map(\.evidence)
                        + server.addresses.map(\.evidence)
                        + (entries.isEmpty ? [nps.evidence] : entries.map(\.evidence)))
            }
        }
    }
}
