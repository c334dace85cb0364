import EstateModel
import RuleAPI

/// TrustedNetworkDetection holds a host name instead of a DNS suffix.
public struct ProfileTndHostNameRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-tnd-host-name", title: "TrustedNetworkDetection Is A Host Name",
        module: ClientProfileRules.module, severity: .low,
        rationale:
            "TrustedNetworkDetection compares DNS suffixes: the connection-specific suffix a physical adapter receives from DHCP on the corporate LAN. A host name there (a server of the profile, or a name such as dc01.corp.example.com beside the suffix corp.example.com) never matches, so Always On connects even inside the office. The rule flags only these two evident shapes.",
        remediation:
            "Set TrustedNetworkDetection to the DNS suffix the corporate LAN's DHCP hands out (for example corp.example.com).",
        references: [PublicSource.vpnv2CSP, PublicSource.daMapping],
        triggeringExamples: [
            RuleExample("a numbered host beside the DNS suffix") {
                ExampleEstate.profile {
                    $0.dnsSuffix = ExampleEstate.fact("corp.example.com")
                    $0.trustedNetworkDetection = ExampleEstate.fact("dc01.corp.example.com")
                }
            },
            RuleExample("the VPN server's own name") {
                ExampleEstate.profile {
                    $0.servers = [ExampleEstate.fact("vpn.example.com")]
                    $0.trustedNetworkDetection = ExampleEstate.fact("vpn.example.com")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the LAN's DNS suffix") {
                ExampleEstate.profile {
                    $0.dnsSuffix = ExampleEstate.fact("corp.example.com")
                    $0.trustedNetworkDetection = ExampleEstate.fact("corp.example.com")
                }
            },
            RuleExample("a site suffix below the DNS suffix") {
                ExampleEstate.profile {
                    $0.dnsSuffix = ExampleEstate.fact("corp.example.com")
                    $0.trustedNetworkDetection = ExampleEstate.fact("office.corp.example.com,corp.example.com")
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let tnd = profile.trustedNetworkDetection else { return }
            let suffixes = Self.list(profile.dnsSuffix?.value ?? "")
            let servers = Set(profile.servers.map { $0.value.lowercased() })
            let hosts = Self.list(tnd.value).filter { entry in
                if servers.contains(entry) { return true }
                guard let dot = entry.firstIndex(of: ".") else { return false }
                let label = entry[..<dot]
                let rest = String(entry[entry.index(after: dot)...])
                return suffixes.contains(rest) && label.last?.isNumber == true
            }
            guard !hosts.isEmpty else { return }
            report.finding(
                scope: profile.scope,
                "TrustedNetworkDetection lists host names, not DNS suffixes: \(hosts.joined(separator: ", ")).",
                evidence: [tnd.evidence])
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }
}
