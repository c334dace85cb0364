import EstateModel
import RuleAPI

/// The client profile's EAP method is not one a VPN network policy of the NPS allows: every user
/// tunnel connection fails with error 812.
public struct NpsEapTypeMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "nps-eap-type-mismatch", title: "Client EAP Method Not Allowed By Any NPS VPN Policy",
        module: NpsRules.module, severity: .critical,
        rationale:
            "NPS grants a VPN connection only through a network policy whose authentication methods include the EAP type the client uses (msNPAllowedEapType). When the profile's EapHostConfig names a method (PEAP, 25, or EAP-TLS, 13) that no enabled VPN policy allows, NPS rejects the request (event 6273) and the client fails with error 812 (RRAS logs 20276), for every user.",
        remediation:
            "Make the NPS network policy for Always On VPN allow the profile's method (Constraints > Authentication Methods > EAP Types, e.g. Microsoft: Protected EAP (PEAP) with Smart Card or other certificate), or change the profile's EAP configuration to the policy's method.",
        references: [NpsRules.allowedEapType, NpsRules.hicksEap, PublicSource.troubleshoot],
        triggeringExamples: [
            RuleExample("the profile uses PEAP, the VPN policy allows only EAP-TLS") {
                ExampleEstate.nps(
                    eapTypes: [EapMethod.tls], servers: [ExampleEstate.radiusVpnServer()],
                    profiles: [ExampleEstate.eapProfile()])
            },
            RuleExample("the only VPN policy allows MS-CHAP-v2, not EAP") {
                ExampleEstate.nps(
                    authentication: [.msChapV2], eapTypes: [], servers: [ExampleEstate.radiusVpnServer()],
                    profiles: [ExampleEstate.eapProfile()])
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the profile and the VPN policy both use PEAP") {
                ExampleEstate.nps(servers: [ExampleEstate.radiusVpnServer()], profiles: [ExampleEstate.eapProfile()])
            },
            RuleExample("a device tunnel (machine certificate, not NPS) beside a matching user tunnel") {
                var device = ExampleEstate.eapProfile(method: EapMethod.tls, inner: [])
                device.deviceTunnel = ExampleEstate.fact(true)
                return ExampleEstate.nps(
                    servers: [ExampleEstate.radiusVpnServer()], profiles: [device, ExampleEstate.eapProfile()])
            },
        ],
        notAssessedExamples: [
            RuleExample("the NPS export is of another server than the one RRAS sends requests to") {
                ExampleEstate.nps(
                    host: "nps-wifi", eapTypes: [EapMethod.tls], servers: [ExampleEstate.radiusVpnServer()],
                    profiles: [ExampleEstate.eapProfile()])
            },
            RuleExample("the NPS forwards the requests to a remote RADIUS server group (a proxy)") {
                var estate = ExampleEstate.nps(
                    eapTypes: [EapMethod.tls], servers: [ExampleEstate.radiusVpnServer()],
                    profiles: [ExampleEstate.eapProfile()])
                estate.npsConfigurations[0].connectionRequestPolicies = [
                    NpsConnectionRequestPolicy(
                        name: "Forward to NPS farm", enabled: true, order: 1, conditions: [], authenticationProvider: 2,
                        evidence: ExampleEstate.evidence("Forward to NPS farm"))
                ]
                return estate
            },
            RuleExample("the profile carries no EAP configuration") {
                var profile = ExampleEstate.eapProfile()
                profile.eap = nil
                return ExampleEstate.nps(servers: [ExampleEstate.radiusVpnServer()], profiles: [profile])
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let userTunnels = estate.clientProfiles.filter { !$0.isDeviceTunnel }
        guard !userTunnels.isEmpty else {
            report.notAssessed(scope: "client profiles", "the export has no user tunnel profile")
            return
        }
        for profile in userTunnels {
            guard let eap = profile.eap else {
                report.notAssessed(
                    scope: profile.scope,
                    "the profile carries no EAP configuration (Authentication/Eap/Configuration), so its method is unknown"
                )
                continue
            }
            guard let (configurations, policies) = estate.vpnPolicies(for: profile) else {
                report.notAssessed(
                    scope: profile.scope,
                    "no NPS export of the RADIUS servers the VPN servers send authentication to (Export-NpsConfiguration on them)"
                )
                continue
            }
            guard !policies.contains(where: { $0.allowsEap(type: eap.method.value) }) else { continue }
            // An NPS that forwards requests to a remote RADIUS server group does not decide them
            // with its own network policies.
            let forwarding = configurations.filter { nps in
                nps.connectionRequestPolicies.contains { $0.enabled && $0.authenticationProvider == 2 }
            }
            guard forwarding.isEmpty else {
                report.notAssessed(
                    scope: profile.scope,
                    "\(forwarding.map(\.host).joined(separator: ", ")) forwards connection requests to a remote RADIUS server group: export the NPS that authenticates them"
                )
                continue
            }
            let hosts = configurations.map(\.host).joined(separator: ", ")
            let offered =
                policies.isEmpty
                ? "no enabled network policy grants VPN access"
                : policies.map { policy in
                    let methods = policy.authenticationTypes.map(\.displayName).joined(separator: ", ")
                    let eapTypes = policy.eapTypes.map { EapMethod.name($0) }.joined(separator: ", ")
                    return "'\(policy.name)' allows \(methods.isEmpty ? "nothing" : methods)"
                        + (eapTypes.isEmpty ? "" : " (\(eapTypes))")
                }.joined(separator: "; ")
            report.finding(
                scope: profile.scope,
                "The profile authenticates with \(EapMethod.name(eap.method.value)), which no VPN network policy on \(hosts) allows: \(offered). Connections fail with error 812.",
                evidence: [eap.method.evidence] + policies.map(\.evidence))
        }
    }
}
