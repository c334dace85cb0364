/// The machine around the remote-access role, as a server's collection shows it (Hicks'
/// RasData files): installed features, Active Directory site, default routes, network and
/// firewall profiles, processors, connections at export time, accounting, and the Remote Access
/// health monitors that were not OK. Facts for reports, rule packs and plugins.
public struct ServerInventory: Codable, Hashable, Sendable {
    /// `Get-WindowsFeature` names installed (`DirectAccess-VPN`, `Routing`, `NPAS`, …).
    public var installedFeatures: Fact<[String]>?
    /// `nltest /dsgetsite`.
    public var activeDirectorySite: Fact<String>?
    /// Default routes (`0.0.0.0/0`, `::/0`): `next hop (ifIndex N)`, one fact each.
    public var defaultRoutes: [Fact<String>] = []
    /// Routes in the exported tables (IPv4 and IPv6).
    public var routeCount: Int?
    /// `Get-NetConnectionProfile`: `InterfaceAlias: NetworkCategory`, one per connected interface.
    public var networkCategories: [Fact<String>] = []
    /// `Get-NetFirewallProfile -PolicyStore ActiveStore`: `Name: Enabled`, one per profile.
    public var firewallProfiles: [Fact<String>] = []
    /// Adapter bindings shown disabled (`Get-NetAdapterBinding`): `Adapter: ComponentID`.
    public var disabledBindings: [Fact<String>] = []
    /// `Win32_Processor`: logical processors in all sockets.
    public var logicalProcessors: Fact<Int>?
    /// `Get-RemoteAccessConnectionStatistics | Measure-Object`: connections at export time.
    public var activeConnections: Fact<Int>?
    /// `Get-RemoteAccessAccounting`: `RadiusAccountingStatus` and `InboxAccountingStatus`.
    public var radiusAccounting: Fact<String>?
    public var inboxAccounting: Fact<String>?
    /// `Get-RemoteAccessHealth` components whose state is not OK: `Component: HealthState`.
    public var unhealthyComponents: [Fact<String>] = []

    public init() {}

    mutating func merge(_ other: ServerInventory) {
        installedFeatures = other.installedFeatures ?? installedFeatures
        activeDirectorySite = other.activeDirectorySite ?? activeDirectorySite
        defaultRoutes += other.defaultRoutes
        routeCount = other.routeCount.map { $0 + (routeCount ?? 0) } ?? routeCount
        networkCategories += other.networkCategories
        firewallProfiles += other.firewallProfiles
        disabledBindings += other.disabledBindings
        logicalProcessors = other.logicalProcessors ?? logicalProcessors
        activeConnections = other.activeConnections ?? activeConnections
        radiusAccounting = other.radiusAccounting ?? radiusAccounting
        inboxAccounting = other.inboxAccounting ?? inboxAccounting
        unhealthyComponents += other.unhealthyComponents
    }
}
