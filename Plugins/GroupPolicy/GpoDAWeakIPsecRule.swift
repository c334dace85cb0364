import EstateModel
import RuleAPI

/// The DirectAccess IPsec tunnels, as the GPO defines them, offer weak cryptography or weak
/// authentication: a risk of the DirectAccess estate for as long as it lives.
public struct GpoDAWeakIPsecRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-weak-ipsec", title: "DirectAccess IPsec Tunnels Offer Weak Cryptography Or Authentication",
        module: GroupPolicyRules.module, severity: .medium,
        rationale:
            "While DirectAccess lives, its IPsec tunnels carry the intranet traffic of every client. The GPO's connection security rules name the authentication and cryptographic sets the tunnels negotiate: a quick or main mode proposal with DES, 3DES, MD5, SHA-1 or Diffie-Hellman group 1 or 2 (the same algorithms the project's IKEv2 baseline rejects), a pre-shared key or anonymous first authentication, or NTLM on the tunnel to the intranet (DirectAccess uses NTLMv2 only in the infrastructure tunnel, to named infrastructure servers; the intranet tunnel authenticates the user with Kerberos or a certificate) lets a peer negotiate protection weaker than the rest of the estate.",
        remediation:
            "Record it as a risk of the DirectAccess estate and move the affected devices to Always On VPN first (its IKEv2 policy follows the baseline). If DirectAccess must live on for a while, change the sets in the GPO through a GPO session (Open-NetGPO, Set-NetIPsecQuickModeCryptoSet / Set-NetIPsecPhase1AuthSet -GPOSession, Save-NetGPO), pilot the change on a few clients, and check after any change in the Remote Access console that it did not write the old sets back.",
        references: [
            GroupPolicyRules.authenticationSetMethods, GroupPolicyRules.cryptographicSets,
            GroupPolicyRules.setQuickModeCryptoSet, PublicSource.rfc8221, PublicSource.daMigrationPlanning,
        ],
        triggeringExamples: [
            RuleExample("the intranet tunnel's quick mode offers 3DES with SHA-1") {
                ExampleEstate.gpo { $0.tunnel(crypto: ["3DES": "SHA1"]) }
            },
            RuleExample("the intranet tunnel's second authentication is NTLMv2") {
                ExampleEstate.gpo { $0.tunnel(secondAuthentication: "UserNtlm") }
            },
            RuleExample("first authentication by pre-shared key") {
                ExampleEstate.gpo { $0.tunnel(firstAuthentication: "MachineSHKey") }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("AES-256 with SHA-256, computer certificate then user Kerberos") {
                ExampleEstate.gpo { $0.tunnel() }
            },
            RuleExample("NTLMv2 in the infrastructure tunnel, to named servers") {
                ExampleEstate.gpo {
                    $0.tunnel(secondAuthentication: "UserNtlm", remote: "fd00:1::10/128|EP2_6=fd00:1::11")
                }
            },
        ],
        notAssessedExamples: [
            RuleExample("the tunnel names sets the GPO does not define (the computer's defaults apply)") {
                ExampleEstate.gpo {
                    $0.connectionSecurityRules = [
                        ExampleEstate.fact(
                            "v2.10|Action=Secure|RTunnel6=fd00::1|Auth1Set=X|Auth2Set=Y|Crypto2Set=Z|EP2_6=fd00::/48|")
                    ]
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(scope: "Group Policy", "the export has no GPO (Backup-GPO, Get-GPOReport)")
            return
        }
        let gpos = estate.groupPolicyObjects.filter { !$0.tunnelRules.isEmpty }
        if gpos.isEmpty {
            report.notAssessed(scope: "Group Policy", "none of the exported GPOs has DirectAccess IPsec tunnel rules")
        }
        for gpo in gpos {
            var weak: [String] = []
            var evidence: [Evidence] = []
            var unknown: [String] = []
            for set in gpo.cryptoSets where set.phase == 1 {
                for (index, suite) in set.suites.enumerated() where !suite.weakAlgorithms.isEmpty {
                    weak.append(
                        "main mode set \(set.id) proposal \(index + 1): \(suite.weakAlgorithms.joined(separator: ", "))"
                    )
                    evidence.append(suite.evidence)
                }
            }
            var quickModeSets: [(id: String, rules: [String], evidence: [Evidence])] = []
            for fact in gpo.tunnelRules {
                guard let rule = ConnectionSecurityRule.parse(fact.value) else { continue }
                let before = weak.count
                let ruleName = rule.name ?? "(unnamed rule)"
                if let id = rule.cryptoSet, gpo.cryptoSet(id, phase: 2) != nil {
                    if let index = quickModeSets.firstIndex(where: { $0.id.lowercased() == id.lowercased() }) {
                        quickModeSets[index].rules.append(ruleName)
                        quickModeSets[index].evidence.append(fact.evidence)
                    } else {
                        quickModeSets.append((id, [ruleName], [fact.evidence]))
                    }
                } else {
                    unknown.append(
                        "\(ruleName) quick mode \(rule.cryptoSet.map { "set \($0)" } ?? "(the computer's default set)")"
                    )
                }
                for (phase, id) in [(1, rule.firstAuthenticationSet), (2, rule.secondAuthenticationSet)] {
                    guard let id, id.lowercased() != "emptyset" else { continue }
                    guard let set = gpo.authenticationSet(id, phase: phase) else {
                        unknown.append("\(ruleName) authentication set \(id)")
                        continue
                    }
                    for suite in set.suites {
                        let problem: String?
                        if suite.isPresharedKey {
                            problem = "a pre-shared key"
                        } else if phase == 1, suite.isAnonymous, set.suites.allSatisfy(\.isAnonymous) {
                            problem = "anonymous first authentication only"
                        } else if suite.isNtlm, phase == 1 || Self.reachesNetworks(rule) {
                            problem = "NTLM (\(suite.method))\(phase == 2 ? " on a tunnel to intranet networks" : "")"
                        } else {
                            problem = nil
                        }
                        if let problem {
                            weak.append("\(ruleName): authentication by \(problem)")
                            evidence.append(suite.evidence)
                        }
                    }
                }
                if weak.count > before { evidence.append(fact.evidence) }
            }
            for (id, rules, ruleEvidence) in quickModeSets {
                guard let set = gpo.cryptoSet(id, phase: 2) else { continue }
                let proposals = set.suites.enumerated().filter { !$0.element.weakAlgorithms.isEmpty }
                guard !proposals.isEmpty else { continue }
                let described = proposals.map { index, suite in
                    "proposal \(index + 1) (\(Self.describe(suite))) offers \(suite.weakAlgorithms.joined(separator: ", "))"
                }
                weak.insert(
                    "quick mode set \(set.name ?? id) of \(rules.joined(separator: ", ")): \(described.joined(separator: "; "))",
                    at: 0)
                evidence += proposals.map(\.element.evidence) + ruleEvidence
            }
            if !unknown.isEmpty {
                report.notAssessed(
                    scope: "GPO \(gpo.label)",
                    "sets not in the export: \(unknown.joined(separator: "; ")) (export the GPO with Backup-GPO or Get-GPOReport)"
                )
            }
            guard !weak.isEmpty else { continue }
            report.finding(
                scope: "GPO \(gpo.label)",
                "The DirectAccess IPsec tunnels offer weak protection: \(weak.joined(separator: "; ")).",
                evidence: evidence + [gpo.evidence])
        }
    }

    /// `ESP AES-192/SHA1`.
    static func describe(_ suite: IPsecCryptoSuite) -> String {
        let algorithms = [suite.encryption, suite.integrity, suite.ahIntegrity, suite.keyExchange].compactMap { $0 }
        return ([suite.protocolName].compactMap { $0 } + [algorithms.joined(separator: "/")]).joined(separator: " ")
    }

    /// True when the rule's remote side covers networks (the intranet tunnel); the infrastructure
    /// tunnel lists host addresses of the infrastructure servers.
    static func reachesNetworks(_ rule: ConnectionSecurityRule) -> Bool {
        let remote = rule.endpoints2
        guard !remote.isEmpty else { return true }  // no EP2: any address
        return remote.contains { endpoint in
            let value = endpoint.lowercased()
            if value == "any" || value == "*" || value.contains("-") { return true }
            guard let slash = value.firstIndex(of: "/"), let bits = Int(value[value.index(after: slash)...]) else {
                return false  // a single address
            }
            return value.contains(":") ? bits < 128 : bits < 32
        }
    }
}

extension GroupPolicyObject {
    /// Shapes the example GPO as a DirectAccess intranet tunnel (`remote` its EP2 side) with one
    /// authentication set per phase and one quick mode set (`crypto`: encryption → hash).
    mutating func tunnel(
        crypto: [String: String] = ["AES-256": "SHA256"], firstAuthentication: String = "MachineCert",
        secondAuthentication: String = "UserKerb", remote: String = "fd00::/48"
    ) {
        let evidence = ExampleEstate.evidence("v2.10|…", "line 40, ConSecRules")
        connectionSecurityRules = [
            Fact(
                "v2.10|Action=Secure|RTunnel6=fd00::1|Auth1Set={A1}|Auth2Set={A2}|Crypto2Set={C2}|Name=DirectAccess Policy-ClientToCorp|EP2_6=\(remote)|",
                evidence)
        ]
        authenticationSets = [
            IPsecAuthenticationSet(
                id: "{A1}", phase: 1,
                suites: [IPsecAuthenticationSuite(method: firstAuthentication, evidence: evidence)],
                evidence: evidence),
            IPsecAuthenticationSet(
                id: "{A2}", phase: 2,
                suites: [IPsecAuthenticationSuite(method: secondAuthentication, evidence: evidence)], evidence: evidence
            ),
        ]
        cryptoSets = [
            IPsecCryptoSet(
                id: "{C2}", phase: 2,
                suites: crypto.keys.sorted().map {
                    IPsecCryptoSuite(protocolName: "ESP", encryption: $0, integrity: crypto[$0], evidence: evidence)
                }, evidence: evidence)
        ]
    }
}
