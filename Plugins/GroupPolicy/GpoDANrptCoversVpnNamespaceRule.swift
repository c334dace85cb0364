import EstateModel
import Foundation
import RuleAPI

/// A DirectAccess GPO's NRPT rule covers a namespace the VPN profile also sends to its DNS servers.
public struct GpoDANrptCoversVpnNamespaceRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "gpo-da-nrpt-covers-vpn-namespace", title: "DirectAccess GPO NRPT Covers A VPN Profile Namespace",
        module: GroupPolicyRules.module, severity: .high,
        rationale:
            "The DirectAccess client GPO writes NRPT rules under the policy key (DnsPolicyConfig). While a client still applies it, those rules send the names they cover to the DirectAccess DNS64 server through the DirectAccess tunnel; the NRPT entries the VPN profile adds (DomainNameInformation, written to the local NRPT) are not used for those names, so name resolution over the VPN fails or goes the DirectAccess way. Microsoft's migration removes the device from the DirectAccess client group, lets Group Policy remove the settings, then deploys the profile. This interaction must be confirmed in a pilot: it follows from how the policy NRPT takes precedence, and is not separately documented for every Windows build.",
        remediation:
            "Migrate device by device in this order: remove the computer from the DirectAccess client security group, run gpupdate (or wait for the refresh) and confirm the DA- NRPT rules are gone (Get-DnsClientNrptPolicy), then deploy the Always On VPN profile. Pilot it on a few devices first.",
        references: [PublicSource.daMigrationDeploy, PublicSource.daMigrationPlanning],
        triggeringExamples: [
            RuleExample("the DA GPO covers .corp.contoso.com and the profile resolves corp.contoso.com") {
                ExampleEstate.gpo(profiles: [ExampleEstate.profileResolving([".corp.contoso.com"])]) {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                }
            },
            RuleExample("the profile resolves a host inside the DirectAccess namespace") {
                ExampleEstate.gpo(profiles: [ExampleEstate.profileResolving(["app.corp.contoso.com"])]) {
                    $0.nrptRules = [ExampleEstate.daNrptRule()]
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the profile resolves another namespace") {
                ExampleEstate.gpo(profiles: [ExampleEstate.profileResolving([".vpn.contoso.com"])]) {
                    $0.nrptRules = [ExampleEstate.daNrptRule(".corp.contoso.com")]
                }
            },
            RuleExample("the GPO's rule for the namespace is an exemption (no DirectAccess DNS server)") {
                ExampleEstate.gpo(profiles: [ExampleEstate.profileResolving([".corp.contoso.com"])]) {
                    var exemption = ExampleEstate.daNrptRule()
                    exemption.directAccessDnsServers = []
                    $0.nrptRules = [exemption]
                }
            },
        ],
        notAssessedExamples: [
            RuleExample("no client profile with DomainNameInformation was exported") {
                ExampleEstate.gpo { $0.nrptRules = [ExampleEstate.daNrptRule()] }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(
                scope: "Group Policy", "the export has no GPO (Backup-GPO or Get-GPOReport of the DirectAccess GPOs)")
            return
        }
        // GPOs exported, none with DirectAccess NRPT rules: nothing can take the profile's names,
        // unless the estate has DirectAccess servers whose client GPO was left out of the export.
        let directAccess = estate.groupPolicyObjects.filter { !$0.directAccessNrptRules.isEmpty }
        guard !directAccess.isEmpty else {
            if !estate.directAccessServers.isEmpty {
                report.notAssessed(
                    scope: "Group Policy",
                    "the estate has DirectAccess servers, but none of the exported GPOs is their client GPO (DirectAccess NRPT rules)"
                )
            }
            return
        }
        let profiles = estate.clientProfiles.filter { !$0.domainNameInformation.isEmpty }
        guard !profiles.isEmpty else {
            report.notAssessed(
                scope: "client profiles", "no exported client profile has DomainNameInformation (NRPT) entries")
            return
        }
        for profile in profiles {
            var hits: [(DomainNameInformation, GroupPolicyObject, NrptRule)] = []
            for entry in profile.domainNameInformation {
                let name = entry.domainName.trimmingCharacters(in: CharacterSet(charactersIn: "."))
                guard !name.isEmpty else { continue }
                for gpo in directAccess {
                    if let rule = gpo.directAccessNrptRules.first(where: { $0.covers(name) }) {
                        hits.append((entry, gpo, rule))
                    }
                }
            }
            guard !hits.isEmpty else { continue }
            let detail = hits.map { entry, gpo, rule in
                "\(entry.domainName) (covered by \(rule.namespaces.joined(separator: ", ")) in GPO \(gpo.label))"
            }
            report.finding(
                scope: profile.scope,
                "While DirectAccess's GPO applies, its NRPT takes these names, not the VPN profile's: \(detail.joined(separator: "; ")). Remove the device from the DirectAccess group and refresh policy before deploying the profile; confirm in a pilot.",
                evidence: hits.flatMap { [$0.0.evidence, $0.2.evidence] })
        }
    }
}
