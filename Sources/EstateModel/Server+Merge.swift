extension Server {
    /// Combines what another file says about the same server.
    mutating func merge(_ other: Server) {
        // The longest name known is the most qualified one.
        if let otherFqdn = other.fqdn, otherFqdn.count > (fqdn?.count ?? 0) { fqdn = otherFqdn }
        roles.formUnion(other.roles)
        loadBalancing = other.loadBalancing ?? loadBalancing
        addresses += other.addresses.filter { address in !addresses.contains { $0.value == address.value } }
        directAccess.merge(other.directAccess)
        vpn.merge(other.vpn)
        registry.merge(other.registry)
        if let os = other.operatingSystem {
            if operatingSystem == nil { operatingSystem = os } else { operatingSystem?.merge(os) }
        }
        if let more = other.inventory {
            if inventory == nil { inventory = more } else { inventory?.merge(more) }
        }
        normaliseRoles()
    }

    /// Get-RemoteAccess's `DAStatus`/`VpnStatus` say what is installed; they win over roles
    /// inferred from other exports (a DirectAccess-only server also has RAS WAN ports).
    mutating func normaliseRoles() {
        if directAccess.status?.value.lowercased() == "uninstalled" { roles.remove(.directAccess) }
        if vpn.status?.value.lowercased() == "uninstalled" { roles.remove(.vpn) }
    }
}

extension DirectAccessConfiguration {
    mutating func merge(_ other: DirectAccessConfiguration) {
        status = other.status ?? status
        installType = other.installType ?? installType
        connectToAddress = other.connectToAddress ?? connectToAddress
        userAuthentication = other.userAuthentication ?? userAuthentication
        computerCertAuthentication = other.computerCertAuthentication ?? computerCertAuthentication
        teredoState = other.teredoState ?? teredoState
        transition.teredoState = other.transition.teredoState ?? transition.teredoState
        transition.sixToFourState = other.transition.sixToFourState ?? transition.sixToFourState
        transition.ipHttpsClientState = other.transition.ipHttpsClientState ?? transition.ipHttpsClientState
        transition.ipHttpsClientUrl = other.transition.ipHttpsClientUrl ?? transition.ipHttpsClientUrl
        if !other.internalIPv6Prefixes.isEmpty { internalIPv6Prefixes = other.internalIPv6Prefixes }
        clientIPv6Prefix = other.clientIPv6Prefix ?? clientIPv6Prefix
        client.merge(other.client)
        networkLocationServer = other.networkLocationServer ?? networkLocationServer
        nrptRules += other.nrptRules
        nrptGlobal.enableDAForAllNetworks = other.nrptGlobal.enableDAForAllNetworks ?? nrptGlobal.enableDAForAllNetworks
        nrptGlobal.queryPolicy = other.nrptGlobal.queryPolicy ?? nrptGlobal.queryPolicy
        nrptGlobal.secureNameQueryFallback =
            other.nrptGlobal.secureNameQueryFallback ?? nrptGlobal.secureNameQueryFallback
        if !other.entryPoints.isEmpty { entryPoints = other.entryPoints }
        multiSite = other.multiSite ?? multiSite
        otp = other.otp ?? otp
        if !other.managementServers.isEmpty { managementServers = other.managementServers }
        ipHttpsServerUrl = other.ipHttpsServerUrl ?? ipHttpsServerUrl
    }
}

extension DirectAccessClientSettings {
    mutating func merge(_ other: DirectAccessClientSettings) {
        if !other.securityGroups.isEmpty { securityGroups = other.securityGroups }
        if !other.gpoNames.isEmpty { gpoNames = other.gpoNames }
        forceTunnel = other.forceTunnel ?? forceTunnel
        onlyRemoteComputers = other.onlyRemoteComputers ?? onlyRemoteComputers
        downlevel = other.downlevel ?? downlevel
        if !other.downlevelSecurityGroups.isEmpty { downlevelSecurityGroups = other.downlevelSecurityGroups }
    }
}

extension VpnConfiguration {
    mutating func merge(_ other: VpnConfiguration) {
        status = other.status ?? status
        for allocation in other.ports {
            ports.removeAll { $0.tunnel == allocation.tunnel }
            ports.append(allocation)
        }
        ikev2Policy = other.ikev2Policy ?? ikev2Policy
        saLifetimeSeconds = other.saLifetimeSeconds ?? saLifetimeSeconds
        mainModeSALifetimeSeconds = other.mainModeSALifetimeSeconds ?? mainModeSALifetimeSeconds
        saDataSizeKilobytes = other.saDataSizeKilobytes ?? saDataSizeKilobytes
        userAuthProtocolsAccepted = other.userAuthProtocolsAccepted ?? userAuthProtocolsAccepted
        pppAuthTypes = other.pppAuthTypes ?? pppAuthTypes
        ikev2IdleTimeoutMinutes = other.ikev2IdleTimeoutMinutes ?? ikev2IdleTimeoutMinutes
        ikev2NetworkOutageMinutes = other.ikev2NetworkOutageMinutes ?? ikev2NetworkOutageMinutes
        ikev2SAExpiryMinutes = other.ikev2SAExpiryMinutes ?? ikev2SAExpiryMinutes
        ikev2SADataSizeLimitMB = other.ikev2SADataSizeLimitMB ?? ikev2SADataSizeLimitMB
        addressPools += other.addressPools
        radiusServers += other.radiusServers
        authenticationProvider = other.authenticationProvider ?? authenticationProvider
        l2tpPresharedKeyPresent = other.l2tpPresharedKeyPresent ?? l2tpPresharedKeyPresent
        rootCertificateToAccept = other.rootCertificateToAccept ?? rootCertificateToAccept
        certificateAdvertised = other.certificateAdvertised ?? certificateAdvertised
    }
}

extension ServerRegistry {
    mutating func merge(_ other: ServerRegistry) {
        exportedKeys.formUnion(other.exportedKeys)
        if let values = other.exportedValues { exportedValues = (exportedValues ?? []).union(values) }
        keyEvidence.merge(other.keyEvidence) { _, new in new }
        ikeNumEstablishedForInitialQuery = other.ikeNumEstablishedForInitialQuery ?? ikeNumEstablishedForInitialQuery
        enableServerFragmentation = other.enableServerFragmentation ?? enableServerFragmentation
        certAuthFlags = other.certAuthFlags ?? certAuthFlags
        sstpCertificateHashPresent = other.sstpCertificateHashPresent ?? sstpCertificateHashPresent
        sstpCertificateSHA1 = other.sstpCertificateSHA1 ?? sstpCertificateSHA1
        sstpCertificateSHA256 = other.sstpCertificateSHA256 ?? sstpCertificateSHA256
        sstpNoCertRevocationCheck = other.sstpNoCertRevocationCheck ?? sstpNoCertRevocationCheck
        autoEnrollmentPolicy = other.autoEnrollmentPolicy ?? autoEnrollmentPolicy
    }
}
