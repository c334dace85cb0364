import EstateModel

/// Gathers the registry values of the IPsec authentication and cryptographic sets a GPO writes
/// (MS-GPFAS 2.2.4 and 2.2.5) and builds the sets from them:
/// `…\WindowsFirewall\Phase1AuthenticationSets\<id>\<suite>` (values `Method`, `CAName`,
/// `HealthCert`; the pre-shared key `SHKey` is a secret and never reaches here),
/// `…\Phase2AuthenticationSets\…`, `…\Phase1CryptoSet(s)\<id>\<suite>` (`Encryption`, `Hash`,
/// `KeyExchange`) and `…\Phase2CryptoSets\<id>\<suite>` (`Protocol`, `Encryption`, `EspHash`,
/// `AhHash`). The specification spells the key names both with and without the final `s`; both
/// are read. A suite value written again for a newer grammar (`2_1Hash` beside `Hash`) wins.
struct IPsecSetValues {
    static let firewallKey = "software\\policies\\microsoft\\windowsfirewall\\"

    enum Kind: Hashable { case authentication, crypto }

    struct SetKey: Hashable {
        var kind: Kind
        var phase: Int
        var id: String
    }

    private struct Gathered {
        var name: String?
        var evidence: Evidence
        /// Suite index → lowered value name → (value, evidence).
        var suites: [Int: [String: (String, Evidence)]] = [:]
    }

    private var sets: [SetKey: Gathered] = [:]
    private var order: [SetKey] = []

    /// Records one value; false when `key` is not under a set key.
    mutating func add(key: String, name: String, value: String, evidence: Evidence) -> Bool {
        let normalised = RegistryImporter.normalise(key)  // no hive, lower case
        guard normalised.hasPrefix(Self.firewallKey) else { return false }
        let parts = key.suffix(normalised.count).dropFirst(Self.firewallKey.count).split(separator: "\\").map(
            String.init)
        guard parts.count >= 2, let (kind, phase) = Self.setKind(parts[0]) else { return false }
        let setKey = SetKey(kind: kind, phase: phase, id: parts[1])
        if sets[setKey] == nil {
            sets[setKey] = Gathered(evidence: evidence)
            order.append(setKey)
        }
        if parts.count == 2 {
            if name.lowercased() == "name", !value.isEmpty { sets[setKey]?.name = value }
        } else if let suite = Int(parts[2]) {
            sets[setKey]?.suites[suite, default: [:]][name.lowercased()] = (value, evidence)
        }
        return true
    }

    /// `Phase1AuthenticationSets` → (authentication, 1); nil for any other firewall key.
    static func setKind(_ component: String) -> (Kind, Int)? {
        var name = component.lowercased()
        if name.hasSuffix("s") { name.removeLast() }
        switch name {
        case "phase1authenticationset": return (.authentication, 1)
        case "phase2authenticationset": return (.authentication, 2)
        case "phase1cryptoset": return (.crypto, 1)
        case "phase2cryptoset": return (.crypto, 2)
        default: return nil
        }
    }

    /// The authentication sets, in the order the file first names them.
    func authenticationSets() -> [IPsecAuthenticationSet] {
        order.filter { $0.kind == .authentication }.compactMap { key in
            guard let gathered = sets[key] else { return nil }
            let suites = gathered.suites.keys.sorted().compactMap { index -> IPsecAuthenticationSuite? in
                let values = gathered.suites[index] ?? [:]
                guard let (method, evidence) = values["method"] else { return nil }
                return IPsecAuthenticationSuite(
                    method: method, certificationAuthority: values["caname"]?.0,
                    healthCertificate: values["healthcert"]?.0.lowercased() == "true", evidence: evidence)
            }
            return IPsecAuthenticationSet(
                id: key.id, phase: key.phase, name: gathered.name, suites: suites, evidence: gathered.evidence)
        }
    }

    /// The cryptographic sets, in the order the file first names them.
    func cryptoSets() -> [IPsecCryptoSet] {
        order.filter { $0.kind == .crypto }.compactMap { key in
            guard let gathered = sets[key] else { return nil }
            let suites = gathered.suites.keys.sorted().compactMap { index -> IPsecCryptoSuite? in
                let values = gathered.suites[index] ?? [:]
                guard let evidence = values.sorted(by: { $0.key < $1.key }).first?.value.1 else { return nil }
                return Self.cryptoSuite(phase: key.phase, values: values.mapValues(\.0), evidence: evidence)
            }
            return IPsecCryptoSet(
                id: key.id, phase: key.phase, name: gathered.name, suites: suites, evidence: gathered.evidence)
        }
    }

    /// A suite from its values by lowered name (`encryption`, `2_1encryption`, `esphash` …).
    static func cryptoSuite(phase: Int, values: [String: String], evidence: Evidence) -> IPsecCryptoSuite {
        /// The value of `field` in its newest spelling: `2_1hash` beats `hash`.
        func newest(_ field: String) -> String? {
            let candidates = values.filter { name, _ in
                name == field
                    || (name.hasSuffix(field) && name.dropLast(field.count).allSatisfy { $0.isNumber || $0 == "_" })
            }
            return candidates.max { $0.key.count == $1.key.count ? $0.key < $1.key : $0.key.count < $1.key.count }?
                .value
        }
        return IPsecCryptoSuite(
            protocolName: newest("protocol"), encryption: newest("encryption"),
            integrity: phase == 1 ? newest("hash") : newest("esphash"),
            ahIntegrity: phase == 2 ? newest("ahhash") : nil,
            keyExchange: newest("keyexchange"), evidence: evidence)
    }
}
