import EstateModel
import RuleAPI

/// A ProfileXML that does not validate against the project's schema.
public struct ProfileSchemaInvalidRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-schema-invalid", title: "ProfileXML Does Not Validate",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "A ProfileXML with an unknown element, a misplaced child or a value outside the CSP's list fails on the client with only \"A general error occurred\" (WMI) or 0x87d101f4 (Intune), with no location. The project's schema (Docs/formats/profilexml.md) checks it offline and names the line.",
        remediation: "Correct the elements named in the message (line and element), then import the profile again.",
        references: [PublicSource.vpnv2CSP, PublicSource.profileXSD],
        triggeringExamples: [
            RuleExample("misspelt element") {
                ExampleEstate.profile {
                    $0.schemaProblems = [
                        ExampleEstate.evidence(
                            "Element 'TrustedNetworkDetections': This element is not expected.", "line 6")
                    ]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("valid profile") { ExampleEstate.profile() },
            RuleExample("a capitalised boolean alone is profile-boolean-case's finding, not also this one") {
                ExampleEstate.profile {
                    $0.booleanSettings = [ExampleEstate.fact("True", "line 2, VPNProfile/AlwaysOn")]
                    $0.booleanSettings[0].evidence = ExampleEstate.evidence("True", "line 2, VPNProfile/AlwaysOn")
                    $0.schemaProblems = [
                        ExampleEstate.evidence(
                            "Element 'AlwaysOn': 'True' is not a valid value of the atomic type 'xs:boolean'.", "line 2"
                        )
                    ]
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            // One cause, one finding: a boolean not written in lowercase is profile-boolean-case's, an
            // unknown CryptographySuite value profile-unknown-crypto-value's.
            let problems = profile.schemaProblems.filter {
                !profile.isBooleanCaseProblem($0) && !profile.isUnknownCryptoValueProblem($0)
            }
            guard !problems.isEmpty else { return }
            let first = problems.prefix(3).map { "\($0.location): \($0.value)" }
            report.finding(
                scope: profile.scope,
                "\(problems.count) schema problem(s): \(first.joined(separator: " | "))\(problems.count > 3 ? " | …" : "")",
                evidence: problems)
        }
    }
}
