import EstateModel
import RuleAPI

/// A network policy that grants VPN access allows only password methods (MS-CHAP-v2 and
/// weaker, or EAP-MSCHAPv2): no certificate authentication for the user tunnel.
public struct NpsPasswordOnlyVpnPolicyRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "nps-password-only-vpn-policy", title: "NPS VPN Policy Allows Only Passwords",
        module: NpsRules.module, severity: .medium,
        rationale:
            "Always On VPN user tunnels are meant to authenticate with certificates (PEAP or EAP-TLS with a user certificate): seamless for users and resistant to password spraying. A VPN network policy that allows only MS-CHAP-v2 (or EAP-MSCHAPv2, or the weaker PAP, CHAP and MS-CHAP) leaves the VPN on passwords, and the DirectAccess migration loses the certificate-based security DirectAccess had.",
        remediation:
            "Add EAP with Microsoft: Protected EAP (PEAP) using Smart Card or other certificate (or EAP-TLS) to the VPN policy, deploy user certificates, then remove the password methods from the policy and from RRAS (Set-VpnAuthProtocol).",
        references: [NpsRules.authenticationType, NpsRules.hicksEap, PublicSource.setVpnAuthProtocol],
        triggeringExamples: [
            RuleExample("the VPN policy allows MS-CHAP-v2 and its password change") {
                ExampleEstate.nps(authentication: [.msChapV2, .msChapV2PasswordChange], eapTypes: [])
            },
            RuleExample("the VPN policy allows EAP, but only EAP-MSCHAPv2") {
                ExampleEstate.nps(authentication: [.eap], eapTypes: [EapMethod.msChapV2])
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the VPN policy allows PEAP") { ExampleEstate.nps() },
            RuleExample("MS-CHAP-v2 beside EAP-TLS during the move to certificates") {
                ExampleEstate.nps(authentication: [.eap, .msChapV2], eapTypes: [EapMethod.tls])
            },
            RuleExample("a password-only policy restricted to wireless (NAS-Port-Type 19)") {
                var estate = ExampleEstate.nps(authentication: [.msChapV2], eapTypes: [])
                estate.npsConfigurations[0].networkPolicies[0].conditions = ["MATCH(\"NAS-Port-Type=^19$\")"]
                return estate
            },
        ],
        notAssessedExamples: [
            RuleExample("no NPS configuration was exported") { ExampleEstate.server() }
        ])

    static let passwordMethods: Set<NpsAuthenticationType> = [
        .pap, .md5Chap, .msChap, .msChapV2, .msChapPasswordChange, .msChapV2PasswordChange,
    ]
    static let passwordEapMethods: Set<Int> = [EapMethod.md5, EapMethod.msChapV2]

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.npsConfigurations.isEmpty else {
            report.notAssessed(scope: "NPS", "the export has no NPS configuration (Export-NpsConfiguration)")
            return
        }
        for nps in estate.npsConfigurations {
            for policy in nps.networkPolicies where policy.appliesToVpn && !policy.authenticationTypes.isEmpty {
                let types = Set(policy.authenticationTypes)
                let certificateCapable =
                    types.contains(.eap)
                    && (policy.eapTypes.isEmpty || !Set(policy.eapTypes).isSubset(of: Self.passwordEapMethods))
                let onlyPasswords =
                    types.subtracting([.eap]).isSubset(of: Self.passwordMethods) && !types.contains(.peap)
                guard onlyPasswords, !certificateCapable else { continue }
                let methods =
                    policy.authenticationTypes.filter { $0 != .eap }.map(\.displayName)
                    + policy.eapTypes.map { EapMethod.name($0) }
                report.finding(
                    scope: "NPS \(nps.host), network policy '\(policy.name)'",
                    "The policy grants VPN access with passwords only: \(methods.joined(separator: ", ")).",
                    evidence: [policy.evidence])
            }
        }
    }
}
