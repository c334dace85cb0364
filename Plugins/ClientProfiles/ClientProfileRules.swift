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
    static let combinations = "knowledge/always-on-vpn-target-and-peers.md §1.3 (invalid or risky combinations)"
    static let elementTree = "knowledge/always-on-vpn-target-and-peers.md §1.2 (VPNv2 CSP element tree and values)"
    static let csp = "Microsoft Learn: VPNv2 CSP"
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
