import EstateModel
import RuleAPI

/// DirectAccess uses one-time-password authentication.
public struct DAOtpInUseRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "da-otp-in-use", title: "DirectAccess OTP in Use", module: DirectAccessRules.module, severity: .medium,
        rationale: "DirectAccess OTP has no Always On VPN equivalent: strong authentication moves to EAP with RADIUS MFA (NPS extension), Conditional Access, smart cards or Windows Hello for Business. Users lose OTP the day they move unless the replacement is ready.",
        remediation: "Choose the replacement (NPS extension for MFA, Conditional Access with DeviceCompliance, or certificates on smart cards/WHfB) and pilot it in the first ring.",
        references: [DirectAccessRules.mapping],
        triggeringExamples: [
            RuleExample("OTP Enabled") { ExampleEstate.daServer { $0.otp = OtpAuthentication(status: ExampleEstate.fact(true, "Enabled"), radiusServers: ["10.0.0.5"]) } },
        ],
        nonTriggeringExamples: [
            RuleExample("OTP Disabled") { ExampleEstate.daServer { $0.otp = OtpAuthentication(status: ExampleEstate.fact(false, "Disabled"), radiusServers: []) } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachDirectAccessServer(estate, report: &report, input: "Get-DAOtpAuthentication", { $0.directAccess.otp }) { server, otp, report in
            guard otp.status.value else { return }
            report.finding(server, "DirectAccess requires one-time passwords (RADIUS: \(otp.radiusServers.joined(separator: ", "))).", evidence: [otp.status.evidence])
        }
    }
}
