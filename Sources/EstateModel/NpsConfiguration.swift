import Foundation

/// The configuration of one Network Policy Server, from `Export-NpsConfiguration` (or
/// `netsh nps export`): the network policies that decide how VPN users authenticate, the
/// connection request policies, and the RADIUS clients (the RRAS servers) it answers. Shared
/// secrets are never kept: only their presence, in ``Estate/secrets``.
public struct NpsConfiguration: Codable, Hashable, Sendable {
    /// The NPS server the export came from (lower-cased short name): the `<host>_` prefix of a
    /// RasData file or the folder holding the export.
    public var host: String
    /// The file and the line of the export's root element.
    public var evidence: Evidence
    /// Network policies (`NetworkPolicy` with their settings from `RadiusProfiles`), in the
    /// order NPS evaluates them (`msNPSequence`).
    public var networkPolicies: [NpsNetworkPolicy]
    /// Connection request policies (`Proxy_Policies` with `Proxy_Profiles`), in order.
    public var connectionRequestPolicies: [NpsConnectionRequestPolicy]
    /// RADIUS clients (`Protocols/Microsoft_Radius_Protocol/Clients`).
    public var radiusClients: [RadiusClient]

    public init(
        host: String, evidence: Evidence, networkPolicies: [NpsNetworkPolicy] = [],
        connectionRequestPolicies: [NpsConnectionRequestPolicy] = [], radiusClients: [RadiusClient] = []
    ) {
        self.host = host
        self.evidence = evidence
        self.networkPolicies = networkPolicies
        self.connectionRequestPolicies = connectionRequestPolicies
        self.radiusClients = radiusClients
    }
}

/// One NPS network policy: its conditions (`msNPConstraint`, as NPS writes them, e.g.
/// `MATCH("NAS-Port-Type=^5$")`, `USERNTGROUPS("S-1-5-…")`) and the authentication its profile allows.
public struct NpsNetworkPolicy: Codable, Hashable, Sendable {
    public var name: String
    /// `Policy_Enabled`.
    public var enabled: Bool
    /// `msNPSequence`: NPS evaluates policies in ascending order; the first that matches decides.
    public var order: Int?
    /// `msNPConstraint`, each as written.
    public var conditions: [String]
    /// `msNPAuthenticationType2` of the policy's profile (AUTHENTICATION_TYPE values).
    public var authenticationTypes: [NpsAuthenticationType]
    /// `msNPAllowedEapType` of the policy's profile: EAP method numbers (IANA), in the order the
    /// policy offers them (13 EAP-TLS, 25 PEAP, 26 EAP-MSCHAPv2).
    public var eapTypes: [Int]
    /// `msNPAllowDialin`: false when the policy denies access (nil when it defers to the user's dial-in property).
    public var grantsAccess: Bool?
    /// The policy element (file, line).
    public var evidence: Evidence

    public init(
        name: String, enabled: Bool, order: Int?, conditions: [String], authenticationTypes: [NpsAuthenticationType],
        eapTypes: [Int], grantsAccess: Bool?, evidence: Evidence
    ) {
        self.name = name
        self.enabled = enabled
        self.order = order
        self.conditions = conditions
        self.authenticationTypes = authenticationTypes
        self.eapTypes = eapTypes
        self.grantsAccess = grantsAccess
        self.evidence = evidence
    }

    /// The NAS port types (`NAS-Port-Type`) the policy is restricted to; nil when it has no such
    /// condition (it then matches every kind of connection). 5 is *Virtual (VPN)*.
    public var nasPortTypes: [Int]? {
        let values = conditions.compactMap { condition -> [Int]? in
            guard let range = condition.range(of: "NAS-Port-Type=") else { return nil }
            let rest = condition[range.upperBound...].prefix { $0 != "\"" && $0 != ")" }
            return rest.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        return values.isEmpty ? nil : values.flatMap { $0 }
    }

    /// True when the policy can match a VPN connection from RRAS: enabled, granting access, and
    /// either not restricted by NAS port type or restricted to Virtual (VPN, 5).
    public var appliesToVpn: Bool {
        guard enabled, grantsAccess != false else { return false }
        guard let types = nasPortTypes else { return true }
        return types.contains(5)
    }

    /// True when the policy allows EAP with method `type` (13 EAP-TLS, 25 PEAP…).
    public func allowsEap(type: Int) -> Bool { authenticationTypes.contains(.eap) && eapTypes.contains(type) }
}

/// `msNPAuthenticationType2` values (AUTHENTICATION_TYPE in sdoias.h).
public enum NpsAuthenticationType: Int, Codable, Hashable, Sendable, CaseIterable {
    case pap = 1, md5Chap = 2, msChap = 3, msChapV2 = 4, eap = 5, arap = 6, unauthenticated = 7, custom = 8
    case msChapPasswordChange = 9, msChapV2PasswordChange = 10, peap = 11

    /// The name the NPS console shows.
    public var displayName: String {
        switch self {
        case .pap: "PAP"
        case .md5Chap: "CHAP"
        case .msChap: "MS-CHAP"
        case .msChapV2: "MS-CHAP-v2"
        case .eap: "EAP"
        case .arap: "ARAP"
        case .unauthenticated: "unauthenticated access"
        case .custom: "custom"
        case .msChapPasswordChange: "MS-CHAP password change"
        case .msChapV2PasswordChange: "MS-CHAP-v2 password change"
        case .peap: "PEAP"
        }
    }
}

/// EAP method numbers (IANA EAP registry) as NPS and the EapHostConfig name them.
public enum EapMethod {
    public static let md5 = 4
    public static let tls = 13
    public static let peap = 25
    public static let msChapV2 = 26

    /// The method's usual name.
    public static func name(_ type: Int) -> String {
        switch type {
        case md5: "MD5-Challenge"
        case tls: "EAP-TLS (smart card or other certificate)"
        case peap: "PEAP"
        case msChapV2: "EAP-MSCHAPv2"
        default: "EAP type \(type)"
        }
    }
}

/// One NPS connection request policy: whether requests are authenticated here (`msAuthProviderType` 1)
/// or forwarded to a remote RADIUS server group (2).
public struct NpsConnectionRequestPolicy: Codable, Hashable, Sendable {
    public var name: String
    public var enabled: Bool
    public var order: Int?
    public var conditions: [String]
    /// `msAuthProviderType` of the policy's profile: 0 accept without authentication, 1 this
    /// server (Windows), 2 a remote RADIUS server group.
    public var authenticationProvider: Int?
    public var evidence: Evidence

    public init(
        name: String, enabled: Bool, order: Int?, conditions: [String], authenticationProvider: Int?,
        evidence: Evidence
    ) {
        self.name = name
        self.enabled = enabled
        self.order = order
        self.conditions = conditions
        self.authenticationProvider = authenticationProvider
        self.evidence = evidence
    }
}

/// A RADIUS client of an NPS server: the RRAS server (or its load balancer) sending requests.
public struct RadiusClient: Codable, Hashable, Sendable {
    /// The friendly name.
    public var name: String
    /// `IP_Address`: an IPv4/IPv6 address, a range in CIDR notation, or a DNS name.
    public var address: String
    /// `Radius_Client_Enabled`.
    public var enabled: Bool
    /// True when the export carried a shared secret (its value was discarded).
    public var sharedSecretPresent: Bool
    public var evidence: Evidence

    public init(name: String, address: String, enabled: Bool, sharedSecretPresent: Bool, evidence: Evidence) {
        self.name = name
        self.address = address
        self.enabled = enabled
        self.sharedSecretPresent = sharedSecretPresent
        self.evidence = evidence
    }
}

extension RadiusClient {
    /// True when this client entry answers requests from `server`: its address is one of the
    /// server's addresses or a range holding one, or its DNS name is the server's name or FQDN.
    public func covers(_ server: Server) -> Bool {
        let entry = address.trimmingCharacters(in: .whitespaces).lowercased()
        let addresses = server.addresses.map { $0.value.lowercased() }
        if addresses.contains(entry) { return true }
        let parts = entry.split(separator: "/")
        if parts.count == 2, let network = IPv4.value(String(parts[0])), let prefix = Int(parts[1]) {
            return addresses.compactMap { IPv4.value($0) }.contains {
                IPv4.contains(network: network, prefix: prefix, $0)
            }
        }
        guard IPv4.value(entry) == nil, !entry.contains(":") else { return false }
        return Server.identity(of: entry) == server.name || entry == server.fqdn?.lowercased()
    }
}

extension Estate {
    /// The NPS configurations exported from the RADIUS servers `server` sends authentication to
    /// (its `authserver` entries, matched by name or address), or, when it authenticates with
    /// Windows (NPS on itself), its own. Empty when none of them was exported.
    public func npsConfigurations(authenticating server: Server) -> [NpsConfiguration] {
        if server.vpn.usesRadiusAuthentication != true {
            return npsConfigurations.filter { $0.host == server.name }
        }
        let targets = server.vpn.radiusServers.filter { $0.purpose == "Authentication" }.map { $0.address.lowercased() }
        return npsConfigurations.filter { nps in
            targets.contains { target in
                (IPv4.value(target) == nil && !target.contains(":") && Server.identity(of: target) == nps.host)
                    || self.server(named: nps.host)?.addresses.contains { $0.value.lowercased() == target } == true
            }
        }
    }
}
