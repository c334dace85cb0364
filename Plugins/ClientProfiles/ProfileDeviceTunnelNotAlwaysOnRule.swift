import EstateModel
import RuleAPI

/// A device tunnel profile without `AlwaysOn` true.
public struct ProfileDeviceTunnelNotAlwaysOnRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-device-tunnel-not-always-on", title: "Device Tunnel Not Always On",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "The device tunnel exists to connect before any user signs in (domain logon, management, password resets), which only happens when the profile is AlwaysOn. Microsoft's device tunnel example sets AlwaysOn true; without it the tunnel waits for someone to start it, so the device is unreachable exactly when DirectAccess's infrastructure tunnel used to serve it.",
        remediation: "Set <AlwaysOn>true</AlwaysOn> in the device tunnel profile.",
        references: [PublicSource.deviceTunnel, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("device tunnel, AlwaysOn absent") {
                ExampleEstate.profile { $0.deviceTunnel = ExampleEstate.fact(true) }
            },
            RuleExample("device tunnel, AlwaysOn false") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.alwaysOn = ExampleEstate.fact(false)
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("device tunnel, AlwaysOn true") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.alwaysOn = ExampleEstate.fact(true)
                }
            },
            RuleExample("a user tunnel may be started by hand") { ExampleEstate.profile() },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard profile.source == .profileXML, let device = profile.deviceTunnel, device.value,
                profile.alwaysOn?.value != true
            else { return }
            report.finding(
                scope: profile.scope,
                "The device tunnel profile is not AlwaysOn (\(profile.alwaysOn.map { "AlwaysOn \($0.value)" } ?? "AlwaysOn absent")): it does not connect before sign-in.",
                evidence: [device.evidence] + [profile.alwaysOn?.evidence].compactMap { $0 })
        }
    }
}
