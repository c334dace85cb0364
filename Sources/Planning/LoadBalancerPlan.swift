import EstateModel
import RuleAPI

/// What the load balancer change files ask of every virtual address that takes IKEv2, decided
/// once: the change text lists it, the phases claim ``resolvedRuleIds`` from it, and
/// ``PlannedEstate`` applies it to the model for the plan closure test.
///
/// Source NAT is not among the changes the plan proves: removing it needs the VPN servers to
/// route replies back through the load balancer (lb-return-path), which no export shows, so the
/// plan raises IkeNumEstablishedForInitialQuery on the servers instead (lb-snat-registry-workaround)
/// and leaves lb-source-nat open until the routing is done.
enum LoadBalancerPlan {
    /// Persistence timeout the changes set (seconds): an idle timer refreshed by traffic, not
    /// related to the IKE SA lifetime.
    static let persistenceTimeoutSeconds = 3600
    /// The health monitor the changes add where a pool has none: the SSTP check (HTTPS HEAD
    /// /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ answering 401), never ICMP alone.
    static let sstpMonitor = "https /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ (expects 401)"

    /// The load-balancing findings the changes resolve (a test checks each names a real rule).
    static let resolvedRuleIds: Set<String> = [
        "lb-nat-t-port-missing", "lb-port-affinity-missing", "lb-persistence-not-source-ip",
        "lb-persistence-timeout-short", "lb-per-datagram-balancing", "lb-no-health-monitor", "lb-pool-mismatch",
    ]

    /// The balancer as it is once the changes are applied.
    static func applied(to balancer: LoadBalancer) -> LoadBalancer {
        var balancer = balancer
        let evidence = Evidence(file: "plan", location: "load balancer changes", value: "planned")
        var addresses: [String] = []
        for listener in balancer.listeners where isIKE(listener) && !addresses.contains(listener.address) {
            addresses.append(listener.address)
        }
        for address in addresses {
            let ike = balancer.listeners.filter { $0.address == address && $0.accepts(udpPort: 500) }
            let natT = balancer.listeners.filter { $0.address == address && $0.accepts(udpPort: 4500) }
            // Publish the missing port to the same pool.
            if natT.isEmpty, var copy = ike.first {
                copy.name += "-4500"
                copy.portRange = 4500...4500
                balancer.listeners.append(copy)
            } else if ike.isEmpty, var copy = natT.first {
                copy.name += "-500"
                copy.portRange = 500...500
                balancer.listeners.append(copy)
            }
            var poolNames: [String] = []
            for index in balancer.listeners.indices
            where balancer.listeners[index].address == address && isIKE(balancer.listeners[index]) {
                var listener = balancer.listeners[index]
                let timeout = max(listener.persistence?.timeoutSeconds ?? 0, persistenceTimeoutSeconds)
                listener.persistence = Persistence(
                    type: Persistence.sourceAddress, timeoutSeconds: timeout, evidence: evidence)
                listener.affinityGroup = "planned:\(address)"
                if listener.perDatagramBalancing != nil { listener.perDatagramBalancing = Fact(false, evidence) }
                if let pool = listener.poolName, !poolNames.contains(pool) { poolNames.append(pool) }
                balancer.listeners[index] = listener
            }
            // The same members behind UDP 500 and 4500, and a monitor on every pool.
            var members: [PoolMember] = []
            for pool in poolNames.compactMap({ balancer.pool(named: $0) }) {
                for member in pool.members
                where !members.contains(where: { $0.address.lowercased() == member.address.lowercased() }) {
                    members.append(member)
                }
            }
            for index in balancer.pools.indices where poolNames.contains(balancer.pools[index].name) {
                let missing = members.filter { member in
                    !balancer.pools[index].members.contains { $0.address.lowercased() == member.address.lowercased() }
                }
                balancer.pools[index].members += missing
                if balancer.pools[index].monitors.isEmpty { balancer.pools[index].monitors = [sstpMonitor] }
            }
        }
        return balancer
    }

    static func isIKE(_ listener: Listener) -> Bool {
        listener.accepts(udpPort: 500) || listener.accepts(udpPort: 4500)
    }
}
