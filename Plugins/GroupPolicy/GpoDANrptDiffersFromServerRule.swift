import EstateModel
import Foundation
import RuleAPI

/// The DirectAccess client GPO's NRPT differs from the DirectAccess configuration the servers
/// report (Get-DAClientDnsConfiguration): clients apply the GPO, not the server's view of it.
public struct GpoDANrptDiffersFromServerRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-nrpt-differs-from-server",
        title: "DirectAccess Client GPO NRPT Differs From The Server Configuration",
        module: GroupPolicyRules.module, severity: .medium,
        rationale:
            "The DirectAccess servers keep the client NRPT in their configuration (Get-DAClientDnsConfiguration) and write it into the client GPO. Clients apply the GPO. When the two disagree (the GPO was edited by hand, not replicated, or belongs to another deployment), the migration plan built from the server's export maps names the clients do not use, or misses names they do: the VPN profile's DomainNameInformation must follow what clients actually resolve.",
        remediation:
            "Compare the client GPO's NRPT (Get-GPOReport, or Get-DnsClientNrptPolicy on a DirectAccess client) with Get-DAClientDnsConfiguration, decide which is right, fix the other (Set-DAClientDnsConfiguration regenerates the GPO), and re-export before building the profiles.",
        references: [PublicSource.daMapping, PublicSource.getDAClient],
        triggeringExamples: [
            RuleExample(
                "the GPO resolves .corp.contoso.com, the server configuration .corp.contoso.com and .lab.contoso.com"
            ) {
                var estate = ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule(".corp.contoso.com")] }
                var server = Server(name: "da01", roles: [.directAccess])
                server.directAccess.nrptRules = [
                    ExampleEstate.daNrptRule(".corp.contoso.com"), ExampleEstate.daNrptRule(".lab.contoso.com"),
                ]
                estate.servers = [server]
                return estate
            }
        ],
        nonTriggeringExamples: [
            RuleExample("the GPO and the server configuration list the same namespaces (exemptions aside)") {
                var estate = ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule(".corp.contoso.com")] }
                var server = Server(name: "da01", roles: [.directAccess])
                var exemption = ExampleEstate.daNrptRule("nls.corp.contoso.com")
                exemption.directAccessDnsServers = []
                server.directAccess.nrptRules = [ExampleEstate.daNrptRule(".CORP.contoso.com"), exemption]
                estate.servers = [server]
                return estate
            }
        ],
        notAssessedExamples: [
            RuleExample("the servers' NRPT configuration was not exported") {
                var estate = ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
                estate.servers = [Server(name: "da01", roles: [.directAccess])]
                return estate
            }
        ])

    /// The namespaces DirectAccess resolves through its DNS servers, lower-cased, without the leading dot.
    static func namespaces(_ rules: some Sequence<NrptRule>) -> Set<String> {
        var namespaces = Set<String>()
        for rule in rules where !rule.directAccessDnsServers.isEmpty {
            for namespace in rule.namespaces { namespaces.insert(normalised(namespace)) }
        }
        return namespaces
    }

    static func normalised(_ namespace: String) -> String {
        namespace.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(scope: "Group Policy", "the export has no GPO (Backup-GPO or Get-GPOReport)")
            return
        }
        let clientGpos = estate.groupPolicyObjects.filter { !$0.directAccessNrptRules.isEmpty }
        guard !clientGpos.isEmpty else { return }
        let servers = estate.directAccessServers.filter { !$0.directAccess.nrptRules.isEmpty }
        guard !servers.isEmpty else {
            report.notAssessed(
                scope: "Group Policy",
                "no DirectAccess server's NRPT configuration was exported (Get-DAClientDnsConfiguration)")
            return
        }
        // Iterated, never copied: a server's rules may be read a page at a time from the store.
        let serverRules = servers.lazy.flatMap(\.directAccess.nrptRules)
        let configured = Self.namespaces(serverRules)
        for gpo in clientGpos {
            let applied = Self.namespaces(gpo.nrptRules)
            let onlyGpo = applied.subtracting(configured).sorted()
            let onlyServer = configured.subtracting(applied).sorted()
            guard !onlyGpo.isEmpty || !onlyServer.isEmpty else { continue }
            var parts: [String] = []
            if !onlyGpo.isEmpty { parts.append("only in the GPO: \(onlyGpo.joined(separator: ", "))") }
            if !onlyServer.isEmpty {
                parts.append("only in the server configuration: \(onlyServer.joined(separator: ", "))")
            }
            let mismatched = Set(onlyGpo + onlyServer)
            var evidence: [Evidence] = []
            var cited = 0
            func cite(_ rules: some Sequence<NrptRule>) {
                for rule in rules where rule.namespaces.contains(where: { mismatched.contains(Self.normalised($0)) }) {
                    cited += 1
                    if evidence.count < Finding.evidenceLimit - 1 { evidence.append(rule.evidence) }
                }
            }
            cite(gpo.directAccessNrptRules)
            cite(serverRules)
            report.finding(
                scope: "GPO \(gpo.label)",
                "Clients apply a different NRPT than the DirectAccess servers are configured with: \(parts.joined(separator: "; ")).",
                evidence: evidence + [gpo.evidence], evidenceTotal: cited + 1)
        }
    }
}
