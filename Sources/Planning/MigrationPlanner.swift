import EstateModel
import RuleAPI

/// Builds the ``MigrationPlan`` of an environment from its estate, its latest findings and the
/// plan settings. It decides nothing the plan file or the export does not say: what is missing is
/// a ``PlanGap``. Sources: Microsoft's migration guidance
/// (https://learn.microsoft.com/en-us/windows-server/remote/remote-access/da-always-on-vpn-migration/da-always-on-migration-deploy),
/// the DirectAccess → Always On VPN mapping (https://learn.microsoft.com/en-us/windows-server/remote/remote-access/vpn/vpn-map-da)
/// and the VPNv2 CSP (https://learn.microsoft.com/en-us/windows/client-management/mdm/vpnv2-csp).
public struct MigrationPlanner: Sendable {
    public var environment: String
    public var estate: Estate
    /// Findings of the latest assessment (only active ones: fired and not excepted).
    public var findings: [Finding]
    public var settings: PlanSettings
    public var generator: String

    public init(environment: String, estate: Estate, findings: [Finding], settings: PlanSettings, generator: String) {
        self.environment = environment
        self.estate = estate
        self.findings = findings.filter(\.isActive)
        self.settings = settings
        self.generator = generator
    }

    public func plan() -> MigrationPlan {
        var gaps = GapList()
        let directAccess = estate.directAccessServers.map(\.directAccess)
        let nrpt = NrptSummary(estate: estate)
        let namespaces = nrpt.namespaces
        let forceTunnel = directAccess.compactMap(\.client.forceTunnel).first
        let routing =
            settings.routing.map { $0 == .force ? "ForceTunnel" : "SplitTunnel" }
            ?? (forceTunnel?.value == true ? "ForceTunnel" : "SplitTunnel")

        // Values every profile needs.
        if settings.vpnServers.isEmpty {
            gaps.add(
                "vpnServers", "the public name clients connect to (the VPN needs its own name beside DirectAccess)",
                ["ProfileXML-User.xml", "ProfileXML-Device.xml"])
        }
        if settings.dnsServers.isEmpty && !namespaces.isEmpty {
            gaps.add(
                "dnsServers",
                "internal IPv4 DNS servers that replace DirectAccess's DNS64 for \(namespaces.count) NRPT namespace(s)",
                ["ProfileXML-User.xml"])
        }
        if settings.dnsSuffix.isEmpty {
            gaps.add(
                "dnsSuffix", "the connection's DNS suffix (first = primary)",
                ["ProfileXML-User.xml", "ProfileXML-Device.xml"])
        }
        if settings.trustedNetworkSuffix == nil {
            gaps.add(
                "trustedNetworkSuffix",
                "the DNS suffix of the corporate LAN, which replaces the network location server",
                ["ProfileXML-User.xml", "ProfileXML-Device.xml"])
        }
        if routing == "SplitTunnel" && settings.routes.isEmpty {
            gaps.add("routes", "the internal IPv4 prefixes sent through the split tunnel", ["ProfileXML-User.xml"])
        }
        if settings.ikev2Baseline == nil {
            gaps.add(
                "ikev2Baseline",
                "the IKEv2 baseline (standard, enhanced or cnsa) for the CryptographySuite and the servers' -CustomPolicy",
                ["ProfileXML-User.xml", "ProfileXML-Device.xml", "servers/*.ps1"])
        }
        if settings.userAuthentication == nil {
            gaps.add("userAuthentication", "how users authenticate (peap-tls or eap-tls)", ["ProfileXML-User.xml"])
        }
        if settings.certificates.rootCAThumbprint == nil {
            gaps.add(
                "certificates.rootCAThumbprint",
                "the root CA the clients trust for NPS and the servers accept for device certificates",
                ["ProfileXML-User.xml", "servers/*.ps1"])
        }
        if settings.certificates.npsServers.isEmpty {
            gaps.add(
                "certificates.npsServers", "the NPS server names the client validates (EAP)", ["ProfileXML-User.xml"])
        }
        if settings.deviceTunnel == nil {
            gaps.add(
                "deviceTunnel.enabled", "whether to build a device tunnel (DirectAccess's infrastructure tunnel)",
                ["ProfileXML-Device.xml"])
        } else if settings.deviceTunnel?.enabled == true && settings.deviceTunnel?.routes.isEmpty == true {
            gaps.add(
                "deviceTunnel.routes", "host routes to domain controllers and management servers for the device tunnel",
                ["ProfileXML-Device.xml"])
        }

        let user = userProfile(routing: routing, namespaces: namespaces, gaps: gaps)
        let device = settings.deviceTunnel?.enabled == true ? deviceProfile(gaps: gaps) : nil
        let scripts = ServerScriptWriter(settings: settings, findings: findings, estate: estate, generator: generator)
        let scriptTargets = scriptServers()
        if scriptTargets.isEmpty {
            let shared = estate.vpnServers.filter { $0.roles.contains(.directAccess) }.map(\.displayName)
            gaps.add(
                "rrasServers",
                shared.isEmpty
                    ? "the RRAS servers to configure (the export has none)"
                    : "the RRAS servers to configure: the export's RRAS servers (\(shared.joined(separator: ", "))) also run DirectAccess, which must not share a server with the Always On VPN service",
                ["servers/*.ps1"])
        }
        if settings.expectedConnections == nil
            && (!estate.loadBalancers.isEmpty || findings.contains { $0.module == "load-balancing" })
        {
            gaps.add(
                "expectedConnections",
                "concurrent connections per server, to size IkeNumEstablishedForInitialQuery behind the load balancer",
                ["servers/*.ps1"])
        }
        let serverPlans = scriptTargets.map {
            ServerPlan(name: $0, estate: estate, settings: settings, behindLoadBalancer: scripts.behindLoadBalancer)
        }
        let serverScripts = serverPlans.map {
            ServerScript(server: $0.name, path: "servers/\(Self.fileName($0.name)).ps1", text: scripts.script(for: $0))
        }
        let changes = LoadBalancerChangeWriter(estate: estate, findings: findings, generator: generator).changes()
        let mapping = DirectAccessMapping(estate: estate, settings: settings, routing: routing, nrpt: nrpt).rows()
        let phases = PhasePlanner(
            estate: estate, findings: findings, settings: settings,
            userArtifacts: ["ProfileXML-User.xml"], deviceArtifacts: device == nil ? [] : ["ProfileXML-Device.xml"],
            serverArtifacts: serverScripts.map(\.path), loadBalancerArtifacts: changes.map(\.path),
            serverPlans: serverPlans
        ).phases()
        return MigrationPlan(
            environment: environment, settings: settings, mapping: mapping, gaps: gaps.gaps,
            userProfile: user, deviceProfile: device, serverScripts: serverScripts,
            loadBalancerChanges: changes, phases: phases, serverPlans: serverPlans)
    }

    private func userProfile(routing: String, namespaces: [String], gaps: GapList) -> VpnProfileDraft {
        var draft = VpnProfileDraft(deviceTunnel: false)
        draft.profileName = settings.profileName
        draft.servers = settings.vpnServers
        draft.dnsSuffix = settings.dnsSuffix
        draft.trustedNetworkDetection = settings.trustedNetworkSuffix.map { [$0] } ?? []
        draft.routingPolicyType = routing
        draft.userMethod = "Eap"
        if let method = settings.userAuthentication, let root = settings.certificates.rootCAThumbprint,
            !settings.certificates.npsServers.isEmpty
        {
            draft.eapConfiguration = ProfileXMLWriter.eapConfiguration(
                method, npsServers: settings.certificates.npsServers, rootThumbprint: root)
        }
        draft.cryptographySuite = settings.ikev2Baseline?.profileSuite ?? []
        draft.routes = routing == "SplitTunnel" ? settings.routes.compactMap(IPPrefix.init) : []
        // DirectAccess's NRPT namespaces, now resolved by the internal DNS servers (never DNS64).
        // DirectAccess force tunnelling adds a rule for "." (every name); on a split tunnel it would
        // send every DNS query to the corporate servers, so it is never carried over there.
        let carried = routing == "SplitTunnel" ? namespaces.filter { $0 != "." } : namespaces
        draft.domainNameInformation = carried.map { ($0, settings.dnsServers) }
        draft.notes = gaps.notes(for: "ProfileXML-User.xml")
        if carried.count < namespaces.count {
            draft.notes.append(
                "DirectAccess's NRPT rule for '.' (force tunnelling) is not carried over: on this split tunnel it would send every DNS query to the corporate DNS servers."
            )
        }
        return draft
    }

    private func deviceProfile(gaps: GapList) -> VpnProfileDraft {
        var draft = VpnProfileDraft(deviceTunnel: true)
        draft.servers = settings.vpnServers
        draft.dnsSuffix = settings.dnsSuffix
        draft.trustedNetworkDetection = settings.trustedNetworkSuffix.map { [$0] } ?? []
        draft.registerDNS = true  // on the device tunnel only (manage-out), per knowledge §1.3 #5
        draft.routingPolicyType = "SplitTunnel"
        draft.machineMethod = "Certificate"
        draft.cryptographySuite = settings.ikev2Baseline?.profileSuite ?? []
        draft.routes = (settings.deviceTunnel?.routes ?? []).compactMap(IPPrefix.init)
        draft.notes = gaps.notes(for: "ProfileXML-Device.xml")
        return draft
    }

    /// The RRAS servers to script: the plan's, else the export's RRAS servers that do not also run
    /// DirectAccess (the two must not share a server; knowledge §2.2).
    private func scriptServers() -> [String] {
        guard settings.rrasServers.isEmpty else { return settings.rrasServers }
        return estate.vpnServers.filter { !$0.roles.contains(.directAccess) }.map(\.displayName)
    }

    static func fileName(_ server: String) -> String {
        String(server.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
    }

}

func orderedUnique(_ values: [String]) -> [String] { values.orderedUnique }

/// Plan gaps in the order found, with the notes each artifact carries.
struct GapList {
    private(set) var gaps: [PlanGap] = []

    mutating func add(_ key: String, _ reason: String, _ affects: [String]) {
        gaps.append(PlanGap(key: key, reason: reason, affects: affects))
    }

    func notes(for artifact: String) -> [String] {
        gaps.filter { $0.affects.contains(artifact) }.map {
            "PLAN GAP \($0.key): \($0.reason). Set it in the plan file and run 'aovpn-advisor plan' again."
        }
    }
}
