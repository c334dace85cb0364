import EstateModel
import RuleAPI

/// The new VPN server name falls inside a DirectAccess NRPT namespace.
public struct DAVpnFqdnInNrptRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-vpn-fqdn-in-nrpt", title: "VPN Server Name Inside A DirectAccess NRPT Namespace",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "During the migration both stacks run on one client. A DirectAccess client outside resolves every name in its NRPT namespaces through the DirectAccess tunnel (DNS64 on the DirectAccess server); when the VPN server's public name is inside one, the VPN cannot be reached before DirectAccess is up, which breaks coexistence. The name needs an NRPT exemption or a name outside the namespaces.",
        remediation:
            "Add an NRPT exemption for the VPN server's FQDN in the DirectAccess configuration (Remote Access console: Infrastructure Servers, or Add-DAClientDnsConfiguration -DnsSuffix vpn.example.com with no DNS server), or publish the VPN service under a name outside the DirectAccess namespaces.",
        references: [PublicSource.daMigrationPlanning, PublicSource.daMigrationDeploy],
        triggeringExamples: [
            RuleExample("vpn.corp.example.com inside .corp.example.com") {
                var da = Server(name: "da01", roles: [.directAccess])
                da.directAccess.nrptRules = [
                    NrptRule(
                        name: "DA-1", namespaces: [".corp.example.com"], directAccessDnsServers: ["fd00::1"],
                        source: "Get-DAClientDnsConfiguration", evidence: ExampleEstate.evidence(".corp.example.com"))
                ]
                return ExampleEstate.profile(servers: [da]) {
                    $0.servers = [ExampleEstate.fact("vpn.corp.example.com")]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("public name outside the namespace") {
                var da = Server(name: "da01", roles: [.directAccess])
                da.directAccess.nrptRules = [
                    NrptRule(
                        name: "DA-1", namespaces: [".corp.example.com"], directAccessDnsServers: ["fd00::1"],
                        source: "Get-DAClientDnsConfiguration", evidence: ExampleEstate.evidence(".corp.example.com"))
                ]
                return ExampleEstate.profile(servers: [da]) { $0.servers = [ExampleEstate.fact("vpn.example.com")] }
            },
            RuleExample("inside the namespace but exempted") {
                var da = Server(name: "da01", roles: [.directAccess])
                da.directAccess.nrptRules = [
                    NrptRule(
                        name: "DA-1", namespaces: [".corp.example.com"], directAccessDnsServers: ["fd00::1"],
                        source: "Get-DAClientDnsConfiguration", evidence: ExampleEstate.evidence(".corp.example.com")),
                    NrptRule(
                        name: "DA-2", namespaces: ["vpn.corp.example.com"], directAccessDnsServers: [],
                        source: "Get-DAClientDnsConfiguration", evidence: ExampleEstate.evidence("vpn.corp.example.com")
                    ),
                ]
                return ExampleEstate.profile(servers: [da]) {
                    $0.servers = [ExampleEstate.fact("vpn.corp.example.com")]
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            // Iterated, never copied: the rules may be read a page at a time from the store.
            let rules = estate.directAccessServers.lazy.flatMap(\.directAccess.nrptRules)
            guard !rules.isEmpty else {
                report.notAssessed(
                    scope: profile.scope, "the export has no DirectAccess NRPT rules (Get-DAClientDnsConfiguration)")
                return
            }
            for name in profile.servers where !Self.isAddress(name.value) {
                guard !rules.contains(where: { $0.isExemption && $0.covers(name.value) }) else { continue }
                // Distinct namespaces in order, indexed (every DirectAccess server repeats the same rules).
                var seen: Set<String> = []
                var namespaces: [String] = []
                var evidence = [name.evidence]
                var covering = 0
                for rule in rules where !rule.isExemption && rule.covers(name.value) {
                    covering += 1
                    if evidence.count < Finding.evidenceLimit { evidence.append(rule.evidence) }
                    for namespace in rule.namespaces.map({ $0.lowercased() }) where seen.insert(namespace).inserted {
                        namespaces.append(namespace)
                    }
                }
                guard covering > 0 else { continue }
                report.finding(
                    scope: profile.scope,
                    "VPN server \(name.value) falls inside the DirectAccess NRPT namespace \(namespaces.joined(separator: ", ")) with no exemption.",
                    evidence: evidence, evidenceTotal: covering + 1)
            }
        }
    }

    static func isAddress(_ name: String) -> Bool {
        name.contains(":") || name.split(separator: ".").allSatisfy { Int($0) != nil }
    }
}
