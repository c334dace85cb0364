import EstateModel

/// A ProfileXML to generate, with the values already decided (or left out as plan gaps).
public struct VpnProfileDraft: Sendable, Equatable {
    public var profileName: String?
    public var deviceTunnel: Bool
    public var dnsSuffix: [String] = []
    public var trustedNetworkDetection: [String] = []
    public var registerDNS = false
    public var servers: [String] = []
    /// `SplitTunnel` or `ForceTunnel`.
    public var routingPolicyType = "SplitTunnel"
    /// The user method (`Eap`) for the user tunnel; nil for the device tunnel.
    public var userMethod: String?
    /// `Certificate` for the device tunnel.
    public var machineMethod: String?
    /// The EapHostConfig document, when the plan gives what it needs.
    public var eapConfiguration: String?
    /// The CryptographySuite in CSP order and spelling; empty when no baseline was chosen.
    public var cryptographySuite: [(transform: IKEv2Transform, value: String)] = []
    public var disableClassBasedDefaultRoute = true
    public var routes: [IPPrefix] = []
    public var domainNameInformation: [(domainName: String, dnsServers: [String])] = []
    /// Notes written as XML comments at the top (plan gaps, choices).
    public var notes: [String] = []

    public init(deviceTunnel: Bool) { self.deviceTunnel = deviceTunnel }

    public static func == (lhs: VpnProfileDraft, rhs: VpnProfileDraft) -> Bool {
        lhs.profileName == rhs.profileName && lhs.deviceTunnel == rhs.deviceTunnel && lhs.dnsSuffix == rhs.dnsSuffix
            && lhs.servers == rhs.servers && lhs.routingPolicyType == rhs.routingPolicyType
            && lhs.cryptographySuite.map(\.value) == rhs.cryptographySuite.map(\.value) && lhs.routes == rhs.routes
            && lhs.domainNameInformation.map(\.domainName) == rhs.domainNameInformation.map(\.domainName)
            && lhs.domainNameInformation.map(\.dnsServers) == rhs.domainNameInformation.map(\.dnsServers)
    }
}
