import EstateModel
import RuleAPI

/// The estate as it would be once the plan's server scripts and load balancer changes have been
/// applied: the input of the plan closure test, which assesses it again and checks that every
/// finding the plan says it resolves is gone and that no new finding appears.
public enum PlannedEstate {
    /// Applies the plan's server and load balancer state to `estate`. Servers the plan names but
    /// the export lacks are added as the scripts leave them.
    public static func after(_ plan: MigrationPlan, on estate: Estate) -> Estate {
        var result = estate
        for serverPlan in plan.serverPlans {
            if let index = result.servers.firstIndex(where: { $0.name == Server.identity(of: serverPlan.name) }) {
                result.servers[index] = serverPlan.applied(to: result.servers[index])
            } else {
                let fqdn = serverPlan.name.contains(".") ? serverPlan.name.lowercased() : nil
                result.servers.append(
                    serverPlan.applied(
                        to: Server(name: Server.identity(of: serverPlan.name), fqdn: fqdn, roles: [.vpn])))
            }
        }
        if !plan.loadBalancerChanges.isEmpty {
            result.loadBalancers = result.loadBalancers.map(LoadBalancerPlan.applied)
        }
        return result
    }

    /// Every rule id the plan's artifacts may claim to resolve (for the test that each is real).
    public static var declaredRuleIds: Set<String> {
        ServerPlan.declaredRuleIds.union(LoadBalancerPlan.resolvedRuleIds)
    }
}
