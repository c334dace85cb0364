import EstateModel
import RuleAPI

/// DomainNameInformation without TrustedNetworkDetection.
public struct ProfileDniWithoutTndRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-dni-without-tnd", title: "NRPT Rules Without Trusted Network Detection",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "A profile with DomainNameInformation but no TrustedNetworkDetection does not know when it is inside the corporate network: Always On tries to connect on the LAN and the NRPT rules behave unexpectedly (DPC validation warning). DirectAccess used the NLS for this; its Always On VPN equivalent is TrustedNetworkDetection.",
        remediation:
            "Add TrustedNetworkDetection with the DNS suffix the corporate LAN's DHCP hands out (unique to the LAN, never the user tunnel's own DnsSuffix on a device tunnel).",
        references: [PublicSource.vpnv2CSP, PublicSource.daMapping],
        triggeringExamples: [
            RuleExample("NRPT rule, no TND") {
                ExampleEstate.profile {
                    $0.domainNameInformation = [
                        DomainNameInformation(
                            domainName: ".corp.example.com", dnsServers: ["10.0.0.10"],
                            evidence: ExampleEstate.evidence(".corp.example.com"))
                    ]
                }
            }
        ],
        nonTriggeringExamples: [
            RuleExample("NRPT rule with TND") {
                ExampleEstate.profile {
                    $0.trustedNetworkDetection = ExampleEstate.fact("corp.example.com")
                    $0.domainNameInformation = [
                        DomainNameInformation(
                            domainName: ".corp.example.com", dnsServers: ["10.0.0.10"],
                            evidence: ExampleEstate.evidence(".corp.example.com"))
                    ]
                }
            },
            RuleExample("no NRPT rule") { ExampleEstate.profile() },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard !profile.domainNameInformation.isEmpty,
                (profile.trustedNetworkDetection?.value ?? "").isEmpty
            else { return }
            report.finding(
                scope: profile.scope,
                "\(profile.domainNameInformation.count) DomainNameInformation rule(s) and no TrustedNetworkDetection.",
                evidence: profile.domainNameInformation.map(\.evidence))
        }
    }
}
