import EstateModel
import RuleAPI

/// The DirectAccess client GPO's security filtering takes in remote access servers: a server's
/// computer account, or a group the DirectAccess server GPO is filtered to, where both are linked.
public struct GpoDAClientPolicyReachesServerRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-client-policy-reaches-server", title: "DirectAccess Client GPO Applies To Remote Access Servers",
        module: GroupPolicyRules.module, severity: .high,
        rationale:
            "The DirectAccess client GPO makes a computer a DirectAccess client: its NRPT sends the intranet namespace to the DirectAccess DNS64 and its connection security rules build IPsec tunnels to the DirectAccess server. The wizard filters it to the client group only. When its security filtering also names a DirectAccess or RRAS server's computer account, or a group the DirectAccess server GPO is filtered to (so a group of servers) where the client GPO is linked at or above the server GPO's link, those servers apply client settings: a DirectAccess server breaks, and an RRAS server built for Always On VPN during coexistence resolves and routes like a DirectAccess client.",
        remediation:
            "Remove the servers (their accounts, or the shared group) from the client GPO's security filtering, keep it filtered to the DirectAccess client group (Set-DAClient -SecurityGroupNameList), then run gpupdate on the servers and check Get-DnsClientNrptPolicy shows no DirectAccess rule there.",
        references: [PublicSource.setDAClient, PublicSource.daMigrationDeploy, GroupPolicyRules.getGPOReport],
        triggeringExamples: [
            RuleExample("the client GPO's filtering names the RRAS server's computer account") {
                var estate = ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [
                        ExampleEstate.fact("CORP\\DirectAccess Clients"), ExampleEstate.fact("CORP\\RRAS01$"),
                    ]
                    $0.links = [ExampleEstate.link("corp.contoso.com")]
                }
                estate.servers = [Server(name: "rras01", roles: [.vpn])]
                return estate
            },
            RuleExample("client and server GPOs share a group and the client GPO is linked above the servers") {
                ExampleEstate.clientAndServerGpos(clientGroups: ["CORP\\DirectAccess Clients", "CORP\\Remote Access"])
            },
        ],
        nonTriggeringExamples: [
            RuleExample("each GPO filtered to its own group") {
                ExampleEstate.clientAndServerGpos(clientGroups: ["CORP\\DirectAccess Clients"])
            },
            RuleExample("a shared group, but the client GPO is linked to another OU") {
                ExampleEstate.clientAndServerGpos(
                    clientGroups: ["CORP\\DirectAccess Clients", "CORP\\Remote Access"],
                    clientLink: "corp.contoso.com/Laptops")
            },
        ],
        notAssessedExamples: [
            RuleExample("a client GPO known only from its Registry.pol (filtering unknown)") {
                ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let clients = GroupPolicyRules.reportedGpos(
            estate, .directAccessClient, missing: "its security filtering is", report: &report)
        let serverGpos = estate.groupPolicyObjects.filter(\.isDirectAccessServerPolicy)
        let servers = Dictionary(
            estate.remoteAccessServers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for gpo in clients {
            let links = gpo.links.filter(\.enabled)
            guard !links.isEmpty else { continue }  // linked nowhere: applies to no computer
            var reasons: [String] = []
            var evidence: [Evidence] = []
            for trustee in gpo.securityFiltering {
                guard let account = Self.computerAccount(trustee.value), let server = servers[account] else { continue }
                reasons.append("it applies to \(trustee.value), the computer account of \(server.displayName)")
                evidence.append(trustee.evidence)
            }
            for serverGpo in serverGpos {
                let shared = gpo.securityFiltering.filter { trustee in
                    serverGpo.securityFiltering.contains { $0.value.lowercased() == trustee.value.lowercased() }
                        && Self.computerAccount(trustee.value) == nil
                }
                let serverLinks = serverGpo.links.filter(\.enabled)
                let reaches = serverLinks.contains { serverLink in
                    links.contains { Self.covers($0.path, serverLink.path) }
                }
                guard !shared.isEmpty, reaches else { continue }
                reasons.append(
                    "it applies to \(shared.map(\.value).joined(separator: ", ")), to which the DirectAccess server GPO \(serverGpo.label) is also filtered, and is linked at or above that GPO's link (\(serverLinks.map(\.path).joined(separator: ", ")))"
                )
                evidence += shared.map(\.evidence) + serverLinks.map(\.evidence)
            }
            guard !reasons.isEmpty else { continue }
            report.finding(
                scope: "GPO \(gpo.label)",
                "The DirectAccess client GPO reaches remote access servers: \(reasons.joined(separator: "; ")).",
                evidence: evidence + links.map(\.evidence) + [gpo.evidence])
        }
    }

    /// `CORP\RRAS01$` → `rras01`; nil for a user or group.
    static func computerAccount(_ trustee: String) -> String? {
        guard trustee.hasSuffix("$") else { return nil }
        let account = trustee.split(separator: "\\").last.map(String.init) ?? trustee
        return Server.identity(of: String(account.dropLast()))
    }

    /// True when a link at `path` applies below `other` too: the same container or an ancestor
    /// (`corp.contoso.com` covers `corp.contoso.com/Servers`).
    static func covers(_ path: String, _ other: String) -> Bool {
        let path = path.lowercased()
        let other = other.lowercased()
        return other == path || other.hasPrefix(path + "/")
    }
}

extension ExampleEstate {
    /// A GPO link to `path`, enabled.
    static func link(_ path: String) -> GroupPolicyLink {
        GroupPolicyLink(path: path, enabled: true, enforced: false, evidence: evidence(path, "line 30, LinksTo"))
    }

    /// A DirectAccess client GPO filtered to `clientGroups` and linked at `clientLink`, beside a
    /// server GPO filtered to `CORP\Remote Access` and linked to the Remote Access OU.
    static func clientAndServerGpos(
        clientGroups: [String], clientLink: String = "corp.contoso.com"
    ) -> Estate {
        var estate = gpo {
            $0.nrptRules = [daNrptRule()]
            $0.securityFiltering = clientGroups.map { fact($0) }
            $0.links = [link(clientLink)]
        }
        var server = GroupPolicyObject(
            id: "{7F9A4B3C-2D5E-4F60-8B1C-2D3E4F5A6B7C}", name: "DirectAccess Server Settings",
            evidence: evidence("DirectAccess Server Settings", "line 7, GPO"))
        server.connectionSecurityRules = [
            fact("v2.10|Action=Secure|LTunnel6=fd00::1|Name=DirectAccess Policy-DaServerToCorp|EP1_6=::/0|")
        ]
        server.securityFiltering = [fact("CORP\\Remote Access")]
        server.links = [link("corp.contoso.com/Remote Access")]
        estate.groupPolicyObjects.append(server)
        return estate
    }
}
