import EstateModel
import Foundation
import RuleAPI

/// No IKEv2 server certificate of a VPN server carries the name the client profiles dial.
public struct CertNameMismatchRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "cert-name-mismatch", title: "Server Certificate Does Not Name The VPN Server Clients Dial",
        module: CertificateRules.module, severity: .high,
        rationale:
            "The client checks that the server certificate's subject alternative names (or, without any, its common name) contain the name in the profile's Servers: a certificate issued to the server's own host name, or to another public name, fails IKEv2 with 13801 and SSTP with a certificate name error. Behind a load balancer every server must carry the load-balanced name. Windows matches case-insensitively and a wildcard only as the whole left-most label.",
        remediation:
            "Enrol each VPN server's certificate with the public name of the profiles' Servers entry as subject and DNS SAN (the same name on every server behind one load balancer).",
        references: [CertificateRules.hicks13801, PublicSource.vpnv2CSP, CertificateRules.rfc5280],
        triggeringExamples: [
            RuleExample("the profile dials vpn.example.com, the certificate names rras01.corp.example.com") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(names: ["rras01.corp.example.com"])],
                    ExampleEstate.profile(servers: Self.farm("vpn.example.com")) {
                        $0.servers = [ExampleEstate.fact("vpn.example.com")]
                    })
            },
            RuleExample("a wildcard does not cover two labels") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(names: ["*.example.com"])],
                    ExampleEstate.profile(servers: Self.farm("vpn.eu.example.com")) {
                        $0.servers = [ExampleEstate.fact("vpn.eu.example.com")]
                    })
            },
        ],
        nonTriggeringExamples: [
            RuleExample("the SAN names the dialled name (case differs)") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(names: ["VPN.example.com"])],
                    ExampleEstate.profile(servers: Self.farm("vpn.example.com")) {
                        $0.servers = [ExampleEstate.fact("vpn.example.com")]
                    })
            },
            RuleExample("a wildcard covering one label") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(names: ["*.example.com"])],
                    ExampleEstate.profile(servers: Self.farm("vpn.example.com")) {
                        $0.servers = [ExampleEstate.fact("vpn.example.com")]
                    })
            },
        ],
        notAssessedExamples: [
            RuleExample("no client profile says which name clients dial") {
                ExampleEstate.with([ExampleEstate.certificate()], ExampleEstate.server())
            },
            RuleExample("the profile dials a name that is not one of the exported servers") {
                ExampleEstate.with(
                    [ExampleEstate.certificate(names: ["rras01.corp.example.com"])],
                    ExampleEstate.profile(servers: Self.farm("vpn.example.com")) {
                        $0.servers = [ExampleEstate.fact("vpn-pilot.example.com")]
                    })
            },
        ])

    /// One VPN server reached through the load-balanced name `name` (its ConnectToAddress).
    static func farm(_ name: String) -> [Server] {
        ExampleEstate.server { $0.directAccess.connectToAddress = ExampleEstate.fact(name) }.servers
    }

    public func assess(_ estate: Estate, report: inout RuleReport) {
        let now = report.context.assessedAt
        // Which names reach which server: a profile's Servers entry naming the server's FQDN,
        // short name or ConnectToAddress (the load-balanced name). Host names only: an address
        // needs an IP SAN, not read here.
        var dialled: [String: (names: Set<String>, evidence: [Evidence])] = [:]
        for profile in estate.clientProfiles {
            let names = profile.servers.filter { $0.value.rangeOfCharacter(from: .letters) != nil }
            for server in estate.vpnServers(dialledBy: profile) {
                dialled[server.name, default: ([], [])].names.formUnion(names.map { $0.value.lowercased() })
                dialled[server.name, default: ([], [])].evidence += names.map(\.evidence)
            }
        }
        for server in estate.vpnServers {
            guard let certificates = estate.personalCertificates(of: server) else {
                report.notAssessed(server, "no certificate of this server's LocalMachine\\My store was exported")
                continue
            }
            guard let target = dialled[server.name], !target.names.isEmpty else {
                report.notAssessed(
                    server, "no client profile's Servers names this server (its FQDN, short name or ConnectToAddress)")
                continue
            }
            let usable = certificates.filter { $0.servesIKEv2 && $0.isValid(at: now) }
            guard !usable.isEmpty else { continue }  // cert-ikev2-eku-missing reports it
            if usable.contains(where: { certificate in target.names.contains { certificate.matches(name: $0) } }) {
                continue
            }
            let names = Set(usable.flatMap(\.matchableNames)).sorted().joined(separator: ", ")
            report.finding(
                server,
                "Clients dial \(target.names.sorted().joined(separator: ", ")), but the server's IKEv2 certificate(s) name \(names.isEmpty ? "no DNS name" : names).",
                evidence: usable.map(\.evidence) + target.evidence)
        }
    }
}
