import EstateModel
import Foundation
import RuleAPI

/// The `ikev2-baseline` module: the RRAS IKEv2 IPsec policy against the security baseline.
public enum IKEv2BaselineRules {
    public static let module = "ikev2-baseline"
    public static let all: [any Rule.Type] = [
        IKEv2DefaultPolicyRule.self, IKEv2WeakEncryptionRule.self, IKEv2WeakIntegrityRule.self,
        IKEv2WeakDHGroupRule.self, IKEv2WeakPfsGroupRule.self, IKEv2InvalidTransformPairingRule.self,
        IKEv2PolicyInconsistentRule.self, IKEv2FragmentationDisabledRule.self, IKEv2CrlCheckNotEnforcedRule.self,
    ]
    /// The remediation in the catalogue (no baseline chosen): every baseline's command, built from
    /// the one table in `IKEv2Baseline`. Findings carry the chosen baseline's (see `AssessmentContext`).
    static let remediation = IKEv2Baseline.remediationWithoutChoice()
}

extension Rule {
    /// Runs `check` on every VPN server with a custom policy; not assessed without a policy.
    func forEachCustomPolicy(
        _ estate: Estate, report: inout RuleReport, _ check: (Server, IKEv2Policy, inout RuleReport) -> Void
    ) {
        for server in estate.vpnServers {
            guard let policy = server.vpn.ikev2Policy else {
                report.notAssessed(server, "the export has no IKEv2 policy (Get-VpnServerConfiguration)")
                continue
            }
            guard policy.isCustom.value else { continue }  // reported by ikev2-default-policy
            check(server, policy, &report)
        }
    }

    /// Reports the transform values of `fields` found in `weak`; values outside `known` make the
    /// rule not assessed for that server (an unrecognised spelling or a numeric code).
    func reportWeakValues(
        _ server: Server, _ fields: [(Fact<String>?, known: Set<String>)], weak: Set<String>,
        what: String, report: inout RuleReport
    ) {
        var hits: [Fact<String>] = []
        for (fact, known) in fields {
            guard let fact else { continue }
            let value = IKEv2Vocabulary.normalised(fact.value)
            guard known.contains(value) else {
                report.notAssessed(
                    server, "value '\(fact.value)' at \(fact.evidence.location) is not a recognised \(what) value")
                return
            }
            if weak.contains(value) { hits.append(fact) }
        }
        if !hits.isEmpty {
            report.finding(
                server, "The IKEv2 policy uses \(hits.map(\.value).joined(separator: ", ")).",
                evidence: hits.map(\.evidence),
                remediation: report.context.ikev2Remediation(for: server))
        }
    }
}

extension Rule {
    /// Checks a DWORD under `RemoteAccess\Parameters\Ikev2` on every VPN server: a finding when the
    /// key was exported and the value is missing or not `expected`; not assessed when the key was
    /// not exported at all.
    func assessIkev2RegistryValue(
        _ estate: Estate, report: inout RuleReport, name: String, expected: Int,
        read: (ServerRegistry) -> Fact<Int>?, consequence: String
    ) {
        for server in estate.vpnServers {
            let value = read(server.registry)
            if let value, value.value == expected { continue }
            guard value != nil || server.registry.exported(ServerRegistry.remoteAccessIkev2, value: name) else {
                report.notAssessed(server, "the export has no RemoteAccess\\Parameters\\Ikev2 registry key")
                continue
            }
            if let value {
                report.finding(
                    server, "\(name) is \(value.value), not \(expected): \(consequence).", evidence: [value.evidence])
            } else {
                report.finding(
                    server, "\(name) is not set in RemoteAccess\\Parameters\\Ikev2: \(consequence).",
                    evidence: server.registry.evidence(ofKey: ServerRegistry.remoteAccessIkev2))
            }
        }
    }
}
