import EstateModel
import RuleAPI

/// The `client-profiles` module: Always On VPN client profiles (ProfileXML, Get-VpnConnection)
/// against the VPNv2 CSP's rules and against the servers they connect to.
public enum ClientProfileRules {
    public static let module = "client-profiles"
    public static let all: [any Rule.Type] = [
        IKEv2ClientServerMismatchRule.self, IKEv2CryptoSuiteIgnoredRule.self, ProfileDeviceTunnelInvalidRule.self,
        ProfileSplitWithoutRoutesRule.self, ProfileDniWithoutTndRule.self, ProfileProxyOnSplitTunnelRule.self,
        ProfileBooleanCaseRule.self, ProfileUnknownCryptoValueRule.self, ProfileSchemaInvalidRule.self,
        DAVpnFqdnInNrptRule.self,
    ]
    static let combinations = PublicSource.vpnv2CSP
    static let elementTree = PublicSource.profileXSD
    static let csp = PublicSource.vpnv2CSP
}

extension Rule {
    /// Runs `check` on every client profile; the whole module is not assessed without one.
    func forEachProfile(_ estate: Estate, report: inout RuleReport, _ check: (ClientProfile, inout RuleReport) -> Void) {
        guard !estate.clientProfiles.isEmpty else {
            report.notAssessed(scope: "client profiles", "the export has no client profile (ProfileXML or Get-VpnConnection)")
            return
        }
        for profile in estate.clientProfiles { check(profile, &report) }
    }
}

extension ClientProfile {
    /// The routing policy, `SplitTunnel` when the profile does not say (the CSP's default).
    var effectiveRouting: String { routingPolicyType?.value ?? "SplitTunnel" }
    /// True when the profile's protocol is explicitly IKEv2.
    var isIKEv2Only: Bool { nativeProtocolType?.value.lowercased() == "ikev2" }
}
