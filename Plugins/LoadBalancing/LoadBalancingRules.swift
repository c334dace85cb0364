import EstateModel
import RuleAPI

/// The `load-balancing` module: whether the load balancer in front of RRAS keeps IKEv2 working.
public enum LoadBalancingRules {
    public static let module = "load-balancing"
    public static let all: [any Rule.Type] = [
        LBSourceNatRule.self, LBNatTPortMissingRule.self, LBPortAffinityMissingRule.self,
        LBPersistenceNotSourceIPRule.self, LBPoolMismatchRule.self, LBPersistenceTimeoutShortRule.self,
        LBPerDatagramBalancingRule.self, LBNoHealthMonitorRule.self, LBIcmpMonitorFirewallRule.self,
        LBSnatRegistryWorkaroundRule.self, LBReturnPathRule.self,
    ]
    static let principles = PublicSource.hicksLoadBalancingNat
    static let seed = PublicSource.hicksError809
}

/// The IKE listeners of one virtual address: what clients reach on UDP 500 and 4500.
struct IKEService {
    let loadBalancer: LoadBalancer
    let address: String
    let ike: [Listener]
    let natT: [Listener]

    var listeners: [Listener] {
        var result = ike
        for listener in natT where !result.contains(listener) { result.append(listener) }
        return result
    }

    /// "F5 BIG-IP bigip (203.0.113.10)".
    var scope: String { "\(loadBalancer.vendor.rawValue) \(loadBalancer.name) \(address)" }

    func pools(_ listeners: [Listener]) -> [Pool] { listeners.compactMap { loadBalancer.pool(named: $0.poolName) } }
}

extension Estate {
    /// Every virtual address of every load balancer that takes UDP 500 or 4500.
    var ikeServices: [IKEService] {
        loadBalancers.flatMap { balancer -> [IKEService] in
            var order: [String] = []
            var byAddress: [String: [Listener]] = [:]
            for listener in balancer.listeners where listener.accepts(udpPort: 500) || listener.accepts(udpPort: 4500) {
                if byAddress[listener.address] == nil { order.append(listener.address) }
                byAddress[listener.address, default: []].append(listener)
            }
            return order.map { address in
                let listeners = byAddress[address] ?? []
                return IKEService(
                    loadBalancer: balancer, address: address, ike: listeners.filter { $0.accepts(udpPort: 500) },
                    natT: listeners.filter { $0.accepts(udpPort: 4500) })
            }
        }
    }

    /// The imported servers that are members of `pools`.
    func servers(behind pools: [Pool]) -> [Server] {
        let members = pools.flatMap(\.members)
        return servers.filter { server in members.contains { server.isMember($0) } }
    }
}

extension Rule {
    /// Runs `check` on every IKE service. Without any load balancer configuration, a deployment of
    /// several VPN servers is not assessed (its load balancer was not exported); a single server
    /// needs none.
    func forEachIKEService(_ estate: Estate, report: inout RuleReport, _ check: (IKEService, inout RuleReport) -> Void)
    {
        guard !estate.loadBalancers.isEmpty else {
            for deployment in estate.deployments {
                let vpnServers = deployment.serverNames.compactMap { estate.server(named: $0) }.filter {
                    $0.roles.contains(.vpn)
                }
                if vpnServers.count > 1 {
                    let said =
                        vpnServers.compactMap(\.loadBalancing).first.map { " (Remote Access reports: \($0.value))" }
                        ?? ""
                    report.notAssessed(
                        scope: deployment.name,
                        "\(vpnServers.count) VPN servers share \(deployment.name) but no load balancer configuration was imported\(said)"
                    )
                }
            }
            return
        }
        for service in estate.ikeServices { check(service, &report) }
    }
}

extension ExampleEstate {
    /// A UDP listener for examples.
    static func listener(
        _ name: String, port: Int?, pool: String?, snat: SourceTranslation.Kind = .none,
        persistence: Persistence? = sourceIP(3600), affinity: String? = "shared",
        perDatagram: Bool? = nil, address: String = "203.0.113.10"
    ) -> Listener {
        Listener(
            name: name, address: address, portRange: port.map { $0...$0 }, transport: .udp, poolName: pool,
            sourceTranslation: SourceTranslation(snat, evidence("snat \(snat)")), persistence: persistence,
            affinityGroup: affinity, perDatagramBalancing: perDatagram.map { fact($0) },
            evidence: evidence("\(name) \(address):\(port ?? 0)"))
    }

    static func sourceIP(_ timeout: Int?) -> Persistence {
        Persistence(type: Persistence.sourceAddress, timeoutSeconds: timeout, evidence: evidence("source-addr"))
    }

    static func pool(
        _ name: String, _ addresses: [String] = ["10.0.10.11", "10.0.10.12"], monitors: [String] = ["tcp"]
    ) -> Pool {
        Pool(
            name: name, members: addresses.map { PoolMember(address: $0, port: nil) }, monitors: monitors,
            evidence: evidence(name))
    }

    /// A correct two-listener F5 setup, shaped by `configure`.
    static func balancer(
        _ vendor: LoadBalancerVendor = .f5, servers: [Server] = [],
        _ configure: (inout LoadBalancer) -> Void = { _ in }
    ) -> Estate {
        var balancer = LoadBalancer(
            vendor: vendor, name: "lb01",
            listeners: [listener("vs500", port: 500, pool: "p500"), listener("vs4500", port: 4500, pool: "p4500")],
            pools: [pool("p500"), pool("p4500")], evidence: evidence("lb01"))
        configure(&balancer)
        return Estate(servers: servers, loadBalancers: [balancer])
    }
}
