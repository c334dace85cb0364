import EstateModel
import RuleAPI

/// A split tunnel profile without include routes.
public struct ProfileSplitWithoutRoutesRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-split-without-routes", title: "Split Tunnel Profile Without Routes",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "A split tunnel sends through the VPN only the routes the profile lists. Without Route elements, only the class-based route of the assigned address reaches the internal network, and with DisableClassBasedDefaultRoute true nothing does. DPC warns on split tunnels without routes for this reason. A profile without RoutingPolicyType is a force tunnel (Windows' default), not a split tunnel.",
        remediation:
            "Add Route elements for every internal prefix (DirectAccess's internal networks; RFC 1918 ranges in use), with DisableClassBasedDefaultRoute true so only the listed routes are used.",
        references: [PublicSource.vpnv2CSP, PublicSource.dpc],
        triggeringExamples: [
            RuleExample("split tunnel, class-based route disabled, no routes") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.disableClassBasedDefaultRoute = ExampleEstate.fact(true)
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("split tunnel with routes") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.routes = [
                        ProfileRoute(address: "10.0.0.0", prefixSize: 8, evidence: ExampleEstate.evidence("10.0.0.0/8"))
                    ]
                }
            },
            RuleExample("force tunnel needs no routes") {
                ExampleEstate.profile { $0.routingPolicyType = ExampleEstate.fact("ForceTunnel") }
            },
            RuleExample("no RoutingPolicyType: Windows force tunnels (Hicks' ProfileXML_LockDown.xml)") {
                ExampleEstate.profile()
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard profile.effectiveRouting.lowercased() == "splittunnel" else { return }
            guard let routes = profile.routes else {
                report.notAssessed(
                    scope: profile.scope, "a \(profile.source.rawValue) export does not list the profile's routes")
                return
            }
            guard !routes.contains(where: { !$0.exclusionRoute }) else { return }
            let classless = profile.disableClassBasedDefaultRoute?.value == true
            report.finding(
                scope: profile.scope,
                classless
                    ? "Split tunnel with DisableClassBasedDefaultRoute true and no Route: no internal traffic uses the VPN."
                    : "Split tunnel with no Route: only the class-based route of the assigned address uses the VPN.",
                evidence: [profile.routingPolicyType?.evidence, profile.disableClassBasedDefaultRoute?.evidence]
                    .compactMap { $0 } + [profile.evidence])
        }
    }
}
