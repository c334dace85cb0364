import EstateModel
import RuleAPI

/// A force tunnel profile with DisableClassBasedDefaultRoute true.
public struct ProfileForceTunnelClassRouteRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-force-tunnel-class-route", title: "Force Tunnel With DisableClassBasedDefaultRoute",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "DisableClassBasedDefaultRoute and Route elements belong to split tunnels. With force tunnelling (RoutingPolicyType ForceTunnel, which is also Windows' default when the element is absent) Hicks' reference profile says DisableClassBasedDefaultRoute must be false or absent and the routes removed; a profile mixing both is usually a split tunnel whose RoutingPolicyType was forgotten.",
        remediation:
            "For a split tunnel set <RoutingPolicyType>SplitTunnel</RoutingPolicyType>; for a force tunnel remove DisableClassBasedDefaultRoute (or set it to false) and the Route elements.",
        references: [PublicSource.hicksUserProfile, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("ForceTunnel with the class route disabled") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("ForceTunnel")
                    $0.disableClassBasedDefaultRoute = ExampleEstate.fact(true)
                }
            },
            RuleExample("no RoutingPolicyType (force by default), class route disabled and split routes") {
                ExampleEstate.profile {
                    $0.disableClassBasedDefaultRoute = ExampleEstate.fact(true)
                    $0.routes = [
                        ProfileRoute(address: "10.0.0.0", prefixSize: 8, evidence: ExampleEstate.evidence("10.0.0.0/8"))
                    ]
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("SplitTunnel with the class route disabled") {
                ExampleEstate.profile {
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.disableClassBasedDefaultRoute = ExampleEstate.fact(true)
                }
            },
            RuleExample("ForceTunnel alone") {
                ExampleEstate.profile { $0.routingPolicyType = ExampleEstate.fact("ForceTunnel") }
            },
            RuleExample("a force-tunnelled device tunnel is profile-device-tunnel-invalid's finding") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.routingPolicyType = ExampleEstate.fact("ForceTunnel")
                    $0.disableClassBasedDefaultRoute = ExampleEstate.fact(true)
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            // A device tunnel may not force tunnel at all: profile-device-tunnel-invalid reports that.
            guard !profile.isDeviceTunnel, profile.effectiveRouting.lowercased() == "forcetunnel",
                let disable = profile.disableClassBasedDefaultRoute,
                disable.value
            else { return }
            let how =
                profile.routingPolicyType == nil
                ? "no RoutingPolicyType (Windows force tunnels by default)" : "RoutingPolicyType ForceTunnel"
            report.finding(
                scope: profile.scope,
                "The profile has \(how) and DisableClassBasedDefaultRoute true\((profile.routes ?? []).isEmpty ? "" : " with \(profile.routes?.count ?? 0) route(s)").",
                evidence: [disable.evidence] + [profile.routingPolicyType?.evidence].compactMap { $0 })
        }
    }
}
