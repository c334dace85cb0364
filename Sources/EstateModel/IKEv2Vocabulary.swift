/// The values of the six IKEv2 transforms in the three places Windows spells them: PowerShell
/// (`Set-VpnServerConfiguration`, `Set-VpnConnectionIPsecConfiguration`) and ProfileXML
/// `CryptographySuite`, which spells two values differently (`SHA196` for `SHA1`, `AES_GCM_128`
/// for `GCMAES128`). Sources: https://learn.microsoft.com/en-us/powershell/module/remoteaccess/set-vpnserverconfiguration and https://learn.microsoft.com/en-us/windows/client-management/mdm/vpnv2-csp
public enum IKEv2Vocabulary {
    /// A value normalised to PowerShell's spelling, upper case: `AES_GCM_128` → `GCMAES128`.
    public static func normalised(_ value: String) -> String {
        let upper = value.uppercased().replacingOccurrences(of: "-", with: "_")
        switch upper {
        case "AES_GCM_128": return "GCMAES128"
        case "AES_GCM_256": return "GCMAES256"
        case "AES_GCM_192": return "GCMAES192"
        default: return upper
        }
    }

    /// A value normalised for comparing a client suite with a server policy: `SHA196` under
    /// IntegrityCheckMethod is PowerShell's `SHA1`.
    public static func comparable(_ value: String, transform: IKEv2Transform) -> String {
        let value = normalised(value)
        if transform == .integrityCheckMethod, value == "SHA196" { return "SHA1" }
        return value
    }

    public static let encryption: Set<String> = ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES256"]
    public static let cipher: Set<String> = [
        "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256", "NONE",
    ]
    public static let integrity: Set<String> = ["MD5", "SHA1", "SHA196", "SHA256", "SHA384"]
    public static let auth: Set<String> = [
        "MD596", "SHA196", "SHA256128", "GCMAES128", "GCMAES192", "GCMAES256", "NONE",
    ]
    public static let dh: Set<String> = ["NONE", "GROUP1", "GROUP2", "GROUP14", "ECP256", "ECP384", "GROUP24"]
    public static let pfs: Set<String> = ["NONE", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFSMM", "PFS24"]

    /// The PowerShell values of one transform (upper case).
    public static func values(of transform: IKEv2Transform) -> Set<String> {
        switch transform {
        case .authenticationTransformConstants: auth
        case .cipherTransformConstants: cipher
        case .pfsGroup: pfs
        case .dhGroup: dh
        case .integrityCheckMethod: integrity
        case .encryptionMethod: encryption
        }
    }

    public static let weakEncryption: Set<String> = ["DES", "DES3", "NONE"]
    public static let weakIntegrity: Set<String> = ["MD5", "SHA1", "SHA196", "MD596"]
    public static let weakDH: Set<String> = ["NONE", "GROUP1", "GROUP2", "GROUP24"]
    public static let weakPfs: Set<String> = ["NONE", "PFS1", "PFS2", "PFS24"]
}

/// The six transforms of an IKEv2 policy, in ProfileXML `CryptographySuite` order (the XSD order
/// Intune enforces on Windows 11).
public enum IKEv2Transform: String, CaseIterable, Codable, Hashable, Sendable {
    case authenticationTransformConstants = "AuthenticationTransformConstants"
    case cipherTransformConstants = "CipherTransformConstants"
    case pfsGroup = "PfsGroup"
    case dhGroup = "DHGroup"
    case integrityCheckMethod = "IntegrityCheckMethod"
    case encryptionMethod = "EncryptionMethod"

    /// The values the VPNv2 CSP accepts in ProfileXML, spelled exactly as the CSP wants them.
    public var profileValues: [String] {
        switch self {
        case .authenticationTransformConstants: ["MD596", "SHA196", "SHA256128", "GCMAES128", "GCMAES192", "GCMAES256"]
        case .cipherTransformConstants:
            ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"]
        case .encryptionMethod: ["DES", "DES3", "AES128", "AES192", "AES256", "AES_GCM_128", "AES_GCM_256"]
        case .integrityCheckMethod: ["MD5", "SHA196", "SHA256", "SHA384"]
        case .dhGroup: ["Group1", "Group2", "Group14", "ECP256", "ECP384", "Group24"]
        case .pfsGroup: ["PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFSMM", "PFS24"]
        }
    }

    /// A PowerShell (server) value spelled as ProfileXML wants it: `GCMAES128` → `AES_GCM_128`
    /// for EncryptionMethod, `SHA1` → `SHA196` for IntegrityCheckMethod.
    public func profileSpelling(ofServerValue value: String) -> String {
        let upper = IKEv2Vocabulary.normalised(value)
        switch (self, upper) {
        case (.encryptionMethod, "GCMAES128"): return "AES_GCM_128"
        case (.encryptionMethod, "GCMAES256"): return "AES_GCM_256"
        case (.integrityCheckMethod, "SHA1"): return "SHA196"
        default: return profileValues.first { $0.uppercased() == upper } ?? value
        }
    }
}
