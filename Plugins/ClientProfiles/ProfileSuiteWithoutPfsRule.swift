import EstateModel
import RuleAPI

/// A CryptographySuite without PfsGroup.
public struct ProfileSuiteWithoutPfsRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-suite-without-pfs", title: "CryptographySuite Without PfsGroup",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "A CryptographySuite without PfsGroup gives the child SAs no perfect forward secrecy, and a server whose custom policy sets a PFS group rejects the client (error 13868). Every published baseline sets it (PFS2048 or ECP256/ECP384).",
        remediation: "Add <PfsGroup> with the baseline's value (and the same -PfsGroup on the servers).",
        references: [PublicSource.hicksBaselineScript, PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("suite without PfsGroup") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                    $0.cryptographySuite?.values[.pfsGroup] = nil
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("suite with PfsGroup") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("no suite is another rule's finding") {
                ExampleEstate.profile { $0.nativeProtocolType = ExampleEstate.fact("IKEv2") }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let suite = profile.cryptographySuite, suite[.pfsGroup] == nil else { return }
            report.finding(
                scope: profile.scope,
                "The CryptographySuite has no PfsGroup: child SAs get no perfect forward secrecy.",
                evidence: [suite.evidence])
        }
    }
}
