import EstateModel
import RuleAPI

/// DirectAccess multisite with several entry points.
public struct DAMultisiteRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-multisite", title: "DirectAccess Multisite", module: DirectAccessRules.module, severity: .medium,
        rationale:
            "Always On VPN has no native multisite: entry points become a GSLB or Traffic Manager name, or several Servers entries chosen manually. The plan needs one per site before DirectAccess is removed.",
        remediation:
            "Plan a global name (GSLB, DNS-based traffic management) over the sites' VPN servers, or list them in the profile's Servers, and keep each site's certificates and policies identical.",
        references: [DirectAccessRules.mapping, PublicSource.getDAMultiSite],
        triggeringExamples: [
            RuleExample("two entry points") {
                ExampleEstate.daServer {
                    $0.entryPoints = [
                        EntryPoint(name: "EU", servers: ["da01"], gslbIp: nil, evidence: ExampleEstate.evidence("EU")),
                        EntryPoint(name: "US", servers: ["da02"], gslbIp: nil, evidence: ExampleEstate.evidence("US")),
                    ]
                }
            },
            RuleExample("Get-DAMultiSite exported without Get-DAEntryPoint") {
                ExampleEstate.daServer {
                    $0.multiSite = MultiSite(
                        enterpriseName: ExampleEstate.fact("Contoso"), gslbFqdn: ExampleEstate.fact("da.contoso.com"),
                        evidence: ExampleEstate.evidence("Get-DAMultiSite"))
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("one entry point") {
                ExampleEstate.daServer {
                    $0.entryPoints = [
                        EntryPoint(name: "EU", servers: ["da01"], gslbIp: nil, evidence: ExampleEstate.evidence("EU"))
                    ]
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(
            estate, report: &report,
            input:
                "Get-DAMultiSite or Get-DAEntryPoint (they fail when multisite is off, so this is expected on a single-site deployment)",
            { $0.directAccess.multiSite == nil && $0.directAccess.entryPoints.isEmpty ? nil : $0.directAccess }
        ) { server, da, report in
            // Get-DAMultiSite succeeds only when multisite is enabled: its object is proof enough,
            // even when Get-DAEntryPoint was not exported.
            guard da.entryPoints.count > 1 || da.multiSite != nil else { return }
            let names = da.entryPoints.map(\.name).joined(separator: ", ")
            let points =
                da.entryPoints.isEmpty
                ? "(entry points not exported: add Get-DAEntryPoint)"
                : "with \(da.entryPoints.count) entry point(s) (\(names))"
            let gslb = da.multiSite?.gslbFqdn.map { "; global load-balancing name \($0.value)" } ?? ""
            let enterprise = da.multiSite?.enterpriseName.map { " \($0.value)" } ?? ""
            report.finding(
                server, "DirectAccess multisite\(enterprise) is enabled \(points)\(gslb).",
                evidence: da.entryPoints.map(\.evidence)
                    + [
                        da.multiSite?.evidence, da.multiSite?.enterpriseName?.evidence,
                        da.multiSite?.gslbFqdn?.evidence,
                    ].compactMap { $0 })
        }
    }
}
