import EstateModel
import RuleAPI

/// A route wider than the private range it evidently stands for, so it also captures public space.
public struct ProfileRoutePublicSpaceRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-route-public-space", title: "Route Covers Public Address Space",
        module: ClientProfileRules.module, severity: .medium,
        rationale:
            "A route that contains a private range (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) but is wider, such as 172.0.0.0/8 for 172.16.0.0/12, also sends public addresses through the tunnel: Internet sites in that range become unreachable or slow, and the mistake is easy to miss in review.",
        remediation:
            "Use the private range itself (172.16.0.0/12, 192.168.0.0/16, 10.0.0.0/8) or the organisation's actual internal prefixes.",
        references: ["https://www.rfc-editor.org/rfc/rfc1918", PublicSource.vpnv2CSP],
        triggeringExamples: [
            RuleExample("172.0.0.0/8 for 172.16.0.0/12") {
                ExampleEstate.profile {
                    $0.routes = [
                        ProfileRoute(
                            address: "172.0.0.0", prefixSize: 8, evidence: ExampleEstate.evidence("172.0.0.0/8"))
                    ]
                }
            },
            RuleExample("192.0.0.0/8 for 192.168.0.0/16") {
                ExampleEstate.profile {
                    $0.routes = [
                        ProfileRoute(
                            address: "192.0.0.0", prefixSize: 8, evidence: ExampleEstate.evidence("192.0.0.0/8"))
                    ]
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the RFC 1918 ranges") {
                ExampleEstate.profile {
                    $0.routes = [
                        ProfileRoute(
                            address: "10.0.0.0", prefixSize: 8, evidence: ExampleEstate.evidence("10.0.0.0/8")),
                        ProfileRoute(
                            address: "172.16.0.0", prefixSize: 12, evidence: ExampleEstate.evidence("172.16.0.0/12")),
                        ProfileRoute(
                            address: "192.168.0.0", prefixSize: 16, evidence: ExampleEstate.evidence("192.168.0.0/16")),
                    ]
                }
            },
            RuleExample("a public prefix of the organisation's own, and an exclusion") {
                ExampleEstate.profile {
                    $0.routes = [
                        ProfileRoute(
                            address: "203.0.113.0", prefixSize: 24, evidence: ExampleEstate.evidence("203.0.113.0/24")),
                        ProfileRoute(
                            address: "172.0.0.0", prefixSize: 8, exclusionRoute: true,
                            evidence: ExampleEstate.evidence("172.0.0.0/8")),
                    ]
                }
            },
        ])

    static let privateRanges: [(address: UInt32, prefix: Int, text: String)] = [
        (0x0A00_0000, 8, "10.0.0.0/8"), (0xAC10_0000, 12, "172.16.0.0/12"), (0xC0A8_0000, 16, "192.168.0.0/16"),
    ]

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            var hits: [(ProfileRoute, String)] = []
            for route in profile.routes ?? [] where !route.exclusionRoute {
                // Prefixes shorter than /4 are deliberate (0.0.0.0/1 + 128.0.0.0/1 force tunnelling).
                guard let address = IPv4.value(route.address), let prefix = route.prefixSize, prefix >= 4 else {
                    continue
                }
                for range in Self.privateRanges
                where prefix < range.prefix && IPv4.contains(network: range.address, prefix: prefix, address) {
                    hits.append((route, range.text))
                }
            }
            guard !hits.isEmpty else { return }
            let detail = hits.map { "\($0.0.address)/\($0.0.prefixSize ?? 0) (wider than \($0.1))" }.joined(
                separator: ", ")
            report.finding(
                scope: profile.scope, "Routes that also cover public addresses: \(detail).",
                evidence: hits.map(\.0.evidence))
        }
    }
}
