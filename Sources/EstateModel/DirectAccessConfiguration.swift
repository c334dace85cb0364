/// A DirectAccess server's configuration (Get-RemoteAccess, Get-DAServer, Get-DAClient, ...).
public struct DirectAccessConfiguration: Codable, Hashable, Sendable {
    /// `DAStatus` of Get-RemoteAccess: Installed / Uninstalled.
    public var status: Fact<String>?
    /// `DAInstallType`: FullInstall / ManageOut.
    public var installType: Fact<String>?
    /// The public name or address DirectAccess clients connect to.
    public var connectToAddress: Fact<String>?
    /// `UserAuthentication`: TwoFactor / UserPasswd.
    public var userAuthentication: Fact<String>?
    /// `ComputerCertAuthentication`: Enabled / Disabled.
    public var computerCertAuthentication: Fact<String>?
    /// `TeredoState` of the DirectAccess server.
    public var teredoState: Fact<String>?
    /// Client-side IPv6 transition settings from the DirectAccess client GPO (`.reg` export).
    public var transition: TransitionSettings
    public var internalIPv6Prefixes: [Fact<String>]
    public var clientIPv6Prefix: Fact<String>?
    public var client: DirectAccessClientSettings
    public var networkLocationServer: NetworkLocationServer?
    /// Held in memory, or read a page at a time from the store (see ``NrptRuleList``).
    public var nrptRules: NrptRuleList
    public var nrptGlobal: NrptGlobalSettings
    public var entryPoints: [EntryPoint]
    public var multiSite: MultiSite?
    public var otp: OtpAuthentication?
    public var managementServers: [Fact<String>]
    /// The IP-HTTPS URL the server publishes (`Get-NetIPHttpsConfiguration` `ServerURL`): its name
    /// is DirectAccess's, its certificate the one SSTP can reuse.
    public var ipHttpsServerUrl: Fact<String>?

    public init() {
        transition = .init()
        internalIPv6Prefixes = []
        client = .init()
        nrptRules = []
        nrptGlobal = .init()
        entryPoints = []
        managementServers = []
    }
}

/// IPv6 transition technologies pushed to DirectAccess clients.
public struct TransitionSettings: Codable, Hashable, Sendable {
    /// `Teredo_State` (Disabled / Client / Enterprise Client / Default).
    public var teredoState: Fact<String>?
    /// `6to4_State`.
    public var sixToFourState: Fact<String>?
    /// `IPHTTPS_ClientState` (0 default, 2 enabled, 3 disabled) and its URL.
    public var ipHttpsClientState: Fact<Int>?
    public var ipHttpsClientUrl: Fact<String>?
    public init() {}

    /// True when any transition setting was exported.
    public var hasAny: Bool {
        teredoState != nil || sixToFourState != nil || ipHttpsClientState != nil || ipHttpsClientUrl != nil
    }
}

/// Get-DAClient: who receives DirectAccess and how.
public struct DirectAccessClientSettings: Codable, Hashable, Sendable {
    public var securityGroups: [Fact<String>] = []
    public var gpoNames: [Fact<String>] = []
    /// `ForceTunnel` Enabled / Disabled.
    public var forceTunnel: Fact<Bool>?
    /// `OnlyRemoteComputers` Enabled (laptops only, the WMI filter) / Disabled.
    public var onlyRemoteComputers: Fact<Bool>?
    /// `Downlevel` Enabled: Windows 7 clients are supported.
    public var downlevel: Fact<Bool>?
    public var downlevelSecurityGroups: [Fact<String>] = []
    public init() {}
}

/// Get-DANetworkLocationServer.
public struct NetworkLocationServer: Codable, Hashable, Sendable {
    /// `NlsLocation`: DirectAccessServer / ExternalServer.
    public var location: Fact<String>?
    public var url: Fact<String>?
    public init(location: Fact<String>? = nil, url: Fact<String>? = nil) {
        self.location = location
        self.url = url
    }
}

/// One Name Resolution Policy Table rule.
public struct NrptRule: Codable, Hashable, Sendable {
    /// Rule id (`DA-{GUID}` for the DirectAccess wizard's rules) when known.
    public var name: String?
    /// Namespaces: `.corp.example.com`, an FQDN, or `.`.
    public var namespaces: [String]
    /// DirectAccess DNS servers (usually the DNS64 address on the DirectAccess server).
    public var directAccessDnsServers: [String]
    /// Generic DNS servers.
    public var nameServers: [String]
    /// Where the rule came from: GPO policy store, local store, or a cmdlet.
    public var source: String
    public var evidence: Evidence

    public init(
        name: String?, namespaces: [String], directAccessDnsServers: [String], nameServers: [String] = [],
        source: String, evidence: Evidence
    ) {
        self.name = name
        self.namespaces = namespaces
        self.directAccessDnsServers = directAccessDnsServers
        self.nameServers = nameServers
        self.source = source
        self.evidence = evidence
    }

    /// An exemption rule: namespaces sent to the normal DNS, such as the NLS name.
    public var isExemption: Bool { directAccessDnsServers.isEmpty && nameServers.isEmpty }
}

/// Global NRPT settings.
public struct NrptGlobalSettings: Codable, Hashable, Sendable {
    public var enableDAForAllNetworks: Fact<String>?
    public var queryPolicy: Fact<String>?
    public var secureNameQueryFallback: Fact<String>?
    public init() {}
}

/// A multisite entry point (Get-DAEntryPoint).
public struct EntryPoint: Codable, Hashable, Sendable {
    public var name: String
    public var servers: [String]
    public var gslbIp: String?
    public var evidence: Evidence
    public init(name: String, servers: [String], gslbIp: String?, evidence: Evidence) {
        self.name = name
        self.servers = servers
        self.gslbIp = gslbIp
        self.evidence = evidence
    }
}

/// Get-DAMultiSite.
public struct MultiSite: Codable, Hashable, Sendable {
    public var enterpriseName: Fact<String>?
    public var gslbFqdn: Fact<String>?
    /// Where the Get-DAMultiSite object is (it exists only when multisite is enabled).
    public var evidence: Evidence?
    public init(enterpriseName: Fact<String>? = nil, gslbFqdn: Fact<String>? = nil, evidence: Evidence? = nil) {
        self.enterpriseName = enterpriseName
        self.gslbFqdn = gslbFqdn
        self.evidence = evidence
    }
}

/// Get-DAOtpAuthentication.
public struct OtpAuthentication: Codable, Hashable, Sendable {
    public var status: Fact<Bool>
    public var radiusServers: [String]
    public init(status: Fact<Bool>, radiusServers: [String]) {
        self.status = status
        self.radiusServers = radiusServers
    }
}
