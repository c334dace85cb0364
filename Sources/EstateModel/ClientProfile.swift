import Foundation

/// An Always On VPN client profile found in the export: a ProfileXML file (from Intune, a client's
/// `Get-VpnClientProfileXml`, or an administrator's share) or a `Get-VpnConnection` object.
public struct ClientProfile: Codable, Hashable, Sendable {
    /// Where the profile was read from.
    public enum Source: String, Codable, Hashable, Sendable {
        case profileXML = "ProfileXML"
        case vpnConnection = "Get-VpnConnection"
    }

    /// `ProfileName`, the connection's `Name`, or the file name.
    public var name: String
    public var source: Source
    /// The file and the line of the profile's root element (or object).
    public var evidence: Evidence
    public var deviceTunnel: Fact<Bool>?
    public var alwaysOn: Fact<Bool>?
    public var registerDNS: Fact<Bool>?
    /// `DnsSuffix`: comma-separated, the first is the primary suffix.
    public var dnsSuffix: Fact<String>?
    /// `TrustedNetworkDetection`: comma-separated DNS suffixes of the corporate network.
    public var trustedNetworkDetection: Fact<String>?
    /// `NativeProfile/Servers`, one fact per server name (`name;friendly` keeps only the name).
    public var servers: [Fact<String>]
    /// `SplitTunnel` or `ForceTunnel`.
    public var routingPolicyType: Fact<String>?
    /// `IKEv2`, `SSTP`, `Automatic`, `L2TP`, `PPTP`.
    public var nativeProtocolType: Fact<String>?
    /// `Authentication/UserMethod` (`Eap`, `MSChapv2`).
    public var userMethod: Fact<String>?
    /// `Authentication/MachineMethod` (`Certificate`).
    public var machineMethod: Fact<String>?
    /// `Authentication/Eap/Configuration`: the EAP method and how it validates the server; nil
    /// when the profile carries no EAP configuration (or the source cannot show it).
    public var eap: EapSettings?
    public var disableClassBasedDefaultRoute: Fact<Bool>?
    /// `CryptographySuite` (ProfileXML) or `IPSecCustomPolicy` (Get-VpnConnection); nil when absent.
    public var cryptographySuite: CryptographySuite?
    /// `Route` elements; nil when the source cannot say (Get-VpnConnection exports).
    public var routes: [ProfileRoute]?
    /// `DomainNameInformation` elements (the client NRPT).
    public var domainNameInformation: [DomainNameInformation]
    /// `Proxy` (its AutoConfigUrl or Manual server).
    public var proxy: Fact<String>?
    /// Every element of the profile whose value is a boolean, as written (for spelling checks).
    public var booleanSettings: [Fact<String>]
    /// Problems found when validating the file against the project's ProfileXML schema.
    public var schemaProblems: [Evidence]

    public init(name: String, source: Source, evidence: Evidence) {
        self.name = name
        self.source = source
        self.evidence = evidence
        servers = []
        domainNameInformation = []
        booleanSettings = []
        schemaProblems = []
    }

    /// True for a device tunnel profile.
    public var isDeviceTunnel: Bool { deviceTunnel?.value == true }

    /// The scope findings about this profile are reported under.
    public var scope: String { "profile \(name) (\(evidence.file))" }
}

/// The EAP configuration of a profile (`EapHostConfig`), as far as the NPS side must match it.
public struct EapSettings: Codable, Hashable, Sendable {
    /// `EapHostConfig/EapMethod/Type`: 13 EAP-TLS, 25 PEAP, 26 EAP-MSCHAPv2.
    public var method: Fact<Int>
    /// The inner method types inside PEAP (`Config/Eap/EapType/Eap/Type`), e.g. 13 for PEAP-TLS.
    public var innerMethods: [Int]
    /// `PerformServerValidation` of the outer method (`PeapExtensions` for PEAP); nil when not
    /// written (Windows then validates).
    public var performServerValidation: Fact<Bool>?
    /// `ServerValidation/TrustedRootCA` thumbprints of the outer method (spaces removed, upper-case).
    public var trustedRootCAs: [String]
    /// `ServerValidation/ServerNames` of the outer method.
    public var serverNames: Fact<String>?
    /// The `ServerValidation` element (or the method's `EapType` when it has none).
    public var serverValidationEvidence: Evidence

    public init(
        method: Fact<Int>, innerMethods: [Int] = [], performServerValidation: Fact<Bool>? = nil,
        trustedRootCAs: [String] = [], serverNames: Fact<String>? = nil, serverValidationEvidence: Evidence
    ) {
        self.method = method
        self.innerMethods = innerMethods
        self.performServerValidation = performServerValidation
        self.trustedRootCAs = trustedRootCAs
        self.serverNames = serverNames
        self.serverValidationEvidence = serverValidationEvidence
    }
}

/// The six IKEv2 transforms of a client profile, as written.
public struct CryptographySuite: Codable, Hashable, Sendable {
    public var values: [IKEv2Transform: Fact<String>]
    /// Where the suite itself is (the `CryptographySuite` element or `IPSecCustomPolicy` property).
    public var evidence: Evidence

    public init(values: [IKEv2Transform: Fact<String>] = [:], evidence: Evidence) {
        self.values = values
        self.evidence = evidence
    }

    public subscript(transform: IKEv2Transform) -> Fact<String>? { values[transform] }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encoded as an object keyed by transform name (`{"EncryptionMethod": {...}, ..., "evidence": {...}}`),
    /// which plugins and rule packs read naturally.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (transform, fact) in values { try container.encode(fact, forKey: Key(stringValue: transform.rawValue)) }
        try container.encode(evidence, forKey: Key(stringValue: "evidence"))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        evidence = try container.decode(Evidence.self, forKey: Key(stringValue: "evidence"))
        values = [:]
        for transform in IKEv2Transform.allCases {
            values[transform] = try container.decodeIfPresent(
                Fact<String>.self, forKey: Key(stringValue: transform.rawValue))
        }
    }
}

/// A `Route` of a ProfileXML.
public struct ProfileRoute: Codable, Hashable, Sendable {
    public var address: String
    public var prefixSize: Int?
    public var exclusionRoute: Bool
    public var evidence: Evidence

    public init(address: String, prefixSize: Int?, exclusionRoute: Bool = false, evidence: Evidence) {
        self.address = address
        self.prefixSize = prefixSize
        self.exclusionRoute = exclusionRoute
        self.evidence = evidence
    }
}

/// A `DomainNameInformation` of a ProfileXML: one client NRPT rule.
public struct DomainNameInformation: Codable, Hashable, Sendable {
    /// `.suffix`, an FQDN, or `.` for every name.
    public var domainName: String
    public var dnsServers: [String]
    public var evidence: Evidence

    public init(domainName: String, dnsServers: [String], evidence: Evidence) {
        self.domainName = domainName
        self.dnsServers = dnsServers
        self.evidence = evidence
    }
}

extension NrptRule {
    /// True when the rule's namespaces cover `name` (`.corp.example.com` covers every name below
    /// it, an FQDN namespace covers itself, `.` covers everything). Case-insensitive.
    public func covers(_ name: String) -> Bool {
        let host = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return namespaces.contains { raw in
            let namespace = raw.lowercased()
            if namespace == "." { return true }
            if namespace.hasPrefix(".") {
                let suffix = String(namespace.dropFirst())
                return host == suffix || host.hasSuffix(namespace)
            }
            return host == namespace.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
    }
}
