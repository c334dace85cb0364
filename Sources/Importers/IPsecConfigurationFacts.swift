import EstateModel

/// The RRAS IPsec configuration (ports, lifetimes, the IKEv2 policy) from named facts, whatever
/// export carried them: `Get-VpnServerConfiguration` as CLIXML (property names) or
/// `Get-VpnServerIPsecConfiguration` as formatted text (display names such as `SALifeTime(s)`).
/// One mapping, so both exports give the same facts.
struct IPsecConfigurationFacts {
    /// The fact of a property, by any of the names an export uses for it (case-insensitive).
    let string: ([String]) -> Fact<String>?
    /// The number of a property; throws when it is shown but is not a number (formatted text).
    let int: ([String]) throws -> Fact<Int>?

    /// Maps into `vpn`. `customWithoutFlag` says whether the policy is custom when the export
    /// shows no `CustomPolicy` (the CLIXML type name, or transforms shown in formatted text).
    func map(into vpn: inout VpnConfiguration, customWithoutFlag: () -> Fact<Bool>) throws {
        let ports: [([String], TunnelProtocol)] = [
            (["Ikev2Ports"], .ikev2), (["SstpPorts"], .sstp), (["L2tpPorts"], .l2tp), (["GrePorts"], .gre),
        ]
        for (names, tunnel) in ports {
            guard let count = try int(names) else { continue }
            vpn.ports.removeAll { $0.tunnel == tunnel }
            vpn.ports.append(
                WanPortAllocation(
                    tunnel: tunnel, maxPorts: count.value, remoteAccessEnabled: nil, evidence: count.evidence))
        }
        let isCustom: Fact<Bool>
        if let custom = string(["CustomPolicy"]), let value = Self.boolean(custom.value) {
            isCustom = Fact(value, custom.evidence)
        } else {
            isCustom = customWithoutFlag()
        }
        var policy = IKEv2Policy(isCustom: isCustom)
        if isCustom.value {
            // The property names are the transforms' raw values.
            for transform in IKEv2Transform.allCases {
                let fact = string([transform.rawValue])
                switch transform {
                case .encryptionMethod: policy.encryptionMethod = fact
                case .integrityCheckMethod: policy.integrityCheckMethod = fact
                case .cipherTransformConstants: policy.cipherTransformConstants = fact
                case .authenticationTransformConstants: policy.authenticationTransformConstants = fact
                case .dhGroup: policy.dhGroup = fact
                case .pfsGroup: policy.pfsGroup = fact
                }
            }
        }
        vpn.ikev2Policy = policy
        vpn.saLifetimeSeconds = try int(["SALifeTime", "SALifeTimeSeconds", "SALifeTime(s)"])
        vpn.mainModeSALifetimeSeconds = try int(["MMSALifeTime", "MMSALifeTimeSeconds", "MMSALifeTime(s)"])
        vpn.saDataSizeKilobytes = try int([
            "SADataSizeForRenegotiation", "SADataSizeForRenegotiationKilobytes", "SADataSizeForRenegotiation(KB)",
        ])
    }

    /// `True`/`False` as PowerShell prints booleans, or the RemoteAccess provider's Enabled/Disabled.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "enabled", "enable", "yes", "1": true
        case "false", "disabled", "disable", "no", "0": false
        default: nil
        }
    }
}
