import EstateModel
import RuleAPI

/// DirectAccess multisite with several entry points.
public struct DAMultisiteRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-multisite", title: "DirectAccess Multisite", module: DirectAccessRules.module, severity: .medium,
        rationale: "Always On VPN has no native multisite: entry points become a GSLB or Traffic Manager name, or several Servers entries chosen manually. The plan needs one per site before DirectAccess is removed.",
        remediation: "Plan a global name (GSLB, DNS-based traffic management) over the sites' VPN servers, or list them in the profile's Servers, and keep each site's certificates and policies identical.",
        references: [DirectAccessRules.mapping],
        triggeringExamples: [
            RuleExample("two entry points") { ExampleEstate.daServer {
                $0.entryPoints = [EntryPoint(name: "EU", servers: ["da01"], gslbIp: nil, evidence: ExampleEstate.evidence("EU")),
                                  EntryPoint(name: "US", servers: ["da02"], gslbIp: nil, evidence: ExampleEstate.evidence("US"))]
            } },
        ],
        nonTriggeringExamples: [
            RuleExample("one entry point") { ExampleEstate.daServer {
                $0.entryPoints = [EntryPoint(name: "EU", servers: ["da01"], gslbIp: nil, evidence: ExampleEstate.evidence("EU"))]
            } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(estate, report: &report,
                                  input: "Get-DAMultiSite or Get-DAEntryPoint (they fail when multisite is off, so this is expected on a single-site deployment)",
                                  { $0.directAccess.multiSite == nil && $0.directAccess.entryPoints.isEmpty ? nil : $0.directAccess }) { server, da, report in
            guard da.entryPoints.count > 1 else { return }
            let names = da.entryPoints.map(\.name).joined(separator: ", ")
            report.finding(server, "DirectAccess multisite with \(da.entryPoints.count) entry points (\(names)).",
                           evidence: da.entryPoints.map(\.evidence) + [da.multiSite?.gslbFqdn?.evidence].compactMap { $0 })
        }
    }
}
