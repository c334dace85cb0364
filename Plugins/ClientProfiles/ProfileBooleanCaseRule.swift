import EstateModel
import RuleAPI

/// Booleans in ProfileXML not written as lowercase `true` / `false`.
public struct ProfileBooleanCaseRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-boolean-case", title: "ProfileXML Boolean Not Lowercase",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "The VPNv2 CSP reads booleans as lowercase true or false. Profiles written with True or FALSE were applied partially, with no error naming the element (windowsserverdocs issues #766, #867).",
        remediation: "Write every boolean element as lowercase true or false.",
        references: [PublicSource.vpnv2CSP, "https://github.com/MicrosoftDocs/windowsserverdocs/issues/867"],
        triggeringExamples: [
            RuleExample("AlwaysOn True") {
                ExampleEstate.profile {
                    $0.booleanSettings = [Fact("True", ExampleEstate.evidence("True", "line 3, VPNProfile/AlwaysOn"))]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("lowercase booleans") {
                ExampleEstate.profile {
                    $0.booleanSettings = [
                        Fact("true", ExampleEstate.evidence("true", "line 3, VPNProfile/AlwaysOn")),
                        Fact("false", ExampleEstate.evidence("false", "line 4, VPNProfile/DeviceTunnel")),
                    ]
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            let wrong = profile.booleanSettings.filter { $0.value != "true" && $0.value != "false" }
            guard !wrong.isEmpty else { return }
            let places = wrong.map {
                "\($0.evidence.location.split(separator: "/").last.map(String.init) ?? $0.evidence.location) = \($0.value)"
            }
            report.finding(
                scope: profile.scope,
                "Booleans not written as lowercase true/false: \(places.joined(separator: ", ")).",
                evidence: wrong.map(\.evidence))
        }
    }
}
