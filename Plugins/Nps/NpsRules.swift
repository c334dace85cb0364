import EstateModel
import RuleAPI

/// The `nps` module: the Network Policy Server that authenticates the user tunnel, read from
/// `Export-NpsConfiguration`, against the RRAS servers and the client profiles.
public enum NpsRules {
    public static let module = "nps"
    public static let all: [any Rule.Type] = [
        NpsEapTypeMismatchRule.self, NpsRrasServerNotRadiusClientRule.self, NpsPasswordOnlyVpnPolicyRule.self,
    ]

    /// msNPAuthenticationType2: the AUTHENTICATION_TYPE values of a network policy.
    static let authenticationType = "https://learn.microsoft.com/en-us/windows/win32/nps/sdo-np-authentication-type"
    /// msNPAllowedEapType: the EAP methods of a network policy.
    static let allowedEapType = "https://learn.microsoft.com/en-us/windows/win32/nps/sdo-np-allowed-eap-type"
    /// Planning NPS as a RADIUS server: RADIUS clients, authentication methods, network policies.
    static let planServer =
        "https://learn.microsoft.com/en-us/windows-server/networking/technologies/nps/nps-plan-server"
    /// Hicks: errors 691 and 812 (the network policy's authentication methods) and PEAP with certificates.
    static let hicksEap = "https://directaccess.richardhicks.com/tag/extensible-authentication-protocol/"
}

extension ExampleEstate {
    /// An estate holding one NPS configuration of `host` with one VPN network policy allowing
    /// `authentication` (and `eapTypes`), and RADIUS clients at `clients`, beside `servers`.
    static func nps(
        host: String = "nps01", authentication: [NpsAuthenticationType] = [.eap], eapTypes: [Int] = [EapMethod.peap],
        clients: [String] = ["10.0.10.21"], servers: [Server] = [], profiles: [ClientProfile] = []
    ) -> Estate {
        var estate = Estate(servers: servers, clientProfiles: profiles)
        let policy = NpsNetworkPolicy(
            name: "Always On VPN", enabled: true, order: 1,
            conditions: ["USERNTGROUPS(\"S-1-5-21-1-2-3-1109\")", "MATCH(\"NAS-Port-Type=^5$\")"],
            authenticationTypes: authentication, eapTypes: eapTypes, grantsAccess: true,
            evidence: evidence("Always On VPN", "line 12, network policy"))
        estate.npsConfigurations = [
            NpsConfiguration(
                host: host, evidence: evidence("NPS configuration"), networkPolicies: [policy],
                radiusClients: clients.map {
                    RadiusClient(
                        name: "RRAS", address: $0, enabled: true, sharedSecretPresent: true,
                        evidence: evidence($0, "line 40, RADIUS client"))
                })
        ]
        return estate
    }

    /// An RRAS server sending RADIUS authentication to `radius` (netsh `authserver`), at `address`.
    static func radiusVpnServer(
        _ name: String = "rras01", address: String? = "10.0.10.21", radius: String = "nps01.corp.contoso.com"
    ) -> Server {
        var server = Server(name: name, roles: [.vpn])
        server.fqdn = "\(name).corp.contoso.com"
        if let address { server.addresses = [fact(address)] }
        server.vpn.authenticationProvider = fact("radius")
        server.vpn.radiusServers = [
            RadiusServer(
                address: radius, purpose: "Authentication", port: 1812, sharedSecretPresent: true,
                evidence: evidence("add authserver name = \"\(radius)\""))
        ]
        return server
    }

    /// A user tunnel profile dialling `server` with EAP method `method` (inner `inner`).
    static func eapProfile(method: Int = EapMethod.peap, inner: [Int] = [EapMethod.tls], server: String = "vpn")
        -> ClientProfile
    {
        var profile = ClientProfile(
            name: "Contoso VPN", source: .profileXML, evidence: evidence("VPNProfile", "line 1, VPNProfile"))
        profile.servers = [fact(server)]
        profile.userMethod = fact("Eap")
        profile.eap = EapSettings(
            method: fact(method, "\(method)"), innerMethods: inner, trustedRootCAs: ["AB12"],
            serverValidationEvidence: evidence("ServerValidation", "line 30, ServerValidation"))
        return profile
    }
}

extension Estate {
    /// The VPN network policies of the NPS configurations that authenticate the RRAS servers
    /// `profile` dials (every exported VPN server when none of its names was exported), with
    /// the configurations they come from; nil when none of those NPS servers was exported.
    func vpnPolicies(for profile: ClientProfile) -> (nps: [NpsConfiguration], policies: [NpsNetworkPolicy])? {
        let dialled = vpnServers(dialledBy: profile)
        let servers = dialled.isEmpty ? vpnServers : dialled
        var configurations: [NpsConfiguration] = []
        for server in servers {
            for nps in npsConfigurations(authenticating: server) where !configurations.contains(nps) {
                configurations.append(nps)
            }
        }
        guard !configurations.isEmpty else { return nil }
        return (configurations, configurations.flatMap(\.networkPolicies).filter(\.appliesToVpn))
    }
}
