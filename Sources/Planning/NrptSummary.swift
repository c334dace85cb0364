import EstateModel

/// What the plan needs of the DirectAccess NRPT, worked out in one pass over the rules (which may
/// be read a page at a time from the store: they are never copied into one array). Rules read
/// from several sources (cmdlet and registry) that name the same namespaces count once.
struct NrptSummary {
    /// How many rules the mapping shows of each kind.
    static let shown = 25

    /// The namespaces of the rules that are not exemptions, lower-cased, each once, in order.
    private(set) var namespaces: [String] = []
    /// The first distinct rules that are not exemptions, and the first exemptions.
    private(set) var firstRules: [NrptRule] = []
    private(set) var firstExemptions: [NrptRule] = []
    /// How many distinct rules there are of each kind.
    private(set) var ruleCount = 0
    private(set) var exemptionCount = 0

    init(_ rules: some Sequence<NrptRule>) {
        var seenRules = Set<String>()
        var seenNamespaces = Set<String>()
        for rule in rules {
            let key = rule.namespaces.map { $0.lowercased() }.sorted().joined(separator: ",") + "|\(rule.isExemption)"
            guard seenRules.insert(key).inserted else { continue }
            if rule.isExemption {
                exemptionCount += 1
                if firstExemptions.count < Self.shown { firstExemptions.append(rule) }
                continue
            }
            ruleCount += 1
            if firstRules.count < Self.shown { firstRules.append(rule) }
            for namespace in rule.namespaces.map({ $0.lowercased() }) where seenNamespaces.insert(namespace).inserted {
                namespaces.append(namespace)
            }
        }
    }

    /// The estate's DirectAccess NRPT (every DirectAccess server's rules, in order).
    init(estate: Estate) {
        self.init(estate.directAccessServers.lazy.flatMap(\.directAccess.nrptRules))
    }

    /// The DNS suffixes the namespaces name (`.corp.contoso.com` → `corp.contoso.com`).
    var suffixes: [String] {
        namespaces.filter { $0.hasPrefix(".") && $0 != "." }.map { String($0.dropFirst()) }
    }
}
