/// The whole imported estate: servers, the deployments they form, and what the importers could
/// not interpret.
public struct Estate: Codable, Hashable, Sendable {
    public var servers: [Server]
    /// Load balancers in front of the servers.
    public var loadBalancers: [LoadBalancer] = []
    /// Always On VPN client profiles found in the export (ProfileXML, Get-VpnConnection).
    public var clientProfiles: [ClientProfile] = []
    /// Certificates from the servers' stores and exported certificate files (never a private key).
    public var certificates: [MachineCertificate] = []
    /// HTTP.sys TLS bindings of the servers (`netsh http show sslcert`).
    public var tlsBindings: [TlsBinding] = []
    /// Whether the servers hold their certificates' private keys (`Select-Object HasPrivateKey`).
    public var certificateKeyStates: [CertificateKeyState] = []
    /// Network Policy Server configurations (`Export-NpsConfiguration`), shared secrets removed.
    public var npsConfigurations: [NpsConfiguration] = []
    /// Group Policy objects (GPMC backups, SYSVOL copies), identified by GUID.
    public var groupPolicyObjects: [GroupPolicyObject] = []
    /// Windows events of VPN connection attempts (clients, RRAS, NPS, IPsec), since 0.5.
    public var events: [VpnEvent] = []
    /// Distinct users per code and exported file (the names themselves are not kept by default).
    public var eventUserCounts: [EventUserCount] = []
    /// The collector script's manifests: what was collected on each server and what failed.
    public var collections: [CollectionManifest] = []
    /// Objects or sections the importers saw but do not understand (listed, never dropped silently).
    public var notUnderstood: [NotUnderstood]
    /// Secrets that were present in the input; only their presence is kept.
    public var secrets: [SecretPresence]

    public init(
        servers: [Server] = [], loadBalancers: [LoadBalancer] = [], clientProfiles: [ClientProfile] = [],
        notUnderstood: [NotUnderstood] = [], secrets: [SecretPresence] = []
    ) {
        self.servers = servers
        self.loadBalancers = loadBalancers
        self.clientProfiles = clientProfiles
        self.notUnderstood = notUnderstood
        self.secrets = secrets
    }

    private enum CodingKeys: String, CodingKey {
        case servers, loadBalancers, clientProfiles, certificates, tlsBindings, certificateKeyStates, npsConfigurations
        case groupPolicyObjects, events, eventUserCounts, collections, notUnderstood
        case secrets
    }

    /// Decodes estates stored by every earlier version (client profiles arrived in 0.2).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        servers = try container.decode([Server].self, forKey: .servers)
        loadBalancers = try container.decodeIfPresent([LoadBalancer].self, forKey: .loadBalancers) ?? []
        clientProfiles = try container.decodeIfPresent([ClientProfile].self, forKey: .clientProfiles) ?? []
        certificates = try container.decodeIfPresent([MachineCertificate].self, forKey: .certificates) ?? []
        tlsBindings = try container.decodeIfPresent([TlsBinding].self, forKey: .tlsBindings) ?? []
        certificateKeyStates =
            try container.decodeIfPresent([CertificateKeyState].self, forKey: .certificateKeyStates) ?? []
        npsConfigurations =
            try container.decodeIfPresent([NpsConfiguration].self, forKey: .npsConfigurations) ?? []
        groupPolicyObjects =
            try container.decodeIfPresent([GroupPolicyObject].self, forKey: .groupPolicyObjects) ?? []
        events = try container.decodeIfPresent([VpnEvent].self, forKey: .events) ?? []
        eventUserCounts = try container.decodeIfPresent([EventUserCount].self, forKey: .eventUserCounts) ?? []
        collections = try container.decodeIfPresent([CollectionManifest].self, forKey: .collections) ?? []
        notUnderstood = try container.decode([NotUnderstood].self, forKey: .notUnderstood)
        secrets = try container.decode([SecretPresence].self, forKey: .secrets)
    }

    /// The server with this name (short name or FQDN).
    public func server(named name: String) -> Server? {
        let identity = Server.identity(of: name)
        return servers.first { $0.name == identity }
    }

    /// Servers sharing a ConnectToAddress form one deployment; a server without one stands alone.
    public var deployments: [Deployment] {
        var groups: [String: [String]] = [:]
        var names: [String: String] = [:]
        var order: [String] = []
        for server in servers {
            let key = server.directAccess.connectToAddress?.value.lowercased() ?? "server:\(server.name)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(server.name)
            // A standalone server's deployment is shown under the server's one name (its FQDN when known).
            names[key] = key.hasPrefix("server:") ? server.displayName : key
        }
        return order.map { key in Deployment(name: names[key] ?? key, serverNames: groups[key] ?? []) }
    }

    /// The exported VPN servers `profile` connects to: those its Servers names by FQDN, short name
    /// or ConnectToAddress. Empty when none of them was exported.
    public func vpnServers(dialledBy profile: ClientProfile) -> [Server] {
        let names = Set(profile.servers.map { $0.value.lowercased() })
        return vpnServers.filter { server in
            names.contains(server.displayName.lowercased()) || names.contains(server.name)
                || server.directAccess.connectToAddress.map { names.contains($0.value.lowercased()) } == true
        }
    }

    /// Whether the server holding `certificate` has its private key: from the store export
    /// itself, or from a `Select-Object Thumbprint, HasPrivateKey` export; nil when neither says.
    public func privateKeyPresence(of certificate: MachineCertificate) -> Fact<Bool>? {
        if let known = certificate.hasPrivateKey { return Fact(known, certificate.evidence) }
        return certificateKeyStates.last {
            $0.host == certificate.host && $0.thumbprint == certificate.thumbprint
        }?.hasPrivateKey
    }

    /// The certificates of `server` (its stores, and files in its folder).
    public func certificates(of server: Server) -> [MachineCertificate] {
        certificates.filter { $0.host == server.name }
    }

    /// Merges another estate fragment into this one (facts about one server are combined; facts
    /// read later replace earlier ones of the same kind).
    public mutating func merge(_ other: Estate) {
        for server in other.servers {
            if let index = servers.firstIndex(where: { $0.name == server.name }) {
                servers[index].merge(server)
            } else {
                var server = server
                server.normaliseRoles()
                servers.append(server)
            }
        }
        loadBalancers += other.loadBalancers
        clientProfiles += other.clientProfiles
        // One certificate in one store is one fact, whichever export (store, .cer file, text
        // listing) showed it; the DER certificate wins over a text listing of it.
        for certificate in other.certificates {
            guard
                let index = certificates.firstIndex(where: {
                    $0.thumbprint == certificate.thumbprint && $0.host == certificate.host
                        && $0.store == certificate.store
                })
            else {
                certificates.append(certificate)
                continue
            }
            if !certificates[index].hasDerDetails, certificate.hasDerDetails {
                var replacement = certificate
                replacement.hasPrivateKey = certificate.hasPrivateKey ?? certificates[index].hasPrivateKey
                certificates[index] = replacement
            }
        }
        tlsBindings += other.tlsBindings
        certificateKeyStates += other.certificateKeyStates
        npsConfigurations += other.npsConfigurations
        events += other.events
        eventUserCounts += other.eventUserCounts
        collections += other.collections
        for gpo in other.groupPolicyObjects {
            if let index = groupPolicyObjects.firstIndex(where: { $0.id == gpo.id }) {
                groupPolicyObjects[index].merge(gpo)
            } else {
                groupPolicyObjects.append(gpo)
            }
        }
        notUnderstood += other.notUnderstood
        secrets += other.secrets
    }
}

/// Servers that clients reach under one name.
public struct Deployment: Codable, Hashable, Sendable {
    /// ConnectToAddress, or the server name for a standalone server.
    public var name: String
    public var serverNames: [String]
}

/// Something an importer read but does not interpret.
public struct NotUnderstood: Codable, Hashable, Sendable {
    /// The type or section name, e.g. a CLIXML type name.
    public var kind: String
    public var evidence: Evidence
    public init(kind: String, evidence: Evidence) {
        self.kind = kind
        self.evidence = evidence
    }
}

/// A secret found in the input. Its value is never stored.
public struct SecretPresence: Codable, Hashable, Sendable {
    /// RADIUS shared secret, L2TP pre-shared key, SecureString, private key.
    public var kind: String
    /// File and location; `value` is always "(redacted)".
    public var evidence: Evidence
    public init(kind: String, file: String, location: String) {
        self.kind = kind
        self.evidence = Evidence(file: file, location: location, value: "(redacted)")
    }
}

extension Estate {
    /// Servers with the RRAS VPN role.
    public var vpnServers: [Server] { servers.filter { $0.roles.contains(.vpn) } }
    /// Servers with the DirectAccess role.
    public var directAccessServers: [Server] { servers.filter { $0.roles.contains(.directAccess) } }
    /// Hosts the export shows with a remote-access role: the servers a report lists.
    public var remoteAccessServers: [Server] { servers.filter { !$0.roles.isEmpty } }
    /// Hosts the export shows only through client policy (a DirectAccess client's v6Transition or
    /// NRPT policy export): clients, not servers.
    public var clientHosts: [Server] {
        servers.filter { host in
            host.roles.isEmpty && (host.directAccess.transition.hasAny || !host.directAccess.nrptRules.isEmpty)
        }
    }
}

extension Estate {
    /// Appends NRPT rules to the servers they belong to (by identity), in the order given; a
    /// server not yet in the estate is added. Used to put back rules that were stored apart.
    public mutating func attach(nrptRules groups: [(server: String, rules: [NrptRule])]) {
        attach(nrptRules: groups.map { ($0.server, NrptRuleList($0.rules)) })
    }

    /// Attaches NRPT rule lists (held, or kept in the store) to their servers, in order.
    public mutating func attach(nrptRules groups: [(server: String, rules: NrptRuleList)]) {
        guard !groups.isEmpty else { return }
        var index: [String: Int] = [:]
        for (position, server) in servers.enumerated() where index[server.name] == nil { index[server.name] = position }
        for group in groups {
            if let position = index[group.server] {
                servers[position].directAccess.nrptRules += group.rules
            } else {
                var server = Server(name: group.server)
                server.directAccess.nrptRules = group.rules
                index[group.server] = servers.count
                servers.append(server)
            }
        }
    }
}
