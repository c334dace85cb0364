/// An IPsec authentication set of Windows Firewall with Advanced Security as a GPO writes it
/// (MS-GPFAS 2.2.4: `…\WindowsFirewall\Phase1AuthenticationSets\<id>\<suite>` in `Registry.pol`,
/// `Phase1AuthenticationSets`/`Phase2AuthenticationSets` in a GPO report). A connection security
/// rule names its sets by id (`Auth1Set`, `Auth2Set`).
public struct IPsecAuthenticationSet: Codable, Hashable, Sendable {
    /// The set's id (`wszSetId`, a GUID in braces).
    public var id: String
    /// 1 (main mode, first authentication) or 2 (second authentication).
    public var phase: Int
    public var name: String?
    /// The methods offered, in preference order.
    public var suites: [IPsecAuthenticationSuite]
    public var evidence: Evidence

    public init(id: String, phase: Int, name: String? = nil, suites: [IPsecAuthenticationSuite], evidence: Evidence) {
        self.id = id
        self.phase = phase
        self.name = name
        self.suites = suites
        self.evidence = evidence
    }
}

/// One method of an authentication set (MS-GPFAS 2.2.4.6): `MachineCert`, `MachineKerb`,
/// `MachineNtlm`, `MachineSHKey` (a pre-shared key), `Anonymous` in phase 1; `UserKerb`,
/// `UserNtlm`, `UserCert`, `MachineCert`, `Anonymous` in phase 2.
public struct IPsecAuthenticationSuite: Codable, Hashable, Sendable {
    public var method: String
    /// The certification authority a certificate method requires (`CAName`).
    public var certificationAuthority: String?
    /// True for a health certificate (NAP) requirement (`HealthCert`).
    public var healthCertificate: Bool
    public var evidence: Evidence

    public init(
        method: String, certificationAuthority: String? = nil, healthCertificate: Bool = false, evidence: Evidence
    ) {
        self.method = method
        self.certificationAuthority = certificationAuthority
        self.healthCertificate = healthCertificate
        self.evidence = evidence
    }

    /// A pre-shared key (its value is a secret and is never read).
    public var isPresharedKey: Bool { method.lowercased() == "machineshkey" }
    /// NTLMv2 of the computer (phase 1) or of the user or computer account (phase 2).
    public var isNtlm: Bool { method.lowercased().hasSuffix("ntlm") }
    public var isAnonymous: Bool { method.lowercased() == "anonymous" }
}

/// An IPsec cryptographic set (MS-GPFAS 2.2.5: `…\WindowsFirewall\Phase1CryptoSet(s)\<id>\<suite>`
/// for main mode, `…\Phase2CryptoSets\<id>\<suite>` for quick mode). A connection security rule
/// names its quick mode set by id (`Crypto2Set`).
public struct IPsecCryptoSet: Codable, Hashable, Sendable {
    public var id: String
    /// 1 (main mode) or 2 (quick mode).
    public var phase: Int
    public var name: String?
    /// The proposals, in preference order.
    public var suites: [IPsecCryptoSuite]
    public var evidence: Evidence

    public init(id: String, phase: Int, name: String? = nil, suites: [IPsecCryptoSuite], evidence: Evidence) {
        self.id = id
        self.phase = phase
        self.name = name
        self.suites = suites
        self.evidence = evidence
    }
}

/// One proposal of a cryptographic set, in MS-GPFAS tokens (`AES-256`, `3DES`, `SHA1`, `DH2`).
/// Where a suite carries both a value and its newer-version spelling (`Hash` and `2_1Hash`), the
/// newer one is what current Windows applies and is kept.
public struct IPsecCryptoSuite: Codable, Hashable, Sendable {
    /// Quick mode: `ESP`, `AH`, `AH&ESP`.
    public var protocolName: String?
    public var encryption: String?
    /// The integrity algorithm: main mode `Hash`, quick mode `EspHash`.
    public var integrity: String?
    /// Quick mode `AhHash`.
    public var ahIntegrity: String?
    /// Main mode `KeyExchange` (`DH1`, `DH2`, `DH14`, `ECDH256` …).
    public var keyExchange: String?
    public var evidence: Evidence

    public init(
        protocolName: String? = nil, encryption: String? = nil, integrity: String? = nil, ahIntegrity: String? = nil,
        keyExchange: String? = nil, evidence: Evidence
    ) {
        self.protocolName = protocolName
        self.encryption = encryption
        self.integrity = integrity
        self.ahIntegrity = ahIntegrity
        self.keyExchange = keyExchange
        self.evidence = evidence
    }

    /// The algorithms of this proposal that the project's baseline calls weak (DES, 3DES, MD5,
    /// SHA-1, Diffie-Hellman groups 1 and 2), each as the suite spells it. The judgement is
    /// ``IKEv2Vocabulary``'s, so IPsec and IKEv2 advice never disagree.
    public var weakAlgorithms: [String] {
        var weak: [String] = []
        if let encryption, IKEv2Vocabulary.weakEncryption.contains(Self.ikeSpelling(encryption)) {
            weak.append(encryption)
        }
        for hash in [integrity, ahIntegrity].compactMap({ $0 })
        where IKEv2Vocabulary.weakIntegrity.contains(Self.ikeSpelling(hash)) {
            weak.append(hash)
        }
        if let keyExchange, IKEv2Vocabulary.weakDH.contains(Self.ikeSpelling(keyExchange)) {
            weak.append(keyExchange)
        }
        return weak
    }

    /// An MS-GPFAS token in IKEv2Vocabulary's spelling: `3DES` → `DES3`, `DH2` → `GROUP2`.
    static func ikeSpelling(_ token: String) -> String {
        let upper = token.uppercased()
        if upper == "3DES" { return "DES3" }
        if upper.hasPrefix("DH"), let group = Int(upper.dropFirst(2)) { return "GROUP\(group)" }
        return upper
    }
}
