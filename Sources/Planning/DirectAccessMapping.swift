import EstateModel

/// The side-by-side mapping of the estate's DirectAccess settings to Always On VPN settings
/// (https://learn.microsoft.com/en-us/windows-server/remote/remote-access/vpn/vpn-map-da).
struct DirectAccessMapping {
    let estate: Estate
    let settings: PlanSettings
    let routing: String
    let nrpt: NrptSummary

    private func value(_ list: [String], gap key: String) -> String {
        list.isEmpty ? "(plan gap: \(key))" : list.joined(separator: ", ")
    }

    func rows() -> [MappingRow] {
        let servers = estate.directAccessServers
        guard !servers.isEmpty else { return [] }
        let da = servers.map(\.directAccess)
        var rows: [MappingRow] = []
        let dnsServers = value(settings.dnsServers, gap: "dnsServers")
        // An estate with thousands of NRPT rules shows the first ones and a count; the profile has them all.
        let shown = NrptSummary.shown
        for kind in [false, true] {
            let (count, first) = kind ? (nrpt.exemptionCount, nrpt.firstExemptions) : (nrpt.ruleCount, nrpt.firstRules)
            guard count > shown, let rule = first.first else { continue }
            rows.append(
                MappingRow(
                    directAccessSetting: kind ? "NRPT exemptions" : "NRPT rules",
                    directAccessValue: "\(count) rules; the first \(shown) follow",
                    alwaysOnSetting: kind ? "(none)" : "DomainNameInformation",
                    alwaysOnValue: kind ? "dropped" : "\(count) DomainNameInformation elements → \(dnsServers)",
                    why: "Every rule is mapped as the rows below show.", evidence: [rule.evidence]))
        }
        for rule in nrpt.firstRules + nrpt.firstExemptions {
            let namespaces = rule.namespaces.joined(separator: ", ")
            if rule.isExemption {
                rows.append(
                    MappingRow(
                        directAccessSetting: "NRPT exemption", directAccessValue: namespaces,
                        alwaysOnSetting: "(none)", alwaysOnValue: "dropped",
                        why:
                            "Exemptions (network location server, DirectAccess's own names) exist only for DirectAccess; the VPN profile lists only the namespaces to resolve internally.",
                        evidence: [rule.evidence]))
            } else {
                let dns = (rule.directAccessDnsServers + rule.nameServers).joined(separator: ", ")
                rows.append(
                    MappingRow(
                        directAccessSetting: "NRPT rule",
                        directAccessValue: "\(namespaces) → \(dns.isEmpty ? "(no server)" : dns)",
                        alwaysOnSetting: "DomainNameInformation", alwaysOnValue: "\(namespaces) → \(dnsServers)",
                        why:
                            "DirectAccess sends these names to DNS64 on the DirectAccess server; the VPN client sends them to the internal IPv4 DNS servers.",
                        evidence: [rule.evidence]))
            }
        }
        if let nls = da.compactMap({ $0.networkLocationServer?.url }).first {
            rows.append(
                MappingRow(
                    directAccessSetting: "Network location server", directAccessValue: nls.value,
                    alwaysOnSetting: "TrustedNetworkDetection",
                    alwaysOnValue: settings.trustedNetworkSuffix ?? "(plan gap: trustedNetworkSuffix)",
                    why:
                        "DirectAccess detects the corporate network by reaching the NLS; Always On VPN by the DNS suffix the LAN hands out.",
                    evidence: [nls.evidence]))
        }
        let suffixes = nrpt.suffixes
        if !suffixes.isEmpty {
            rows.append(
                MappingRow(
                    directAccessSetting: "Internal DNS suffixes (NRPT)",
                    directAccessValue: suffixes.joined(separator: ", "),
                    alwaysOnSetting: "DnsSuffix", alwaysOnValue: value(settings.dnsSuffix, gap: "dnsSuffix"),
                    why:
                        "The first suffix becomes the connection's primary suffix, so short names resolve over the tunnel.",
                    evidence: nrpt.firstRules.prefix(1).map(\.evidence)))
        }
        let connectTo = da.compactMap(\.connectToAddress)
        if let address = connectTo.first {
            rows.append(
                MappingRow(
                    directAccessSetting: "ConnectToAddress",
                    directAccessValue: orderedUnique(connectTo.map(\.value)).joined(separator: ", "),
                    alwaysOnSetting: "NativeProfile/Servers",
                    alwaysOnValue: value(settings.vpnServers, gap: "vpnServers"),
                    why:
                        "Both services run side by side during the migration, so the VPN gets its own public name and address.",
                    evidence: [address.evidence]))
        }
        for entryPoint in da.flatMap(\.entryPoints) {
            rows.append(
                MappingRow(
                    directAccessSetting: "Multisite entry point",
                    directAccessValue: "\(entryPoint.name): \(entryPoint.servers.joined(separator: ", "))",
                    alwaysOnSetting: "NativeProfile/Servers",
                    alwaysOnValue: value(settings.vpnServers, gap: "vpnServers"),
                    why: "Always On VPN has no entry-point choice: publish one GSLB name, or list several servers.",
                    evidence: [entryPoint.evidence]))
        }
        if let force = da.compactMap(\.client.forceTunnel).first {
            rows.append(
                MappingRow(
                    directAccessSetting: "Force tunnelling", directAccessValue: force.value ? "Enabled" : "Disabled",
                    alwaysOnSetting: "NativeProfile/RoutingPolicyType", alwaysOnValue: routing,
                    why: routing == "ForceTunnel"
                        ? "All traffic goes through the user tunnel; the device tunnel stays split (force tunnel is not supported there)."
                        : "Only the plan's routes go through the tunnel; Internet traffic stays local.",
                    evidence: [force.evidence]))
        }
        let management = da.flatMap(\.managementServers)
        if !management.isEmpty {
            let routes = settings.deviceTunnel?.routes ?? []
            rows.append(
                MappingRow(
                    directAccessSetting: "Management servers (infrastructure tunnel)",
                    directAccessValue: management.map(\.value).joined(separator: ", "),
                    alwaysOnSetting: "Device tunnel Route", alwaysOnValue: value(routes, gap: "deviceTunnel.routes"),
                    why:
                        "The infrastructure tunnel reached them before logon; the device tunnel does it with host routes.",
                    evidence: management.map(\.evidence)))
        }
        if let certificate = da.compactMap(\.computerCertAuthentication).first {
            rows.append(
                MappingRow(
                    directAccessSetting: "Computer certificate authentication", directAccessValue: certificate.value,
                    alwaysOnSetting: "Device tunnel Authentication/MachineMethod",
                    alwaysOnValue: settings.deviceTunnel?.enabled == true
                        ? "Certificate" : "(no device tunnel in the plan)",
                    why:
                        "The device tunnel authenticates with the machine certificate; the RRAS servers must accept machine certificates from the plan's root CA.",
                    evidence: [certificate.evidence]))
        }
        if let otp = da.compactMap(\.otp).first, otp.status.value {
            rows.append(
                MappingRow(
                    directAccessSetting: "One-time password",
                    directAccessValue: "Enabled (RADIUS \(otp.radiusServers.joined(separator: ", ")))",
                    alwaysOnSetting: "User tunnel authentication",
                    alwaysOnValue: "EAP with RADIUS MFA (NPS extension) or Conditional Access",
                    why:
                        "DirectAccess OTP has no client setting in Always On VPN; MFA moves to NPS/RADIUS, a smart card or Windows Hello for Business.",
                    evidence: [otp.status.evidence]))
        }
        if let ipHttps = da.compactMap(\.ipHttpsServerUrl).first {
            rows.append(
                MappingRow(
                    directAccessSetting: "IP-HTTPS URL (Get-NetIPHttpsConfiguration)", directAccessValue: ipHttps.value,
                    alwaysOnSetting: "SSTP (TCP 443) on the VPN name",
                    alwaysOnValue: value(settings.vpnServers, gap: "vpnServers"),
                    why:
                        "SSTP replaces IP-HTTPS for clients behind firewalls that block UDP 500/4500. Its name must differ while DirectAccess runs; the IP-HTTPS certificate can be reused with the VPN name added as a SAN.",
                    evidence: [ipHttps.evidence]))
        }
        let transition = da.map(\.transition)
        let transitionFacts =
            transition.compactMap(\.teredoState).map { $0.map { "Teredo \($0)" } }
            + transition.compactMap(\.sixToFourState).map { $0.map { "6to4 \($0)" } }
            + transition.compactMap(\.ipHttpsClientState).map { $0.map { "IP-HTTPS state \($0)" } }
            + da.compactMap(\.teredoState).map { $0.map { "Teredo (server) \($0)" } }
        if !transitionFacts.isEmpty {
            rows.append(
                MappingRow(
                    directAccessSetting: "IPv6 transition (Teredo, 6to4, IP-HTTPS)",
                    directAccessValue: orderedUnique(transitionFacts.map(\.value)).joined(separator: ", "),
                    alwaysOnSetting: "NativeProtocolType",
                    alwaysOnValue: "IKEv2 (user and device tunnels; the generated user tunnel has no SSTP fallback)",
                    why:
                        "The VPN tunnels IPv4 natively. The generated user tunnel is IKEv2 only: clients on networks that block UDP 500/4500, which DirectAccess reached over IP-HTTPS on TCP 443, cannot connect until an SSTP fallback is added (rasphone.pbk VpnStrategy, or ProtocolList on Windows 11, whose handling of CryptographySuite is not documented). SSTP needs its own public name while DirectAccess runs beside it: reuse the IP-HTTPS certificate with that name added as a SAN, and the IP-HTTPS name only after DirectAccess is decommissioned.",
                    evidence: transitionFacts.map(\.evidence)))
        }
        let groups = da.flatMap(\.client.securityGroups)
        if !groups.isEmpty {
            rows.append(
                MappingRow(
                    directAccessSetting: "DirectAccess client security groups",
                    directAccessValue: orderedUnique(groups.map(\.value)).joined(separator: ", "),
                    alwaysOnSetting: "Deployment groups",
                    alwaysOnValue: "VPN Users (certificate template, NPS policy) and VPN Deployment Ready",
                    why:
                        "Profiles are deployed to devices whose users hold a VPN certificate; each device leaves the DirectAccess group once its profile works.",
                    evidence: groups.map(\.evidence)))
        }
        for gpo in estate.groupPolicyObjects where gpo.isDirectAccess {
            let client = gpo.isDirectAccessClientPolicy
            let tunnels = gpo.tunnelRules.compactMap { ConnectionSecurityRule.parse($0.value) }
            let endpoints = Set(tunnels.flatMap { $0.remoteTunnelEndpoints + $0.localTunnelEndpoints }).sorted()
            let scope = [
                gpo.links.isEmpty ? nil : "linked to \(gpo.links.map(\.path).joined(separator: ", "))",
                gpo.securityFiltering.isEmpty
                    ? nil : "applies to \(gpo.securityFiltering.map(\.value).joined(separator: ", "))",
            ].compactMap { $0 }
            rows.append(
                MappingRow(
                    directAccessSetting: client ? "DirectAccess client GPO" : "DirectAccess server GPO",
                    directAccessValue:
                        "\(gpo.label): \(gpo.directAccessNrptRules.count) DirectAccess NRPT rule(s), \(tunnels.count) IPsec tunnel rule(s)"
                        + (endpoints.isEmpty ? "" : " to \(endpoints.joined(separator: ", "))")
                        + (scope.isEmpty ? "" : "; " + scope.joined(separator: "; ")),
                    alwaysOnSetting: client ? "VPN profile and deployment groups" : "(none)",
                    alwaysOnValue: client
                        ? "the user (and device) tunnel profiles, deployed by group" : "deleted at decommissioning",
                    why: client
                        ? "Its NRPT rules become the profile's DomainNameInformation and its tunnels the VPN; it must stop applying to a device (group removal, policy refresh) before that device's profile is relied on."
                        : "The VPN servers need no Group Policy from DirectAccess; the GPO goes with Remove Configuration Settings.",
                    evidence: [gpo.evidence]))
        }
        if let downlevel = da.compactMap(\.client.downlevel).first, downlevel.value {
            rows.append(
                MappingRow(
                    directAccessSetting: "Windows 7 (downlevel) clients", directAccessValue: "Enabled",
                    alwaysOnSetting: "(none)", alwaysOnValue: "not supported",
                    why: "Always On VPN needs Windows 10 or 11; downlevel clients stay on DirectAccess until replaced.",
                    evidence: [downlevel.evidence]))
        }
        return rows
    }
}
