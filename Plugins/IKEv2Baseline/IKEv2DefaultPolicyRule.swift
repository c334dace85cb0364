import EstateModel
import RuleAPI

/// RRAS uses the default IKEv2 proposals (no `-CustomPolicy`).
public struct IKEv2DefaultPolicyRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-default-policy", title: "IKEv2 Uses the Default Policy", module: IKEv2BaselineRules.module,
        severity: .high,
        rationale:
            "A default Windows client against a default RRAS server negotiates 3DES, SHA-1 and DH group 2 (MODP-1024). Without a custom policy, the weakest proposals stay acceptable on every Windows version.",
        remediation: IKEv2BaselineRules.remediation,
        references: [PublicSource.hicksIKEv2Posts, PublicSource.hicksBaselineScript],
        triggeringExamples: [
            RuleExample("no custom policy") {
                ExampleEstate.server { $0.vpn.ikev2Policy = IKEv2Policy(isCustom: ExampleEstate.fact(false)) }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("the standard baseline") {
                ExampleEstate.server { $0.vpn.ikev2Policy = ExampleEstate.standardPolicy }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        for server in estate.vpnServers {
            guard let policy = server.vpn.ikev2Policy else {
                report.notAssessed(server, "the export has no IKEv2 policy (Get-VpnServerConfiguration)")
                continue
            }
            if !policy.isCustom.value {
                report.finding(
                    server,
                    "No custom IKEv2 policy is set: RRAS accepts the default proposals (3DES, SHA-1, DH group 2).",
                    evidence: [policy.isCustom.evidence], remediation: report.context.ikev2Remediation(for: server))
            }
        }
    }
}
