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
        DAVpnFqdnInNrptRule.self, ProfileDeviceTunnelNotAlwaysOnRule.self, ProfileIKEv2DefaultSuiteRule.self,
        ProfileSuiteWithoutPfsRule.self, ProfileRoutePublicSpaceRule.self, ProfileTndHostNameRule.self,
        ProfileForceTunnelClassRouteRule.self, ProfileEapServerValidationOffRule.self,
    ]
}

extension Rule {
    /// Runs `check` on every client profile; the whole module is not assessed without one.
    func forEachProfile(_ estate: Estate, report: inout RuleReport, _ check: (ClientProfile, inout RuleReport) -> Void)
    {
        guard !estate.clientProfiles.isEmpty else {
            report.notAssessed(
                scope: "client profiles", "the export has no client profile (ProfileXML or Get-VpnConnection)")
            return
        }
        for profile in estate.clientProfiles { check(profile, &report) }
    }
}

extension ClientProfile {
    /// The routing policy as Windows applies it (force tunnel when the profile does not say).
    var effectiveRouting: String { effectiveRoutingPolicyType }
    /// True when a schema problem is only a boolean written with capitals (`True`), which
    /// profile-boolean-case reports: the same line, about `xs:boolean`.
    func isBooleanCaseProblem(_ problem: Evidence) -> Bool {
        guard problem.value.contains("xs:boolean"), let line = Self.line(problem.location) else { return false }
        return booleanSettings.contains {
            $0.value != "true" && $0.value != "false" && Self.line($0.evidence.location) == line
        }
    }

    /// True when a schema problem is only a CryptographySuite value the CSP does not accept, which
    /// profile-unknown-crypto-value reports (with the nearest valid value): the same line.
    func isUnknownCryptoValueProblem(_ problem: Evidence) -> Bool {
        guard source == .profileXML, let suite = cryptographySuite, let line = Self.line(problem.location) else {
            return false
        }
        return IKEv2Transform.allCases.contains { transform in
            guard let fact = suite[transform], !transform.profileValues.contains(fact.value) else { return false }
            return Self.line(fact.evidence.location) == line && problem.value.contains("'\(transform.rawValue)'")
        }
    }

    /// The line number of an evidence location (`line 12, VPNProfile/AlwaysOn` → 12).
    static func line(_ location: String) -> Int? {
        guard location.hasPrefix("line ") else { return nil }
        return Int(location.dropFirst(5).prefix { $0.isNumber })
    }

    /// True when the profile's protocol is explicitly IKEv2.
    var isIKEv2Only: Bool { nativeProtocolType?.value.lowercased() == "ikev2" }
}
