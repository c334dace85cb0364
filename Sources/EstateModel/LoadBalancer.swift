/// The load balancer products whose configuration the importers read.
public enum LoadBalancerVendor: String, Codable, Hashable, Sendable, CaseIterable {
    case f5 = "F5 BIG-IP"
    case citrix = "Citrix ADC"
    case kemp = "Kemp LoadMaster"
    case nginx = "NGINX"
    case windowsNLB = "Windows NLB"
}

/// One load balancer's configuration in vendor-neutral terms.
public struct LoadBalancer: Codable, Hashable, Sendable {
    public var vendor: LoadBalancerVendor
    /// A name for the device (the configuration file's name when the content gives none).
    public var name: String
    public var listeners: [Listener]
    public var pools: [Pool]
    /// Statements the importer read but does not interpret (listed in the report).
    public var evidence: Evidence

    public init(
        vendor: LoadBalancerVendor, name: String, listeners: [Listener] = [], pools: [Pool] = [], evidence: Evidence
    ) {
        self.vendor = vendor
        self.name = name
        self.listeners = listeners
        self.pools = pools
        self.evidence = evidence
    }

    public func pool(named name: String?) -> Pool? {
        guard let name else { return nil }
        return pools.first { $0.name == name }
    }
}

/// Transport of a listener.
public enum TransportProtocol: String, Codable, Hashable, Sendable {
    case udp, tcp, any
}

/// A virtual server / vserver / virtual service / `listen` / port rule.
public struct Listener: Codable, Hashable, Sendable {
    public var name: String
    /// The virtual address (VIP).
    public var address: String
    /// Port range; `nil`…`nil` is every port (a wildcard listener).
    public var portRange: ClosedRange<Int>?
    public var transport: TransportProtocol
    public var poolName: String?
    public var sourceTranslation: SourceTranslation
    public var persistence: Persistence?
    /// Listeners with the same non-nil affinity group send one client to one member across ports
    /// (a shared persistence table, a deterministic hash over the same members, a port-following
    /// link). Computed by the importer from its vendor's semantics.
    public var affinityGroup: String?
    /// Every datagram balanced on its own (F5 `datagram-load-balancing enabled`).
    public var perDatagramBalancing: Fact<Bool>?
    public var evidence: Evidence

    public init(
        name: String, address: String, portRange: ClosedRange<Int>?, transport: TransportProtocol,
        poolName: String?, sourceTranslation: SourceTranslation, persistence: Persistence? = nil,
        affinityGroup: String? = nil, perDatagramBalancing: Fact<Bool>? = nil, evidence: Evidence
    ) {
        self.name = name
        self.address = address
        self.portRange = portRange
        self.transport = transport
        self.poolName = poolName
        self.sourceTranslation = sourceTranslation
        self.persistence = persistence
        self.affinityGroup = affinityGroup
        self.perDatagramBalancing = perDatagramBalancing
        self.evidence = evidence
    }

    /// True when UDP traffic to `port` reaches this listener.
    public func accepts(udpPort port: Int) -> Bool {
        transport != .tcp && (portRange.map { $0.contains(port) } ?? true)
    }
}

/// What the load balancer does to the client's source address.
public struct SourceTranslation: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// The client address is preserved (transparent).
        case none
        /// Translated to the load balancer's own (self/subnet) address.
        case automap
        /// Translated to a SNAT pool.
        case pool
        /// A full proxy: the server sees the proxy's address.
        case proxy
        /// The configuration does not say (rules that need it are not assessed).
        case unknown
    }
    public var kind: Kind
    public var evidence: Evidence

    public init(_ kind: Kind, _ evidence: Evidence) {
        self.kind = kind
        self.evidence = evidence
    }

    /// True when the load balancer is known to replace the client's address.
    public var translatesSource: Bool { kind == .automap || kind == .pool || kind == .proxy }
    /// False when the configuration does not say what happens to the client's address.
    public var isKnown: Bool { kind != .unknown }
}

/// Persistence (stickiness) of a listener.
public struct Persistence: Codable, Hashable, Sendable {
    /// `source-address` for source-IP persistence; anything else as the vendor names it.
    public var type: String
    public var timeoutSeconds: Int?
    public var mask: String?
    public var evidence: Evidence

    public init(type: String, timeoutSeconds: Int?, mask: String? = nil, evidence: Evidence) {
        self.type = type
        self.timeoutSeconds = timeoutSeconds
        self.mask = mask
        self.evidence = evidence
    }

    public static let sourceAddress = "source-address"
    public var isSourceAddress: Bool { type == Self.sourceAddress }
}

/// A pool / service group / real-server list / upstream.
public struct Pool: Codable, Hashable, Sendable {
    public var name: String
    public var members: [PoolMember]
    /// Health monitors by name as the vendor writes them (`gateway_icmp`, `ping`, `icmp`...).
    public var monitors: [String]
    /// False when the vendor has no active health checks in this configuration (NGINX OSS).
    public var activeChecksAvailable: Bool
    public var evidence: Evidence

    public init(
        name: String, members: [PoolMember], monitors: [String], activeChecksAvailable: Bool = true, evidence: Evidence
    ) {
        self.name = name
        self.members = members
        self.monitors = monitors
        self.activeChecksAvailable = activeChecksAvailable
        self.evidence = evidence
    }

    public var memberAddresses: Set<String> { Set(members.map { $0.address.lowercased() }) }
}

/// A pool member.
public struct PoolMember: Codable, Hashable, Sendable {
    public var address: String
    public var port: Int?
    /// A name given to the member (Citrix `add server NAME`, F5 node name), when any.
    public var name: String?

    public init(address: String, port: Int?, name: String? = nil) {
        self.address = address
        self.port = port
        self.name = name
    }
}

extension Server {
    /// True when a load balancer pool member is this server: by address (Get-NetIPAddress), by
    /// the member's name (F5 node, Citrix server) or by a host name used as the member address.
    public func isMember(_ member: PoolMember) -> Bool {
        if addresses.contains(where: { $0.value.lowercased() == member.address.lowercased() }) { return true }
        if let memberName = member.name, Server.identity(of: memberName) == name { return true }
        let isAddress =
            member.address.contains(":") || member.address.split(separator: ".").allSatisfy { Int($0) != nil }
        return !isAddress && Server.identity(of: member.address) == name
    }
}
