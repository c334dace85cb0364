import EstateModel
import RuleAPI

/// The `group-policy` module: the DirectAccess GPOs (Registry.pol, GPO reports) as clients apply
/// them while DirectAccess and Always On VPN coexist.
public enum GroupPolicyRules {
    public static let module = "group-policy"
    public static let all: [any Rule.Type] = [
        GpoDANrptCoversVpnNamespaceRule.self, GpoDAFilteringTooBroadRule.self, GpoVersionMismatchRule.self,
        GpoDANrptDiffersFromServerRule.self, GpoDAWeakIPsecRule.self, GpoDAClientPolicyReachesServerRule.self,
        GpoDANoWmiFilterRule.self, GpoDAAppliesToNoOneRule.self,
    ]
    /// Get-GPOReport: the report's fields (links, versions, security filtering).
    static let getGPOReport = "https://learn.microsoft.com/en-us/powershell/module/grouppolicy/get-gporeport"
    /// MS-GPFAS: the authentication methods of an IPsec authentication set in Group Policy.
    static let authenticationSetMethods =
        "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpfas/a6ed36be-b3de-43cc-be8f-cdf56616a33f"
    /// MS-GPFAS: the IPsec cryptographic sets in Group Policy.
    static let cryptographicSets =
        "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpfas/c89c0758-73f8-4be8-b902-a48cf0198a68"
    static let setQuickModeCryptoSet =
        "https://learn.microsoft.com/en-us/powershell/module/netsecurity/set-netipsecquickmodecryptoset"
    /// The SYSVOL version of a GPO half (GPMC API), beside its directory version.
    static let sysvolVersion =
        "https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wmi_v2/class-library/userconfiguration-sysvolversion-property-microsoft-grouppolicy"
}

extension GroupPolicyRules {
    /// Which GPOs a rule reads.
    enum Selection {
        case directAccess, directAccessClient

        var description: String {
            switch self {
            case .directAccess: "none of the exported GPOs has DirectAccess content"
            case .directAccessClient: "none of the exported GPOs is a DirectAccess client GPO"
            }
        }

        func includes(_ gpo: GroupPolicyObject) -> Bool {
            switch self {
            case .directAccess: gpo.isDirectAccess
            case .directAccessClient: gpo.isDirectAccessClientPolicy
            }
        }
    }

    /// The GPOs of `selection` whose report (not only their Registry.pol) is in the export, each
    /// other one reported *not assessed* (`missing` says what its report would have given); the
    /// estate without GPOs, or without such GPOs, is reported *not assessed* too.
    static func reportedGpos(
        _ estate: Estate, _ selection: Selection, missing: String, report: inout RuleReport,
        hasReport: (GroupPolicyObject) -> Bool = { $0.computer != nil || !$0.securityFiltering.isEmpty }
    ) -> [GroupPolicyObject] {
        guard !estate.groupPolicyObjects.isEmpty else {
            report.notAssessed(scope: "Group Policy", "the export has no GPO (Backup-GPO, Get-GPOReport)")
            return []
        }
        let selected = estate.groupPolicyObjects.filter(selection.includes)
        if selected.isEmpty { report.notAssessed(scope: "Group Policy", selection.description) }
        return selected.filter { gpo in
            guard hasReport(gpo) else {
                report.notAssessed(
                    scope: "GPO \(gpo.label)",
                    "\(missing) not in the export (Get-GPOReport -ReportType Xml, or the backup's gpreport.xml)")
                return false
            }
            return true
        }
    }
}

extension ExampleEstate {
    /// An estate with one GPO shaped by `configure`, beside `profiles`.
    static func gpo(
        profiles: [ClientProfile] = [], _ configure: (inout GroupPolicyObject) -> Void = { _ in }
    ) -> Estate {
        var gpo = GroupPolicyObject(
            id: "{6E8F3A2B-1C4D-4E5F-9A0B-1C2D3E4F5A6B}", name: "DirectAccess Client Settings",
            evidence: evidence("DirectAccess Client Settings", "line 7, GPO"))
        configure(&gpo)
        var estate = Estate(clientProfiles: profiles)
        estate.groupPolicyObjects = [gpo]
        return estate
    }

    /// A DirectAccess NRPT rule for `namespace` (DNS64 server), as the DirectAccess client GPO writes it.
    static func daNrptRule(_ namespace: String = ".corp.contoso.com") -> NrptRule {
        NrptRule(
            name: "DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}", namespaces: [namespace],
            directAccessDnsServers: ["fd6b:b4c8:1a2b:3333::1"], nameServers: [],
            source: "NRPT policy (GPO DirectAccess Client Settings)",
            evidence: evidence(namespace, "offset 8, [DnsPolicyConfig\\DA-{…}] \"Name\""))
    }

    /// A user tunnel profile whose DomainNameInformation names `names`.
    static func profileResolving(_ names: [String]) -> ClientProfile {
        var profile = ClientProfile(
            name: "Contoso VPN", source: .profileXML, evidence: evidence("VPNProfile", "line 1, VPNProfile"))
        profile.domainNameInformation = names.map {
            DomainNameInformation(domainName: $0, dnsServers: ["10.10.0.2"], evidence: evidence($0, "line 20"))
        }
        return profile
    }
}
