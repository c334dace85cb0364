import EstateModel
import Foundation

/// An estate with every field of every model type set: the source of the field paths rule packs
/// may use and of Docs/model.md. A test walks it with `Mirror` and fails when a field is nil or a
/// list empty, so a field added to the model without being added here cannot go unnoticed.
public enum ModelExemplar {
    static func fact<T>(_ value: T, _ raw: String) -> Fact<T> {
        Fact(value, Evidence(file: "DA01/Get-RemoteAccess.xml", location: "line 12, RemoteAccess.Example", value: raw))
    }
    static let evidence = Evidence(file: "DA01/Get-RemoteAccess.xml", location: "line 12", value: "example")

    public static func estate() -> Estate {
        var server = Server(name: "da01", fqdn: "da01.corp.contoso.com", roles: [.directAccess, .vpn])
        server.addresses = [fact("10.10.0.21", "10.10.0.21")]
        server.loadBalancing = fact("third-party load balancer (virtual addresses 203.0.113.10)", "True")
        server.directAccess = directAccess()
        server.vpn = vpn()
        server.registry = registry()
        server.directAccess.ipHttpsServerUrl = fact(
            "https://da.contoso.com:443/IPHTTPS", "https://da.contoso.com:443/IPHTTPS")
        server.operatingSystem = OperatingSystemInfo(
            caption: fact("Microsoft Windows Server 2019 Standard", "Microsoft Windows Server 2019 Standard"),
            build: fact(17763, "17763"))
        var inventory = ServerInventory()
        inventory.installedFeatures = fact(["DirectAccess-VPN", "Routing", "NPAS"], "18 installed")
        inventory.activeDirectorySite = fact("Default-First-Site-Name", "Default-First-Site-Name")
        inventory.defaultRoutes = [fact("203.0.113.1 (ifIndex 6)", "203.0.113.1")]
        inventory.routeCount = 11
        inventory.networkCategories = [fact("Internal: DomainAuthenticated", "DomainAuthenticated")]
        inventory.firewallProfiles = [fact("Domain: True", "True")]
        inventory.disabledBindings = [fact("External: ms_server", "File and Printer Sharing for Microsoft Networks")]
        inventory.logicalProcessors = fact(8, "8")
        inventory.activeConnections = fact(37, "37")
        inventory.radiusAccounting = fact("ExternalRadius", "ExternalRadius")
        inventory.inboxAccounting = fact("Disabled", "Disabled")
        inventory.unhealthyComponents = [fact("Vpn Connectivity: Warning", "Warning")]
        server.inventory = inventory
        var estate = Estate(
            servers: [server], loadBalancers: [loadBalancer()], clientProfiles: [clientProfile()],
            notUnderstood: [NotUnderstood(kind: "MSFT_NetIPHttpsState", evidence: evidence)],
            secrets: [
                SecretPresence(kind: "RADIUS shared secret", file: "DA01/netsh-ras-dump.txt", location: "line 64")
            ])
        var certificate = certificate()
        certificate.ocspResponders = ["http://ocsp.contoso.com/ocsp"]
        // Set only when a text listing printed the dates ambiguously (notBefore/notAfter are then nil);
        // shown here so that the field is documented.
        certificate.unreadDates = "NotBefore 03/04/2026 10:00:00, NotAfter 03/04/2027 10:00:00"
        estate.certificates = [certificate]
        estate.certificateKeyStates = [
            CertificateKeyState(
                host: "da01", thumbprint: "3F2A9C1D5E7B8A6C4D2E1F0A9B8C7D6E5F4A3B2C",
                hasPrivateKey: fact(true, "true"))
        ]
        var gpo = GroupPolicyObject(
            id: "{6E8F3A2B-1C4D-4E5F-9A0B-1C2D3E4F5A6B}", name: "DirectAccess Client Settings",
            domain: "corp.contoso.com",
            evidence: evidence)
        gpo.registryValues = [
            GroupPolicyRegistryValue(
                side: "Machine", key: "Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-1",
                name: "ConfigOptions", type: "REG_DWORD", value: "4", evidence: evidence)
        ]
        gpo.nrptRules = [
            NrptRule(
                name: "DA-1", namespaces: [".corp.contoso.com"], directAccessDnsServers: ["fd6b:b4c8:1a2b:3333::1"],
                nameServers: ["10.10.0.2"], source: "NRPT policy (GPO DirectAccess Client Settings)", evidence: evidence
            )
        ]
        gpo.connectionSecurityRules = [
            fact("v2.10|Action=Secure|Name=DirectAccess Policy-ClientToCorp|RTunnel6=2001:db8:1::1|", "v2.10|…")
        ]
        gpo.links = [
            GroupPolicyLink(path: "corp.contoso.com/Laptops", enabled: true, enforced: false, evidence: evidence)
        ]
        gpo.securityFiltering = [fact("CORP\\DirectAccess Clients", "S-1-5-21-1-2-3-1108")]
        gpo.permissionsRead = true
        gpo.wmiFilter = fact("DirectAccess - Laptop only WMI Filter", "DirectAccess - Laptop only WMI Filter")
        gpo.computer = GroupPolicySide(versionDirectory: 12, versionSysvol: 12, enabled: true, evidence: evidence)
        gpo.user = GroupPolicySide(versionDirectory: 0, versionSysvol: 0, enabled: false, evidence: evidence)
        gpo.administrativeTemplates = [
            fact("Network/DNS Client/Turn off smart multi-homed name resolution: Enabled", "Enabled")
        ]
        gpo.authenticationSets = [
            IPsecAuthenticationSet(
                id: "{7B1C2D3E-4F5A-4B6C-8D9E-0F1A2B3C4D5E}", phase: 1, name: "DirectAccess computer certificate",
                suites: [
                    IPsecAuthenticationSuite(
                        method: "MachineCert", certificationAuthority: "DC=com, DC=contoso, CN=Contoso Root CA",
                        healthCertificate: false, evidence: evidence)
                ], evidence: evidence)
        ]
        gpo.cryptoSets = [
            IPsecCryptoSet(
                id: "{8C2D3E4F-5A6B-4C7D-9E0F-1A2B3C4D5E6F}", phase: 2, name: "DirectAccess quick mode",
                suites: [
                    IPsecCryptoSuite(
                        protocolName: "ESP", encryption: "AES-256", integrity: "SHA256", ahIntegrity: "SHA256",
                        keyExchange: "DH14", evidence: evidence)
                ], evidence: evidence)
        ]
        estate.groupPolicyObjects = [gpo]
        estate.events = [
            VpnEvent(
                provider: "RasClient", eventId: 20227, recordId: 4101, time: "2026-11-18T07:58:41.2000000Z",
                computer: "PILOT01.corp.contoso.com", connection: "Contoso VPN", code: 809, codeKind: .rasError,
                detail: "The error code returned on failure is 809.", user: "CONTOSO\\dana", evidence: evidence)
        ]
        estate.eventUserCounts = [EventUserCount(codeKind: .rasError, code: 809, users: 1, file: "events/pilot.xml")]
        estate.collections = [
            CollectionManifest(
                host: "DA01", collectorVersion: "0.5.0", osBuild: "14393", collectedAt: "2026-11-30T09:15:00Z",
                items: [
                    CollectionManifest.Item(
                        id: "Get-DAMultiSite", command: "Get-DAMultiSite | Export-Clixml -Depth 5",
                        file: "Get-DAMultiSite.xml", status: "failed", error: "multisite is not configured",
                        expected: "multisite is not enabled")
                ], evidence: evidence)
        ]
        estate.npsConfigurations = [
            NpsConfiguration(
                host: "nps01", evidence: evidence,
                networkPolicies: [
                    NpsNetworkPolicy(
                        name: "Always On VPN", enabled: true, order: 1,
                        conditions: ["USERNTGROUPS(\"S-1-5-21-1-2-3-1109\")", "MATCH(\"NAS-Port-Type=^5$\")"],
                        authenticationTypes: [.eap], eapTypes: [25], grantsAccess: true, evidence: evidence)
                ],
                connectionRequestPolicies: [
                    NpsConnectionRequestPolicy(
                        name: "Use Windows authentication for all users", enabled: true, order: 999_999,
                        conditions: ["TIMEOFDAY(\"0 00:00-24:00\")"], authenticationProvider: 1, evidence: evidence)
                ],
                radiusClients: [
                    RadiusClient(
                        name: "DA01", address: "10.10.0.11", enabled: true, sharedSecretPresent: true,
                        evidence: evidence)
                ])
        ]
        estate.tlsBindings = [
            TlsBinding(
                host: "da01", endpoint: "0.0.0.0:443", certificateHash: "3F2A9C1D5E7B8A6C4D2E1F0A9B8C7D6E5F4A3B2C",
                applicationId: TlsBinding.sstpApplicationId, storeName: "MY",
                evidence: Evidence(
                    file: "DA01/netsh-http-sslcert.txt", location: "line 4, 0.0.0.0:443",
                    value: "3f2a9c1d5e7b8a6c4d2e1f0a9b8c7d6e5f4a3b2c"))
        ]
        return estate
    }

    static func certificate() -> MachineCertificate {
        let thumbprint = "3F2A9C1D5E7B8A6C4D2E1F0A9B8C7D6E5F4A3B2C"
        return MachineCertificate(
            host: "da01", store: "LocalMachine\\My", thumbprint: thumbprint,
            sha256: "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            subject: "CN=vpn.contoso.com, O=Contoso",
            commonName: "vpn.contoso.com", issuer: "CN=Contoso Issuing CA", dnsNames: ["vpn.contoso.com"],
            enhancedKeyUsages: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.8.2.2"], isCertificateAuthority: false,
            keyAlgorithm: "RSA", keyBits: 2048, signatureAlgorithm: "sha256WithRSAEncryption",
            notBefore: Date(timeIntervalSince1970: 1_700_000_000), notAfter: Date(timeIntervalSince1970: 1_800_000_000),
            crlDistributionPoints: ["http://crl.contoso.com/Contoso%20Issuing%20CA.crl"], hasPrivateKey: true,
            evidence: Evidence(file: "DA01/Get-Certificates.xml", location: "line 4, RawData", value: thumbprint))
    }

    static func directAccess() -> DirectAccessConfiguration {
        var da = DirectAccessConfiguration()
        da.status = fact("Installed", "Installed")
        da.installType = fact("FullInstall", "FullInstall")
        da.connectToAddress = fact("da.contoso.com", "da.contoso.com")
        da.userAuthentication = fact("TwoFactor", "TwoFactor")
        da.computerCertAuthentication = fact("Enabled", "Enabled")
        da.teredoState = fact("Enabled", "Enabled")
        da.transition.teredoState = fact("Enterprise Client", "Enterprise Client")
        da.transition.sixToFourState = fact("Disabled", "Disabled")
        da.transition.ipHttpsClientState = fact(2, "2")
        da.transition.ipHttpsClientUrl = fact(
            "https://da.contoso.com:443/IPHTTPS", "https://da.contoso.com:443/IPHTTPS")
        da.internalIPv6Prefixes = [fact("fd2c:1b0a:7c3e::/48", "fd2c:1b0a:7c3e::/48")]
        da.clientIPv6Prefix = fact("2001:db8:1:1000::/64", "2001:db8:1:1000::/64")
        da.client.securityGroups = [fact("CONTOSO\\DirectAccess Clients", "CONTOSO\\DirectAccess Clients")]
        da.client.gpoNames = [fact("DirectAccess Client Settings", "DirectAccess Client Settings")]
        da.client.forceTunnel = fact(false, "Disabled")
        da.client.onlyRemoteComputers = fact(true, "Enabled")
        da.client.downlevel = fact(false, "Disabled")
        da.client.downlevelSecurityGroups = [fact("CONTOSO\\DA Windows 7", "CONTOSO\\DA Windows 7")]
        da.networkLocationServer = NetworkLocationServer(
            location: fact("ExternalServer", "ExternalServer"),
            url: fact("https://nls.corp.contoso.com/", "https://nls.corp.contoso.com/"))
        da.nrptRules = [
            NrptRule(
                name: "DA-{1A1C3E0D}", namespaces: [".corp.contoso.com"],
                directAccessDnsServers: ["fd2c:1b0a:7c3e:3333::1"],
                nameServers: ["10.10.0.2"], source: "Get-DAClientDnsConfiguration", evidence: evidence)
        ]
        da.nrptGlobal.enableDAForAllNetworks = fact("EnableAlways", "EnableAlways")
        da.nrptGlobal.queryPolicy = fact("QueryIPv6Only", "QueryIPv6Only")
        da.nrptGlobal.secureNameQueryFallback = fact("FallbackPrivate", "FallbackPrivate")
        da.entryPoints = [
            EntryPoint(name: "Redmond", servers: ["da01.corp.contoso.com"], gslbIp: "203.0.113.10", evidence: evidence)
        ]
        da.multiSite = MultiSite(
            enterpriseName: fact("Contoso", "Contoso"), gslbFqdn: fact("da.contoso.com", "da.contoso.com"),
            evidence: evidence)
        da.otp = OtpAuthentication(status: fact(true, "Enabled"), radiusServers: ["10.10.0.25"])
        da.managementServers = [fact("sccm01.corp.contoso.com", "sccm01.corp.contoso.com")]
        return da
    }

    static func vpn() -> VpnConfiguration {
        var vpn = VpnConfiguration()
        vpn.status = fact("Installed", "Installed")
        vpn.ports = [WanPortAllocation(tunnel: .ikev2, maxPorts: 128, remoteAccessEnabled: true, evidence: evidence)]
        var policy = IKEv2Policy(isCustom: fact(true, "True"))
        policy.encryptionMethod = fact("GCMAES128", "GCMAES128")
        policy.integrityCheckMethod = fact("SHA256", "SHA256")
        policy.cipherTransformConstants = fact("GCMAES128", "GCMAES128")
        policy.authenticationTransformConstants = fact("GCMAES128", "GCMAES128")
        policy.dhGroup = fact("Group14", "Group14")
        policy.pfsGroup = fact("ECP256", "ECP256")
        vpn.ikev2Policy = policy
        vpn.saLifetimeSeconds = fact(28800, "28800")
        vpn.mainModeSALifetimeSeconds = fact(86400, "86400")
        vpn.saDataSizeKilobytes = fact(1_024_000, "1024000")
        vpn.userAuthProtocolsAccepted = fact(["EAP"], "EAP")
        vpn.pppAuthTypes = fact(["EAP"], "add authtype type = EAP")
        vpn.ikev2IdleTimeoutMinutes = fact(5, "idletimeout = 5")
        vpn.ikev2NetworkOutageMinutes = fact(2, "nwoutagetime = 2")
        vpn.ikev2SAExpiryMinutes = fact(480, "saexpirytime = 480")
        vpn.ikev2SADataSizeLimitMB = fact(1000, "sadatasizelimit = 1000")
        vpn.addressPools = [AddressPool(from: "10.20.0.1", to: "10.20.0.254", evidence: evidence)]
        vpn.radiusServers = [
            RadiusServer(
                address: "nps01.corp.contoso.com", purpose: "Authentication", port: 1812,
                sharedSecretPresent: true, evidence: evidence)
        ]
        vpn.authenticationProvider = fact("radius", "radius")
        vpn.l2tpPresharedKeyPresent = fact(false, "(none)")
        vpn.rootCertificateToAccept = fact(
            "6C85CE0E4884459FD4543A481BDE89BDF237E00B", "6C85CE0E4884459FD4543A481BDE89BDF237E00B")
        vpn.certificateAdvertised = fact("", "(not set)")
        return vpn
    }

    static func registry() -> ServerRegistry {
        var registry = ServerRegistry()
        registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
        registry.keyEvidence = [ServerRegistry.remoteAccessIkev2: evidence]
        registry.ikeNumEstablishedForInitialQuery = fact(50000, "dword:0000c350")
        registry.enableServerFragmentation = fact(1, "dword:00000001")
        registry.certAuthFlags = fact(4, "dword:00000004")
        registry.sstpCertificateHashPresent = fact(true, "hex:...")
        registry.exportedValues = ["\(ServerRegistry.remoteAccessIkev2)\\certauthflags"]
        registry.sstpCertificateSHA1 = fact("3F2A9C1D5E7B8A6C4D2E1F0A9B8C7D6E5F4A3B2C", "hex:3f,2a,...")
        registry.sstpCertificateSHA256 = fact(
            "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "hex:9f,86,...")
        registry.sstpNoCertRevocationCheck = fact(0, "dword:00000000")
        registry.autoEnrollmentPolicy = fact(7, "dword:00000007")
        return registry
    }

    static func loadBalancer() -> LoadBalancer {
        let listener = Listener(
            name: "vs_aovpn_ike", address: "203.0.113.10", portRange: 500...500, transport: .udp,
            poolName: "pool_rras", sourceTranslation: SourceTranslation(.none, evidence),
            persistence: Persistence(
                type: Persistence.sourceAddress, timeoutSeconds: 28800, mask: "255.255.255.255", evidence: evidence),
            affinityGroup: "f5:match-across:vs_aovpn", perDatagramBalancing: fact(false, "udp_gtm_dns"),
            evidence: evidence)
        let pool = Pool(
            name: "pool_rras", members: [PoolMember(address: "10.10.0.21", port: 500, name: "da01")],
            monitors: ["gateway_icmp"], activeChecksAvailable: true, evidence: evidence)
        return LoadBalancer(vendor: .f5, name: "bigip01", listeners: [listener], pools: [pool], evidence: evidence)
    }

    static func clientProfile() -> ClientProfile {
        var profile = ClientProfile(
            name: "Contoso VPN", source: .profileXML,
            evidence: Evidence(file: "clients/ProfileXML-User.xml", location: "line 1, VPNProfile", value: "VPNProfile")
        )
        profile.deviceTunnel = fact(false, "false")
        profile.alwaysOn = fact(true, "true")
        profile.registerDNS = fact(false, "false")
        profile.dnsSuffix = fact("corp.contoso.com", "corp.contoso.com")
        profile.trustedNetworkDetection = fact("corp.contoso.com", "corp.contoso.com")
        profile.servers = [fact("vpn.contoso.com", "vpn.contoso.com;vpn.contoso.com")]
        profile.routingPolicyType = fact("SplitTunnel", "SplitTunnel")
        profile.nativeProtocolType = fact("IKEv2", "IKEv2")
        profile.userMethod = fact("Eap", "Eap")
        profile.machineMethod = fact("Certificate", "Certificate")
        profile.eap = EapSettings(
            method: fact(25, "25"), innerMethods: [13], performServerValidation: fact(true, "true"),
            trustedRootCAs: ["6C85CE0E4884459FD4543A481BDE89BDF237E00B"],
            serverNames: fact("nps01.corp.contoso.com", "nps01.corp.contoso.com"), serverValidationEvidence: evidence)
        profile.disableClassBasedDefaultRoute = fact(true, "true")
        var suite = CryptographySuite(evidence: evidence)
        for (transform, value) in IKEv2Baselines.enhancedProfile { suite.values[transform] = fact(value, value) }
        profile.cryptographySuite = suite
        profile.routes = [ProfileRoute(address: "10.0.0.0", prefixSize: 8, exclusionRoute: false, evidence: evidence)]
        profile.domainNameInformation = [
            DomainNameInformation(domainName: ".corp.contoso.com", dnsServers: ["10.10.0.2"], evidence: evidence)
        ]
        profile.proxy = fact("http://proxy.corp.contoso.com/proxy.pac", "http://proxy.corp.contoso.com/proxy.pac")
        profile.booleanSettings = [fact("true", "true")]
        profile.schemaProblems = [evidence]
        return profile
    }
}

/// The enhanced suite in ProfileXML spelling, for the exemplar.
enum IKEv2Baselines {
    static let enhancedProfile: [(IKEv2Transform, String)] = [
        (.authenticationTransformConstants, "GCMAES128"), (.cipherTransformConstants, "GCMAES128"),
        (.pfsGroup, "ECP256"),
        (.dhGroup, "Group14"), (.integrityCheckMethod, "SHA256"), (.encryptionMethod, "AES_GCM_128"),
    ]
}
