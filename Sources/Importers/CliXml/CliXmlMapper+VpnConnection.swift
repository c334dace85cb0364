import EstateModel

extension CliXmlMapper {
    /// A client VPN connection (`Get-VpnConnection [-AllUserConnection]`, class `VpnConnection` in
    /// root/Microsoft/Windows/RemoteAccess/Client) as a client profile. Its routes are not in the
    /// object's usual export, so they stay unknown; `IPSecCustomPolicy` (capital S, also read as
    /// `IPsecCustomPolicy`) is the custom IKEv2 suite, absent when the defaults apply.
    func vpnConnectionProfile(_ facts: ObjectFacts) -> ClientProfile {
        let name = facts.string("Name")?.value ?? serverHint
        var profile = ClientProfile(
            name: name, source: .vpnConnection,
            evidence: Evidence(file: file, location: "line \(facts.object.line), VpnConnection", value: name))
        let servers = facts.strings("ServerList").isEmpty ? facts.strings("ServerAddress") : facts.strings("ServerList")
        profile.servers = servers.flatMap { fact in
            fact.value.split(separator: ",").map {
                Fact(String($0.split(separator: ";").first ?? $0).trimmedWhitespace, fact.evidence)
            }
        }
        if let split = facts.bool("SplitTunneling") {
            profile.routingPolicyType = split.map { $0 ? "SplitTunnel" : "ForceTunnel" }
        }
        if let tunnel = facts.string("TunnelType") {
            let spelled = ["ikev2": "IKEv2", "sstp": "SSTP", "l2tp": "L2TP", "pptp": "PPTP", "automatic": "Automatic"]
            profile.nativeProtocolType = tunnel.map { spelled[$0.lowercased()] ?? $0 }
        }
        let methods = facts.strings("AuthenticationMethod")
        if let eap = methods.first(where: { $0.value.lowercased() == "eap" }) {
            profile.userMethod = eap.map { _ in "Eap" }
        }
        if let mschap = methods.first(where: { $0.value.lowercased() == "mschapv2" }), profile.userMethod == nil {
            profile.userMethod = mschap.map { _ in "MSChapv2" }
        }
        if let certificate = methods.first(where: { $0.value.lowercased() == "machinecertificate" }) {
            profile.machineMethod = certificate.map { _ in "Certificate" }
        }
        profile.dnsSuffix = facts.string("DnsSuffix")
        profile.alwaysOn = facts.bool("IsAutoTriggerEnabled")
        let policy =
            facts.embeddedList("IPSecCustomPolicy").first ?? facts.embedded("IPSecCustomPolicy")
            ?? facts.embeddedList("IPsecCustomPolicy").first ?? facts.embedded("IPsecCustomPolicy")
        if let policy {
            var values: [IKEv2Transform: Fact<String>] = [:]
            for transform in IKEv2Transform.allCases { values[transform] = policy.string(transform.rawValue) }
            profile.cryptographySuite = CryptographySuite(
                values: values,
                evidence: Evidence(
                    file: file, location: "line \(policy.object.line), \(policy.path)", value: "IPSecCustomPolicy"))
        }
        return profile
    }
}
