import EstateModel

/// Collects the registry values a GPO sets (from its `Registry.pol` or its report's
/// `RegistrySetting`s) into the ``GroupPolicyObject``: every value, the NRPT rules they make
/// (`…\DNSClient\DnsPolicyConfig\<rule>`), the connection security rules
/// (`…\WindowsFirewall\ConSecRules`) and the IPsec sets they name (``IPsecSetValues``); a value
/// whose name says it holds a secret only as present.
struct GroupPolicyValues {
    static let conSecRulesKey = "software\\policies\\microsoft\\windowsfirewall\\consecrules"

    let file: String
    let side: String
    /// How a value's place in the file is written (`offset 8`, `line 12`).
    let place: (Int) -> String
    private var nrpt: [String: [RegEntry]] = [:]
    private var order: [String] = []
    private var ipsecSets = IPsecSetValues()

    init(file: String, side: String, place: @escaping (Int) -> String) {
        self.file = file
        self.side = side
        self.place = place
    }

    /// Adds one value set at `position` (an offset or a line).
    mutating func add(
        key: String, name: String, type: String, value: RegValue, text: String, position: Int,
        to gpo: inout GroupPolicyObject, estate: inout Estate
    ) {
        if RegistryImporter.isSecretName(name) {
            estate.secrets.append(
                SecretPresence(kind: "registry secret \(name)", file: file, location: place(position)))
            return
        }
        let evidence = Evidence(file: file, location: "\(place(position)), [\(key)] \"\(name)\"", value: text)
        gpo.registryValues.append(
            GroupPolicyRegistryValue(side: side, key: key, name: name, type: type, value: text, evidence: evidence))
        let normalised = RegistryImporter.normalise(key)
        if ipsecSets.add(key: key, name: name, value: text, evidence: evidence) { return }
        if normalised.hasPrefix(RegistryImporter.nrptPolicyKey) {
            if nrpt[key] == nil { order.append(key) }
            nrpt[key, default: []].append(RegEntry(key: key, name: name, value: value, raw: text, line: position))
        } else if normalised == Self.conSecRulesKey {
            gpo.connectionSecurityRules.append(Fact(text, evidence))
        }
    }

    /// Turns the NRPT values gathered into the GPO's NRPT rules, one per rule key, in file order.
    func finish(into gpo: inout GroupPolicyObject) {
        gpo.authenticationSets += ipsecSets.authenticationSets()
        gpo.cryptoSets += ipsecSets.cryptoSets()
        for key in order {
            guard
                var rule = RegistryImporter.nrptRule(
                    key: key, entries: nrpt[key] ?? [], file: file, where: { place($0.line) })
            else { continue }
            rule.source = "NRPT policy (GPO \(gpo.label))"
            gpo.nrptRules.append(rule)
        }
    }
}
