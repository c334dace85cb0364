import EstateModel

extension CliXmlMapper {
    /// DAServerConfiguration (Get-DAServer), or the same names flattened on Get-RemoteAccess.
    /// Facts already set by a more specific object are kept.
    func mapServerConfiguration(_ facts: ObjectFacts, into da: inout DirectAccessConfiguration) {
        da.installType = da.installType ?? facts.string("DAInstallType")
        da.connectToAddress = da.connectToAddress ?? facts.string("ConnectToAddress")
        da.userAuthentication = da.userAuthentication ?? facts.string("UserAuthentication")
        da.computerCertAuthentication = da.computerCertAuthentication ?? facts.string("ComputerCertAuthentication")
        da.teredoState = da.teredoState ?? facts.string("TeredoState")
        if da.internalIPv6Prefixes.isEmpty { da.internalIPv6Prefixes = facts.strings("InternalIPv6Prefix") }
        da.clientIPv6Prefix = da.clientIPv6Prefix ?? facts.string("ClientIPv6Prefix")
    }

    /// DAClient (Get-DAClient): groups, GPOs and the embedded client settings and entry point.
    func mapClient(_ facts: ObjectFacts, into client: inout DirectAccessClientSettings) {
        if client.securityGroups.isEmpty { client.securityGroups = facts.strings("SecurityGroupNameList") }
        if client.gpoNames.isEmpty { client.gpoNames = facts.strings("GpoName") }
        if let settings = facts.embedded("ClientSettings") { mapClientSettings(settings, into: &client) }
        if let entryPoint = facts.embedded("ClientEntrypoint"), client.downlevelSecurityGroups.isEmpty {
            client.downlevelSecurityGroups = entryPoint.strings("DownlevelSecurityGroupNameList")
        }
        mapClientSettings(facts, into: &client)
    }

    /// DAClientSettings, or the flat console names (ForceTunnel, OnlyRemoteComputers, Downlevel).
    func mapClientSettings(_ facts: ObjectFacts, into client: inout DirectAccessClientSettings) {
        client.forceTunnel = client.forceTunnel ?? facts.bool("ForceTunnel") ?? facts.bool("ForceTunnelingStatus")
        client.onlyRemoteComputers = client.onlyRemoteComputers ?? facts.bool("OnlyRemoteComputers")
        client.downlevel = client.downlevel ?? facts.bool("Downlevel")
        if client.securityGroups.isEmpty { client.securityGroups = facts.strings("ClientSecurityGroupNameList") }
        if client.downlevelSecurityGroups.isEmpty {
            client.downlevelSecurityGroups = facts.strings("DownlevelSecurityGroupNameList")
        }
    }

    func networkLocationServer(_ facts: ObjectFacts) -> NetworkLocationServer {
        NetworkLocationServer(location: facts.string("NlsLocation"), url: facts.string("Url") ?? facts.string("NlsUrl"))
    }

    /// DAClientDnsConfiguration: the NRPT entries and the global settings.
    func mapDnsConfiguration(_ facts: ObjectFacts, into da: inout DirectAccessConfiguration) {
        for entry in facts.embeddedList("NrptEntry") {
            if let rule = nrptRule(entry, source: "DAClientDnsConfiguration") { da.nrptRules.append(rule) }
        }
        if let global = facts.embedded("NrptGlobalSettings") { mapNrptGlobal(global, into: &da.nrptGlobal) }
        mapNrptGlobal(facts, into: &da.nrptGlobal)
    }

    func mapNrptGlobal(_ facts: ObjectFacts, into global: inout NrptGlobalSettings) {
        global.enableDAForAllNetworks = global.enableDAForAllNetworks ?? facts.string("EnableDAForAllNetworks")
        global.queryPolicy = global.queryPolicy ?? facts.string("QueryPolicy")
        global.secureNameQueryFallback = global.secureNameQueryFallback ?? facts.string("SecureNameQueryFallback")
    }

    /// DnsClientNrptRule (array Namespace) or DnsClientPolicyConfiguration (single Namespace).
    func nrptRule(_ facts: ObjectFacts, source: String) -> NrptRule? {
        let namespaces = facts.texts("Namespace")
        guard !namespaces.isEmpty else { return nil }
        let evidence = facts.evidence("Namespace", namespaces.joined(separator: ", "))
        let name = facts.object["Name"]?.text?.trimmedWhitespace
        return NrptRule(
            name: name?.isEmpty == false ? name : nil, namespaces: namespaces,
            directAccessDnsServers: facts.texts("DirectAccessDnsServers"),
            nameServers: facts.texts("NameServers"), source: source, evidence: evidence)
    }

    func entryPoint(_ facts: ObjectFacts) -> EntryPoint {
        let name = facts.string("EntryPointName") ?? facts.string("Name")
        return EntryPoint(
            name: name?.value ?? "(unnamed)", servers: facts.strings("Servers").map(\.value),
            gslbIp: facts.string("GslbIp")?.value,
            evidence: name?.evidence ?? Evidence(file: file, location: "line \(facts.object.line)", value: ""))
    }

    func mapMultiSite(_ facts: ObjectFacts, into da: inout DirectAccessConfiguration) {
        da.multiSite = MultiSite(
            enterpriseName: facts.string("EnterpriseName"), gslbFqdn: facts.string("GslbFqdn"),
            evidence: Evidence(
                file: facts.file, location: "line \(facts.object.line), \(facts.path)",
                value: "Get-DAMultiSite (multisite enabled)"))
        let entryPoints = facts.embeddedList("DAEntryPoints").map(entryPoint)
        if !entryPoints.isEmpty { da.entryPoints = entryPoints }
    }

    func mapOtp(_ facts: ObjectFacts, into da: inout DirectAccessConfiguration) {
        guard let status = facts.bool("OtpStatus") else { return }
        da.otp = OtpAuthentication(status: status, radiusServers: facts.strings("RadiusServer").map(\.value))
    }
}
