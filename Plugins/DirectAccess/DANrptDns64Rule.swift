import EstateModel
import RuleAPI

/// NRPT rules send internal names to the DirectAccess server's DNS64.
public struct DANrptDns64Rule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-nrpt-dns64", title: "NRPT Points at DirectAccess DNS64", module: DirectAccessRules.module,
        severity: .medium,
        rationale:
            "DirectAccess NRPT rules send internal namespaces to the DNS64 service on the DirectAccess server. Always On VPN's DomainNameInformation needs the real (IPv4) internal DNS servers instead, which the export cannot tell: the plan must supply them.",
        remediation:
            "List the internal DNS servers for each namespace in the plan file; map each NRPT namespace to DomainNameInformation with those servers and drop the NLS and DirectAccess exemptions.",
        references: [DirectAccessRules.mapping, PublicSource.daMigrationDeploy],
        triggeringExamples: [
            RuleExample("a DA rule with a DNS64 server") {
                ExampleEstate.daServer {
                    $0.nrptRules = [
                        NrptRule(
                            name: "DA-{1}", namespaces: [".corp.example.com"],
                            directAccessDnsServers: ["fd00:1:2:3::1"], source: "example",
                            evidence: ExampleEstate.evidence(".corp.example.com"))
                    ]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("only an exemption rule") {
                ExampleEstate.daServer {
                    $0.nrptRules = [
                        NrptRule(
                            name: "DA-{2}", namespaces: ["nls.corp.example.com"], directAccessDnsServers: [],
                            source: "example", evidence: ExampleEstate.evidence("nls"))
                    ]
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(
            estate, report: &report,
            input: "NRPT rules (Get-DAClientDnsConfiguration, Get-DnsClientNrptRule or DnsPolicyConfig)",
            { $0.directAccess.nrptRules.isEmpty ? nil : $0.directAccess.nrptRules }
        ) { server, rules, report in
            // One pass over the rules (read a page at a time from the store when they are many):
            // the namespaces and servers, the first rules as evidence, and how many there are.
            var namespaceSet = Set<String>()
            var serverSet = Set<String>()
            var evidence: [Evidence] = []
            var dns64 = 0
            for rule in rules where !rule.directAccessDnsServers.isEmpty {
                dns64 += 1
                namespaceSet.formUnion(rule.namespaces)
                serverSet.formUnion(rule.directAccessDnsServers)
                if evidence.count < Finding.evidenceLimit { evidence.append(rule.evidence) }
            }
            guard dns64 > 0 else { return }
            let namespaces = namespaceSet.sorted()
            let servers = serverSet.sorted()
            let shown =
                namespaces.prefix(10).joined(separator: ", ")
                + (namespaces.count > 10 ? ", and \(namespaces.count - 10) more" : "")
            report.finding(
                server,
                "\(namespaces.count) NRPT namespace(s) (\(shown)) resolve through DirectAccess DNS \(servers.joined(separator: ", ")); Always On VPN needs the real internal DNS servers.",
                evidence: evidence, evidenceTotal: dns64)
        }
    }
}
