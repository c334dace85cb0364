import EstateModel
import RuleAPI

/// The `directaccess` module: DirectAccess features that shape the migration to Always On VPN.
public enum DirectAccessRules {
    public static let module = "directaccess"
    public static let all: [any Rule.Type] = [
        DADownlevelClientsRule.self, DANrptDns64Rule.self,
        DAMultisiteRule.self, DADesktopsIncludedRule.self, DATransitionTechnologiesRule.self, DANlsRule.self,
    ]
    static let mapping = PublicSource.daMapping
}

extension Rule {
    /// Runs `check` on every DirectAccess server; `fact` picks the input, absent means not assessed.
    func forEachDirectAccessServer<T>(
        _ estate: Estate, report: inout RuleReport, input: String,
        _ fact: (Server) -> T?, _ check: (Server, T, inout RuleReport) -> Void
    ) {
        for server in estate.directAccessServers {
            guard let value = fact(server) else {
                report.notAssessed(server, "the export does not contain \(input)")
                continue
            }
            check(server, value, &report)
        }
    }
}

extension ExampleEstate {
    /// A DirectAccess server shaped by `configure`.
    static func daServer(_ configure: (inout DirectAccessConfiguration) -> Void) -> Estate {
        server("da01", roles: [.directAccess]) { configure(&$0.directAccess) }
    }
}
