/// The VPN tunnel protocols of RRAS (WAN miniports).
public enum TunnelProtocol: String, Codable, Hashable, Sendable, CaseIterable {
    case ikev2 = "IKEv2"
    case sstp = "SSTP"
    case l2tp = "L2TP"
    case pptp = "PPTP"
    case gre = "GRE"
    case pppoe = "PPPoE"
}

/// How many ports RRAS offers for one protocol, and whether they accept remote-access calls.
public struct WanPortAllocation: Codable, Hashable, Sendable {
    public var tunnel: TunnelProtocol
    public var maxPorts: Int
    /// `rasinonly` (netsh) — nil when the source does not say (Get-VpnServerConfiguration).
    public var remoteAccessEnabled: Bool?
    public var evidence: Evidence

    public init(tunnel: TunnelProtocol, maxPorts: Int, remoteAccessEnabled: Bool?, evidence: Evidence) {
        self.tunnel = tunnel
        self.maxPorts = maxPorts
        self.remoteAccessEnabled = remoteAccessEnabled
        self.evidence = evidence
    }

    /// True when clients can connect with this protocol.
    public var acceptsClients: Bool { maxPorts > 0 && remoteAccessEnabled != false }
}

/// The IKEv2 IPsec policy of an RRAS server (Get-VpnServerConfiguration).
public struct IKEv2Policy: Codable, Hashable, Sendable {
    /// True when `-CustomPolicy` is set; false means Windows' default proposals.
    public var isCustom: Fact<Bool>
    public var encryptionMethod: Fact<String>?
    public var integrityCheckMethod: Fact<String>?
    public var cipherTransformConstants: Fact<String>?
    public var authenticationTransformConstants: Fact<String>?
    public var dhGroup: Fact<String>?
    public var pfsGroup: Fact<String>?

    public init(isCustom: Fact<Bool>) { self.isCustom = isCustom }

    /// The value of one transform.
    public subscript(transform: IKEv2Transform) -> Fact<String>? {
        switch transform {
        case .authenticationTransformConstants: authenticationTransformConstants
        case .cipherTransformConstants: cipherTransformConstants
        case .pfsGroup: pfsGroup
        case .dhGroup: dhGroup
        case .integrityCheckMethod: integrityCheckMethod
        case .encryptionMethod: encryptionMethod
        }
    }

    /// The six transform values, in the order Set-VpnServerConfiguration documents them.
    public var transforms: [(name: String, fact: Fact<String>?)] {
        [
            ("EncryptionMethod", encryptionMethod), ("IntegrityCheckMethod", integrityCheckMethod),
            ("CipherTransformConstants", cipherTransformConstants),
            ("AuthenticationTransformConstants", authenticationTransformConstants),
            ("DHGroup", dhGroup), ("PfsGroup", pfsGroup),
        ]
    }
}

/// A RADIUS server used by RRAS or DirectAccess OTP. The shared secret itself is never kept.
public struct RadiusServer: Codable, Hashable, Sendable {
    public var address: String
    /// Authentication, Accounting or Otp.
    public var purpose: String
    public var port: Int?
    /// True when the export carried a shared secret (its value was discarded).
    public var sharedSecretPresent: Bool
    public var evidence: Evidence

    public init(address: String, purpose: String, port: Int?, sharedSecretPresent: Bool, evidence: Evidence) {
        self.address = address
        self.purpose = purpose
        self.port = port
        self.sharedSecretPresent = sharedSecretPresent
        self.evidence = evidence
    }
}

/// An RRAS static IPv4 address pool.
public struct AddressPool: Codable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var evidence: Evidence
    public init(from: String, to: String, evidence: Evidence) {
        self.from = from
        self.to = to
        self.evidence = evidence
    }
}

/// RRAS VPN configuration.
public struct VpnConfiguration: Codable, Hashable, Sendable {
    /// `VpnStatus` of Get-RemoteAccess: Installed / Uninstalled.
    public var status: Fact<String>?
    public var ports: [WanPortAllocation]
    public var ikev2Policy: IKEv2Policy?
    /// Child SA lifetime (s), IKE SA lifetime (s), data size for renegotiation (KB).
    public var saLifetimeSeconds: Fact<Int>?
    public var mainModeSALifetimeSeconds: Fact<Int>?
    public var saDataSizeKilobytes: Fact<Int>?
    /// User authentication protocols accepted (Get-VpnAuthProtocol `UserAuthProtocolAccepted`).
    public var userAuthProtocolsAccepted: Fact<[String]>?
    /// PPP authentication types enabled (`netsh ras add authtype`).
    public var pppAuthTypes: Fact<[String]>?
    /// `netsh ras set ikev2connection idletimeout= nwoutagetime=` (minutes).
    public var ikev2IdleTimeoutMinutes: Fact<Int>?
    public var ikev2NetworkOutageMinutes: Fact<Int>?
    /// `netsh ras set ikev2saexpiry saexpirytime= sadatasizelimit=`.
    public var ikev2SAExpiryMinutes: Fact<Int>?
    public var ikev2SADataSizeLimitMB: Fact<Int>?
    public var addressPools: [AddressPool]
    public var radiusServers: [RadiusServer]
    /// `netsh ras aaaa set authentication provider =`: `windows` (NPS on this server) or `radius`.
    public var authenticationProvider: Fact<String>?
    /// True when an L2TP/IPsec pre-shared key is configured (the key itself is never kept).
    public var l2tpPresharedKeyPresent: Fact<Bool>?
    /// Get-VpnAuthProtocol `RootCertificateNameToAccept`: the thumbprint of the root CA whose
    /// machine certificates the server accepts (the device tunnel); "" when the export shows it
    /// unset (any trusted root is accepted). The certificate is in `Estate.certificates`.
    public var rootCertificateToAccept: Fact<String>?
    /// Get-VpnAuthProtocol `CertificateAdvertised`: the thumbprint of the certificate the server
    /// presents to IKEv2 clients; "" when unset (RRAS picks one from its store).
    public var certificateAdvertised: Fact<String>?

    public init() {
        ports = []
        addressPools = []
        radiusServers = []
    }

    /// True when users are authenticated by remote RADIUS servers, false when by Windows (NPS on
    /// the server itself); nil when the export cannot say. Without the provider line, listed
    /// authentication servers mean RADIUS.
    public var usesRadiusAuthentication: Bool? {
        switch authenticationProvider?.value.lowercased() {
        case "radius": true
        case "windows": false
        default: radiusServers.contains { $0.purpose == "Authentication" } ? true : nil
        }
    }

    /// The port allocation of one protocol (the last source read wins).
    public func ports(for tunnel: TunnelProtocol) -> WanPortAllocation? {
        ports.last { $0.tunnel == tunnel }
    }

    /// Every user authentication method the server accepts, from both sources, upper-cased.
    public var acceptedAuthentication: [Fact<String>] {
        var result: [Fact<String>] = []
        for source in [userAuthProtocolsAccepted, pppAuthTypes].compactMap({ $0 }) {
            for method in source.value { result.append(Fact(method.uppercased(), source.evidence)) }
        }
        return result
    }
}

/// Registry values read from `.reg` exports of a server. A key that was exported with a value
/// missing means Windows' default applies; a key that was not exported means "not known".
public struct ServerRegistry: Codable, Hashable, Sendable {
    /// Registry keys present in the exports (normalised, without hive prefix), lower-cased.
    public var exportedKeys: Set<String>
    /// Where each exported key was found (file and line of its `[key]` header).
    public var keyEvidence: [String: Evidence] = [:]
    /// `IKEEXT\Parameters\IkeNumEstablishedForInitialQuery`.
    public var ikeNumEstablishedForInitialQuery: Fact<Int>?
    /// `RemoteAccess\Parameters\Ikev2\EnableServerFragmentation`.
    public var enableServerFragmentation: Fact<Int>?
    /// `RemoteAccess\Parameters\Ikev2\CertAuthFlags`.
    public var certAuthFlags: Fact<Int>?
    /// `SstpSvc\Parameters\SHA256CertificateHash` present.
    public var sstpCertificateHashPresent: Fact<Bool>?
    /// The SSTP listener's certificate: `SstpSvc\Parameters\SHA1CertificateHash` (its thumbprint)
    /// and `SHA256CertificateHash`, upper-case hex.
    public var sstpCertificateSHA1: Fact<String>?
    public var sstpCertificateSHA256: Fact<String>?
    /// `SstpSvc\Parameters\NoCertRevocationCheck`.
    public var sstpNoCertRevocationCheck: Fact<Int>?
    /// `SOFTWARE\Policies\Microsoft\Cryptography\AutoEnrollment\AEPolicy`: certificate
    /// auto-enrolment by Group Policy (7: enrol, renew and update; 0 or absent: not configured).
    public var autoEnrollmentPolicy: Fact<Int>?

    public init() { exportedKeys = [] }

    public static let ikeextParameters = "system\\currentcontrolset\\services\\ikeext\\parameters"
    public static let remoteAccessIkev2 = "system\\currentcontrolset\\services\\remoteaccess\\parameters\\ikev2"
    public static let sstpParameters = "system\\currentcontrolset\\services\\sstpsvc\\parameters"
    public static let autoEnrollment = "software\\policies\\microsoft\\cryptography\\autoenrollment"

    /// Values known present or absent one by one, without their whole key (`key\valuename`,
    /// lower-case): a `Get-ItemProperty | Select-Object Name` export shows one value of a key.
    public var exportedValues: Set<String>?

    public func exported(_ key: String) -> Bool { exportedKeys.contains(key) }

    /// True when the export says whether `value` of `key` is set: the whole key was exported, or
    /// that one value was.
    public func exported(_ key: String, value: String) -> Bool {
        exportedKeys.contains(key) || exportedValues?.contains("\(key)\\\(value.lowercased())") == true
    }

    /// Records that the export shows `value` of `key` (set or not), with where it shows it.
    public mutating func recordExported(_ key: String, value: String, evidence: Evidence) {
        exportedValues = (exportedValues ?? []).union(["\(key)\\\(value.lowercased())"])
        if keyEvidence[key] == nil { keyEvidence[key] = evidence }
    }

    /// Evidence that `key` was exported (empty when it was not).
    public func evidence(ofKey key: String) -> [Evidence] { keyEvidence[key].map { [$0] } ?? [] }
}
