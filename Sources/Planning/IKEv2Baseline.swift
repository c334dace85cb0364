import EstateModel

/// The IKEv2 security baselines a plan can choose (`--baseline` / `ikev2Baseline`), as six
/// PowerShell values for `Set-VpnServerConfiguration -CustomPolicy`; the client suite is the same
/// values in ProfileXML spelling. Sources: knowledge/always-on-vpn-target-and-peers.md §1.2 (Hicks
/// baselines) and knowledge/ikev2-and-load-balancers.md §A2; CNSA uses the CNSA 1.0 suite
/// (AES-256-GCM, SHA-384, ECDH P-384).
public enum IKEv2Baseline: String, Sendable, CaseIterable {
    case standard, enhanced, cnsa

    /// The server (PowerShell) value of each transform.
    public var serverValues: [IKEv2Transform: String] {
        switch self {
        case .standard:
            [.authenticationTransformConstants: "SHA256128", .cipherTransformConstants: "AES128", .dhGroup: "Group14",
             .encryptionMethod: "AES128", .integrityCheckMethod: "SHA256", .pfsGroup: "PFS2048"]
        case .enhanced:
            [.authenticationTransformConstants: "GCMAES128", .cipherTransformConstants: "GCMAES128", .dhGroup: "Group14",
             .encryptionMethod: "GCMAES128", .integrityCheckMethod: "SHA256", .pfsGroup: "ECP256"]
        case .cnsa:
            [.authenticationTransformConstants: "GCMAES256", .cipherTransformConstants: "GCMAES256", .dhGroup: "ECP384",
             .encryptionMethod: "GCMAES256", .integrityCheckMethod: "SHA384", .pfsGroup: "ECP384"]
        }
    }

    /// The client (ProfileXML CryptographySuite) value of each transform, in CSP order.
    public var profileSuite: [(transform: IKEv2Transform, value: String)] {
        IKEv2Transform.allCases.map { ($0, $0.profileSpelling(ofServerValue: serverValues[$0] ?? "")) }
    }

    /// SA lifetimes both Hicks baselines set: child SA 28800 s, IKE SA 86400 s, rekey at 1,024,000 KB.
    public static let saLifeTimeSeconds = 28800
    public static let mmSALifeTimeSeconds = 86400
    public static let saDataSizeForRenegotiationKilobytes = 1_024_000
}
