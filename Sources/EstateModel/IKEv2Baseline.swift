/// The IKEv2 security baselines (`--baseline`, the plan's `ikev2Baseline`): the one table every
/// recommendation reads. The rules' remediation text, the server scripts' `-CustomPolicy` and the
/// ProfileXML `CryptographySuite` are all built from ``serverValues``, so they cannot disagree.
///
/// Sources: Richard Hicks' `Set-IKEv2VpnSecurityBaseline.ps1` (standard and enhanced, the
/// enhanced one "Requires Windows Server 1803"),
/// https://github.com/richardhicks/aovpn/blob/master/Set-IKEv2VpnSecurityBaseline.ps1 ; the
/// parameter names and values of https://learn.microsoft.com/en-us/powershell/module/remoteaccess/set-vpnserverconfiguration ;
/// CNSA uses the CNSA 1.0 suite (AES-256-GCM, SHA-384, ECDH P-384), RFC 9206.
public enum IKEv2Baseline: String, Sendable, CaseIterable, Codable {
    case standard, enhanced, cnsa

    /// The server (PowerShell) value of each transform.
    public var serverValues: [IKEv2Transform: String] {
        switch self {
        case .standard:
            [
                .authenticationTransformConstants: "SHA256128", .cipherTransformConstants: "AES128",
                .dhGroup: "Group14",
                .encryptionMethod: "AES128", .integrityCheckMethod: "SHA256", .pfsGroup: "PFS2048",
            ]
        case .enhanced:
            [
                .authenticationTransformConstants: "GCMAES128", .cipherTransformConstants: "GCMAES128",
                .dhGroup: "Group14",
                .encryptionMethod: "GCMAES128", .integrityCheckMethod: "SHA256", .pfsGroup: "ECP256",
            ]
        case .cnsa:
            [
                .authenticationTransformConstants: "GCMAES256", .cipherTransformConstants: "GCMAES256",
                .dhGroup: "ECP384",
                .encryptionMethod: "GCMAES256", .integrityCheckMethod: "SHA384", .pfsGroup: "ECP384",
            ]
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

    /// The transforms in the order `Set-VpnServerConfiguration` documents its parameters.
    public static let serverParameterOrder: [IKEv2Transform] = [
        .authenticationTransformConstants, .cipherTransformConstants, .dhGroup, .encryptionMethod,
        .integrityCheckMethod,
        .pfsGroup,
    ]

    /// The lowest Windows Server build the baseline runs on: AES-GCM for the IKE SA
    /// (`EncryptionMethod GCMAES128/256`) arrived in Windows Server 1803 (build 17134). Nil: any
    /// build that has RRAS IKEv2.
    public var minimumServerBuild: Int? {
        serverValues[.encryptionMethod]?.hasPrefix("GCM") == true ? WindowsBuild.server1803 : nil
    }

    /// The whole server command: `Set-VpnServerConfiguration -CustomPolicy ...` with the six
    /// values and the SA lifetimes.
    public var serverCommand: String {
        let values = Self.serverParameterOrder.map { "-\($0.rawValue) \(serverValues[$0] ?? "")" }.joined(
            separator: " ")
        return "Set-VpnServerConfiguration -CustomPolicy \(values) -SALifeTimeSeconds \(Self.saLifeTimeSeconds) "
            + "-MMSALifeTimeSeconds \(Self.mmSALifeTimeSeconds) "
            + "-SADataSizeForRenegotiationKilobytes \(Self.saDataSizeForRenegotiationKilobytes)"
    }

    /// The client suite as ProfileXML elements, in CSP order.
    public var profileSuiteText: String {
        profileSuite.map { "<\($0.transform.rawValue)>\($0.value)</\($0.transform.rawValue)>" }.joined()
    }

    /// What to do on a server to reach this baseline: the command, the matching client suite, and
    /// the OS requirement. `serverBuild` (when known) turns the requirement into a verdict.
    public func remediation(serverBuild: Int? = nil) -> String {
        var text =
            "Apply the \(rawValue) baseline on every RRAS server: \(serverCommand). "
            + "Give every client profile the same suite in ProfileXML spelling: <CryptographySuite>\(profileSuiteText)</CryptographySuite>, "
            + "with NativeProtocolType IKEv2; change servers and clients together (any difference fails with error 13868)."
        if let minimum = minimumServerBuild {
            if let build = serverBuild, build < minimum {
                text +=
                    " This server is build \(build): the \(rawValue) baseline's AES-GCM IKE SA needs Windows Server 1803 (build \(minimum)) or later; upgrade it or choose the standard baseline."
            } else {
                text += " Requires Windows Server 1803 (build \(minimum)) or later for the AES-GCM IKE SA."
            }
        }
        return text
    }

    /// The remediation when no baseline was chosen: each baseline's command, built from the table.
    public static func remediationWithoutChoice() -> String {
        "Choose one IKEv2 baseline (assess --baseline, or ikev2Baseline in the plan file) and apply it to every server and client together. "
            + allCases.map {
                "\($0.rawValue): \($0.serverCommand)\($0.minimumServerBuild.map { _ in " (Windows Server 1803 or later)" } ?? "")"
            }
            .joined(separator: "; ")
            + ". Every client profile carries the same six values as its CryptographySuite with NativeProtocolType IKEv2."
    }
}

/// Windows builds that change what a server can do. One place, with the source of each number.
public enum WindowsBuild {
    /// Windows Server 1803 / Windows 10 1803: IKEv2 fragmentation on RRAS
    /// (`EnableServerFragmentation`) and AES-GCM for the IKE SA. Hicks'
    /// `Enable-VpnServerIKEv2Fragmentation.ps1` refuses to run below 10.0.17134:
    /// https://github.com/richardhicks/aovpn/blob/master/Enable-VpnServerIKEv2Fragmentation.ps1
    public static let server1803 = 17134
    /// Windows Server 2019.
    public static let server2019 = 17763
}
