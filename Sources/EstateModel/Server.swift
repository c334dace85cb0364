import Foundation

/// What a server does in the remote-access estate.
public enum ServerRole: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case directAccess = "DirectAccess"
    case vpn = "RRAS VPN"

    public static func < (lhs: ServerRole, rhs: ServerRole) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One DirectAccess and/or RRAS server, with everything its exports say about it.
public struct Server: Codable, Hashable, Sendable {
    /// Short host name, lower-cased: the server's identity (a short name and its FQDN are one server).
    public var name: String
    /// Fully qualified name, when any export gave it.
    public var fqdn: String?
    /// Roles found installed.
    public var roles: Set<ServerRole>
    /// IP addresses of the server (Get-NetIPAddress), used to match load balancer pool members.
    public var addresses: [Fact<String>] = []
    /// How Remote Access says the server is load balanced (Get-RemoteAccessLoadBalancer):
    /// `Windows NLB` or `third-party load balancer`, with the virtual addresses.
    public var loadBalancing: Fact<String>?
    public var directAccess: DirectAccessConfiguration
    public var vpn: VpnConfiguration
    public var registry: ServerRegistry
    /// The Windows version, when the export has it (nil: build-dependent rules are not assessed).
    public var operatingSystem: OperatingSystemInfo?
    /// What the server's collection says about the machine around the role (features, site,
    /// routes, firewall, health); nil when none of those exports was in the bundle.
    public var inventory: ServerInventory?

    public init(
        name: String, fqdn: String? = nil, roles: Set<ServerRole> = [],
        directAccess: DirectAccessConfiguration = .init(), vpn: VpnConfiguration = .init(),
        registry: ServerRegistry = .init()
    ) {
        self.name = name
        self.fqdn = fqdn
        self.roles = roles
        self.directAccess = directAccess
        self.vpn = vpn
        self.registry = registry
    }

    /// The name to show: the FQDN when known.
    public var displayName: String { fqdn ?? name }

    /// The identity used to merge facts about one server from many files.
    public static func identity(of hostName: String) -> String {
        // Foundation's trimming is slow on Linux; names rarely carry white space.
        let trimmed =
            hostName.first?.isWhitespace == true || hostName.last?.isWhitespace == true
            ? hostName.trimmingCharacters(in: .whitespaces) : hostName
        let lowered = trimmed.lowercased()
        return String(lowered.split(separator: ".", maxSplits: 1).first ?? Substring(lowered))
    }
}
