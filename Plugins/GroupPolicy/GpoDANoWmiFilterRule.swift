import EstateModel
import RuleAPI

/// The DirectAccess client GPO has no WMI filter: it applies to desktops as well as laptops, or it
/// has lost the laptops-only filter the DirectAccess configuration says it has.
public struct GpoDANoWmiFilterRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-no-wmi-filter", title: "DirectAccess Client GPO Has No Laptops-Only WMI Filter",
        module: GroupPolicyRules.module, severity: .low,
        rationale:
            "With 'Enable DirectAccess for mobile computers only' (Get-DAClient OnlyRemoteComputers) the wizard links a laptops-only WMI filter to the client GPO. Without a filter the GPO applies to every computer of its groups, desktops included: desktops rarely need Always On VPN, and counting them inflates certificates, licences and migration rings. When the server's configuration says mobile computers only but the GPO has no filter, the GPO was edited or the filter deleted: the GPO, not the server, is what clients apply.",
        remediation:
            "Decide whether desktops need remote access. If not, keep them out of the VPN deployment groups and rings (and restore the WMI filter with Set-DAClient -OnlyRemoteComputers Enabled while DirectAccess lives); if the filter was lost, re-apply the DirectAccess configuration so the GPO and the server agree again.",
        references: [PublicSource.setDAClient, PublicSource.getDAClient, GroupPolicyRules.getGPOReport],
        triggeringExamples: [
            RuleExample("the client GPO's report shows no WMI filter") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                }
            },
            RuleExample("the server says mobile computers only, the GPO has no filter") {
                var estate = ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                }
                var server = Server(name: "da01", roles: [.directAccess])
                server.directAccess.client.onlyRemoteComputers = ExampleEstate.fact(true, "Enabled")
                estate.servers = [server]
                return estate
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the laptops-only WMI filter is linked") {
                ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                    $0.wmiFilter = ExampleEstate.fact("DirectAccess - Laptop only WMI Filter")
                }
            },
            RuleExample("no filter, and the server says desktops too (da-desktops-included reports it)") {
                var estate = ExampleEstate.gpo {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                    $0.securityFiltering = [ExampleEstate.fact("CORP\\DirectAccess Clients")]
                }
                var server = Server(name: "da01", roles: [.directAccess])
                server.directAccess.client.onlyRemoteComputers = ExampleEstate.fact(false, "Disabled")
                estate.servers = [server]
                return estate
            },
        ],
        notAssessedExamples: [
            RuleExample("a client GPO known only from its Registry.pol (WMI filter unknown)") {
                ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        // The report (not Registry.pol) says whether a filter is linked.
        let clients = GroupPolicyRules.reportedGpos(
            estate, .directAccessClient, missing: "its WMI filter is", report: &report)
        let stated = estate.directAccessServers.compactMap(\.directAccess.client.onlyRemoteComputers)
        for gpo in clients {
            guard gpo.wmiFilter == nil else { continue }
            if let mobileOnly = stated.first(where: \.value) {
                report.finding(
                    scope: "GPO \(gpo.label)",
                    "The DirectAccess configuration says mobile computers only, but the client GPO has no WMI filter: clients apply the GPO, so desktops in its groups get DirectAccess too.",
                    evidence: [mobileOnly.evidence, gpo.evidence])
            } else if stated.isEmpty {
                let members =
                    gpo.securityFiltering.isEmpty
                    ? "every computer"
                    : "every computer of \(gpo.securityFiltering.map(\.value).joined(separator: ", "))"
                let links = gpo.links.filter(\.enabled).map(\.path)
                report.finding(
                    scope: "GPO \(gpo.label)",
                    "The DirectAccess client GPO has no WMI filter: it applies to \(members)\(links.isEmpty ? "" : " under \(links.joined(separator: ", "))"), desktops included.",
                    evidence: gpo.securityFiltering.map(\.evidence) + gpo.links.map(\.evidence) + [gpo.evidence])
            }
        }
    }
}
