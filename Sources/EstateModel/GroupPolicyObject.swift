/// A Group Policy object found in the export (a GPMC backup or SYSVOL copy: `Registry.pol` and
/// `bkupInfo.xml`), with what it writes that the migration cares about. A DirectAccess GPO is
/// recognised from its content (DirectAccess NRPT rules, IPsec tunnel rules), never its name.
public struct GroupPolicyObject: Codable, Hashable, Sendable {
    /// The GPO's GUID (`{…}`, upper-case) from `bkupInfo.xml`; the folder's GUID when the bundle
    /// has no manifest (in a GPMC backup that is the backup's id, not the GPO's).
    public var id: String
    /// `GPODisplayName`, when the bundle has the backup manifest.
    public var name: String?
    public var domain: String?
    /// Where the identity was read.
    public var evidence: Evidence
    /// Registry policy values the GPO sets, after the file's own deletions (secrets left out).
    public var registryValues: [GroupPolicyRegistryValue]
    /// NRPT rules it writes (`…\DNSClient\DnsPolicyConfig\<rule>`).
    public var nrptRules: [NrptRule]
    /// Connection security rules (`…\WindowsFirewall\ConSecRules`), each as written (`v2.x|Key=Value|…`).
    public var connectionSecurityRules: [Fact<String>]
    /// Where it is linked (`LinksTo` of a GPO report).
    public var links: [GroupPolicyLink] = []
    /// Trustees with *Apply Group Policy* (security filtering), by name.
    public var securityFiltering: [Fact<String>] = []
    /// True when the export showed the GPO's permissions (a report's `SecurityDescriptor/Permissions`):
    /// only then does an empty ``securityFiltering`` mean that the GPO applies to no one.
    public var permissionsRead: Bool = false
    /// The WMI filter's name (`FilterName`), when one is set.
    public var wmiFilter: Fact<String>?
    /// The computer and user halves: version in Active Directory and in SYSVOL, and enabled.
    public var computer: GroupPolicySide?
    public var user: GroupPolicySide?
    /// Administrative Templates policies it sets: `Category/Name: State`.
    public var administrativeTemplates: [Fact<String>] = []
    /// IPsec authentication sets its connection security rules name (`Auth1Set`, `Auth2Set`).
    public var authenticationSets: [IPsecAuthenticationSet] = []
    /// IPsec cryptographic sets (main mode, quick mode: `Crypto2Set`).
    public var cryptoSets: [IPsecCryptoSet] = []

    public init(id: String, name: String? = nil, domain: String? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.domain = domain
        self.evidence = evidence
        registryValues = []
        nrptRules = []
        connectionSecurityRules = []
    }

    /// How findings name it: its display name and GUID.
    public var label: String { name.map { "\($0) \(id)" } ?? id }

    /// DirectAccess NRPT rules: a DirectAccess DNS server, or ConfigOptions' DirectAccess bit (0x4).
    public var directAccessNrptRules: [NrptRule] { nrptRules.filter { !$0.directAccessDnsServers.isEmpty } }

    /// IPsec tunnel-mode connection security rules (a tunnel endpoint: `RTunnel4/6`, `LTunnel4/6`).
    public var tunnelRules: [Fact<String>] {
        connectionSecurityRules.filter { ConnectionSecurityRule.parse($0.value)?.isTunnel == true }
    }

    /// The authentication set `id` of `phase`, when the GPO defines it (ids compare case-insensitively).
    public func authenticationSet(_ id: String, phase: Int) -> IPsecAuthenticationSet? {
        authenticationSets.first { $0.phase == phase && $0.id.lowercased() == id.lowercased() }
    }

    /// The cryptographic set `id` of `phase`, when the GPO defines it.
    public func cryptoSet(_ id: String, phase: Int) -> IPsecCryptoSet? {
        cryptoSets.first { $0.phase == phase && $0.id.lowercased() == id.lowercased() }
    }

    /// True when its content is DirectAccess's: DirectAccess NRPT rules or IPsec tunnel rules.
    public var isDirectAccess: Bool { !directAccessNrptRules.isEmpty || !tunnelRules.isEmpty }

    /// True for the DirectAccess client GPO: DirectAccess NRPT rules, or tunnels whose remote
    /// endpoint is the DirectAccess server (`RTunnel4/6`).
    public var isDirectAccessClientPolicy: Bool {
        !directAccessNrptRules.isEmpty
            || tunnelRules.contains { ConnectionSecurityRule.parse($0.value)?.remoteTunnelEndpoints.isEmpty == false }
    }

    /// True for a DirectAccess server GPO: tunnels that end on the computer itself (`LTunnel4/6`)
    /// and no client content.
    public var isDirectAccessServerPolicy: Bool { isDirectAccess && !isDirectAccessClientPolicy }

    /// Adds what another export of the same GPO says (its `Registry.pol` and its report show the
    /// same values: each is kept once, from the export read first).
    mutating func merge(_ other: GroupPolicyObject) {
        name = name ?? other.name
        domain = domain ?? other.domain
        for value in other.registryValues
        where !registryValues.contains(where: {
            $0.side == value.side && $0.key.lowercased() == value.key.lowercased()
                && $0.name.lowercased() == value.name.lowercased()
        }) {
            registryValues.append(value)
        }
        for rule in other.nrptRules
        where !nrptRules.contains(where: { $0.name == rule.name && $0.namespaces == rule.namespaces }) {
            nrptRules.append(rule)
        }
        // The same rule from Registry.pol (a string) and from a report (rebuilt from its elements)
        // may list its tokens in another order: a rule is the same when its tokens are.
        func identity(_ text: String) -> [String] {
            ConnectionSecurityRule.parse(text).map { $0.tokens.map { "\($0.key)=\($0.value)".lowercased() }.sorted() }
                ?? [text]
        }
        var known = Set(connectionSecurityRules.map { identity($0.value) })
        for rule in other.connectionSecurityRules where known.insert(identity(rule.value)).inserted {
            connectionSecurityRules.append(rule)
        }
        links = links.isEmpty ? other.links : links
        securityFiltering = securityFiltering.isEmpty ? other.securityFiltering : securityFiltering
        permissionsRead = permissionsRead || other.permissionsRead
        wmiFilter = wmiFilter ?? other.wmiFilter
        computer = computer ?? other.computer
        user = user ?? other.user
        administrativeTemplates =
            administrativeTemplates.isEmpty ? other.administrativeTemplates : administrativeTemplates
        for set in other.authenticationSets where authenticationSet(set.id, phase: set.phase) == nil {
            authenticationSets.append(set)
        }
        for set in other.cryptoSets where cryptoSet(set.id, phase: set.phase) == nil {
            cryptoSets.append(set)
        }
    }
}

/// A link of a GPO to a site, domain or OU (`LinksTo`).
public struct GroupPolicyLink: Codable, Hashable, Sendable {
    /// `SOMPath`, e.g. `corp.contoso.com/Workstations/Laptops`.
    public var path: String
    public var enabled: Bool
    /// `NoOverride` (enforced).
    public var enforced: Bool
    public var evidence: Evidence

    public init(path: String, enabled: Bool, enforced: Bool, evidence: Evidence) {
        self.path = path
        self.enabled = enabled
        self.enforced = enforced
        self.evidence = evidence
    }
}

/// The computer or user half of a GPO: its version in Active Directory (`VersionDirectory`) and in
/// SYSVOL (`VersionSysvol`; a difference means the GPO has not replicated), and whether it is enabled.
public struct GroupPolicySide: Codable, Hashable, Sendable {
    public var versionDirectory: Int
    public var versionSysvol: Int
    public var enabled: Bool
    public var evidence: Evidence

    public init(versionDirectory: Int, versionSysvol: Int, enabled: Bool, evidence: Evidence) {
        self.versionDirectory = versionDirectory
        self.versionSysvol = versionSysvol
        self.enabled = enabled
        self.evidence = evidence
    }
}

/// One registry value a GPO sets.
public struct GroupPolicyRegistryValue: Codable, Hashable, Sendable {
    /// `Machine` (HKLM) or `User` (HKCU), from the file's folder.
    public var side: String
    /// Key path without hive, as written.
    public var key: String
    public var name: String
    /// `REG_SZ`, `REG_DWORD`, … as the file types it.
    public var type: String
    /// The value as text (strings as written, numbers in decimal, binary as hex).
    public var value: String
    public var evidence: Evidence

    public init(side: String, key: String, name: String, type: String, value: String, evidence: Evidence) {
        self.side = side
        self.key = key
        self.name = name
        self.type = type
        self.value = value
        self.evidence = evidence
    }
}
