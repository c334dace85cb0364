import EstateModel
import RuleAPI

/// A user tunnel's PEAP or EAP-TLS configuration does not validate the NPS server's certificate.
public struct ProfileEapServerValidationOffRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-eap-server-validation-off", title: "EAP Without NPS Server Certificate Validation",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "PEAP and EAP-TLS protect the user's credentials only if the client checks the authentication server's certificate against the organisation's root CA (ServerValidation/TrustedRootCA) and the NPS names (ServerNames). With validation turned off (PerformServerValidation false) or no trusted root named, any server presenting any trusted certificate can pose as NPS; with prompts enabled users see 'Continue connecting?' and learn to accept it.",
        remediation:
            "In the profile's EapHostConfig, set PerformServerValidation to true, name the issuing root in TrustedRootCA and the NPS servers' certificate names in ServerNames (Get-EapConfiguration from a working connection gives the XML), and set DisableUserPromptForServerValidation to true.",
        references: [
            "https://learn.microsoft.com/en-us/windows/win32/eaphost/eaptlsconnectionpropertiesv1schema-servervalidationparameters-complextype",
            "https://directaccess.richardhicks.com/tag/nps/page/5/",
        ],
        triggeringExamples: [
            RuleExample("PEAP with PerformServerValidation false") {
                ExampleEstate.profile {
                    $0.eap = EapSettings(
                        method: ExampleEstate.fact(25), innerMethods: [13],
                        performServerValidation: ExampleEstate.fact(false, "false"), trustedRootCAs: ["3F0788E8"],
                        serverValidationEvidence: ExampleEstate.evidence("ServerValidation", "line 30"))
                }
            },
            RuleExample("PEAP naming no trusted root CA") {
                ExampleEstate.profile {
                    $0.eap = EapSettings(
                        method: ExampleEstate.fact(25), innerMethods: [13],
                        serverValidationEvidence: ExampleEstate.evidence("ServerValidation", "line 30"))
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("PEAP validating against the root CA") {
                ExampleEstate.profile {
                    $0.eap = EapSettings(
                        method: ExampleEstate.fact(25), innerMethods: [13],
                        performServerValidation: ExampleEstate.fact(true, "true"), trustedRootCAs: ["3F0788E8"],
                        serverValidationEvidence: ExampleEstate.evidence("ServerValidation", "line 30"))
                }
            },
            RuleExample("a device tunnel (machine certificate, no EAP)") {
                ExampleEstate.profile { $0.deviceTunnel = ExampleEstate.fact(true) }
            },
        ],
        notAssessedExamples: [
            RuleExample("a user tunnel without its EAP configuration") {
                ExampleEstate.profile { $0.userMethod = ExampleEstate.fact("Eap") }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let eap = profile.eap else {
                if !profile.isDeviceTunnel, profile.userMethod?.value.lowercased() == "eap" {
                    report.notAssessed(
                        scope: profile.scope,
                        "the profile's EAP configuration (Authentication/Eap/Configuration) is not in the export")
                }
                return
            }
            guard eap.method.value == EapMethod.peap || eap.method.value == EapMethod.tls else { return }
            var problems: [String] = []
            var evidence: [Evidence] = []
            if let perform = eap.performServerValidation, !perform.value {
                problems.append("PerformServerValidation is false")
                evidence.append(perform.evidence)
            }
            if eap.trustedRootCAs.isEmpty {
                problems.append("no TrustedRootCA is named")
                evidence.append(eap.serverValidationEvidence)
            }
            guard !problems.isEmpty else { return }
            report.finding(
                scope: profile.scope,
                "The \(EapMethod.name(eap.method.value)) configuration does not validate the NPS server's certificate: \(problems.joined(separator: "; ")).",
                evidence: evidence)
        }
    }
}
