import EstateModel
import Foundation

/// Maps the objects of the RemoteAccess, DnsClient and VPN cmdlets to the estate model.
/// Type names are matched on the CIM class, case-insensitively, with or without namespace and
/// `Deserialized.` prefix. Objects of other types are listed as not understood.
struct CliXmlMapper {
    let file: String
    let serverHint: String
    private(set) var estate = Estate()
    private(set) var counts: [String: Int] = [:]
    /// Windows NLB port rules (Get-NlbClusterPortRule), gathered into one load balancer per file.
    private var nlbRules: [Listener] = []

    /// Where NRPT rules go as they are read (they are not kept in `estate`).
    private let nrptRules: NrptRuleWriter
    /// The server (name and FQDN) of the last NRPT rule object: the next rule of the same server
    /// adds nothing else to the estate, so the server is not merged again.
    private var lastNrptOnlyServer: (name: String, fqdn: String?)?
    private var classNames: [[String]: (name: String, lowered: String)] = [:]
    private var lastClassName: (typeNames: [String], name: String, lowered: String)?
    private var lastIdentity: (name: String, identity: String, fqdn: String?)?

    /// Windows events (`Get-WinEvent | Export-Clixml`), mapped as the event XML importer maps them.
    private var events: WindowsEventMapping

    /// The cmdlet that writes each CIM class ``map(_:line:)`` reads (the collector script must
    /// collect every one: a test checks it). Keep in step with the switch below.
    static let cmdletOfClass: [String: String] = [
        "remoteaccess": "Get-RemoteAccess", "daserver": "Get-DAServer", "daserverconfiguration": "Get-DAServer",
        "daclient": "Get-DAClient", "daclientdnsconfiguration": "Get-DAClientDnsConfiguration",
        "dnsclientnrptrule": "Get-RemoteAccess", "dnsclientpolicyconfiguration": "Get-RemoteAccess",
        "dnsclientnrptglobal": "Get-RemoteAccess", "danetworklocationserver": "Get-DANetworkLocationServer",
        "daentrypoint": "Get-DAEntryPoint", "damultisite": "Get-DAMultiSite",
        "daotpauthentication": "Get-DAOtpAuthentication", "vpnserveripsecconfiguration": "Get-VpnServerConfiguration",
        "vpnauthprotocol": "Get-VpnAuthProtocol", "remoteaccessradiusserver": "Get-RemoteAccessRadius",
        "remoteaccessloadbalancer": "Get-RemoteAccessLoadBalancer",
        "msft_netiphttpsconfiguration": "Get-NetIPHttpsConfiguration", "win32_operatingsystem": "Get-CimInstance",
        "msft_netipaddress": "Get-NetIPAddress", "vpnconnection": "Get-VpnConnection",
        "x509certificate2": "Get-ChildItem", "nlb port rule": "Get-NlbClusterPortRule",
        "eventlogrecord": "Get-WinEvent",
    ]

    /// The members that name the server an object came from, first found wins.
    static let serverNameMembers = ["PSComputerName", "ComputerName", "CimSystemProperties.ServerName", "CSName"]

    /// Every member ``map(_:line:)`` reads of the classes that make up the bulk of large exports:
    /// the reader builds only these for such objects (the rest streams by). A member read here
    /// must be listed, or it reads as absent: the equivalence test compares both ways of reading.
    static let bulkMembers = CliXmlReader.BulkMembers([
        "DnsClientNrptRule": ["Name", "Namespace", "DirectAccessDnsServers", "NameServers"] + serverNameMembers,
        "DnsClientPolicyConfiguration": ["Name", "Namespace", "DirectAccessDnsServers", "NameServers"]
            + serverNameMembers,
        "MSFT_NetIPAddress": ["IPAddress"] + serverNameMembers,
    ])

    init(file: String, serverHint: String, nrptRules: NrptRuleWriter, keepUserNames: Bool = false) {
        self.file = file
        self.serverHint = serverHint
        self.nrptRules = nrptRules
        events = WindowsEventMapping(file: file, keepUserNames: keepUserNames)
    }

    mutating func map(_ value: PSValue, line: Int) throws {
        guard let object = value.object else {
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: "top-level value that is not an object",
                    evidence: Evidence(file: file, location: "line \(line)", value: value.text ?? "")))
            return
        }
        let (className, lowered) = cimClassName(of: object)
        let facts = ObjectFacts(
            object: object, file: file, path: className.isEmpty ? object.primaryTypeName : className)
        let named = serverIdentity(of: object)
        if lowered == "dnsclientnrptrule" || lowered == "dnsclientpolicyconfiguration" {
            // The bulk of a large export: written out at once; the server is merged only when it changes.
            if let rule = nrptRule(facts, source: className) { try nrptRules.write(rule, server: named.identity) }
            counts[className, default: 0] += 1
            if let last = lastNrptOnlyServer, last.name == named.identity, last.fqdn == named.fqdn { return }
            lastNrptOnlyServer = (named.identity, named.fqdn)
            var server = Server(name: named.identity)
            if let fqdn = named.fqdn { server.fqdn = fqdn }
            estate.merge(Estate(servers: [server]))
            return
        }
        var server = Server(name: named.identity)
        if let fqdn = named.fqdn { server.fqdn = fqdn }
        switch lowered {
        case "remoteaccess", "remoteaccessda", "remoteaccessvpn":
            mapRemoteAccess(facts, into: &server)
            // The IP-HTTPS (and SSL) certificate, as DER bytes.
            _ = try certificate(facts, "SslCertificate", store: "RemoteAccess\\SslCertificate", host: server.name)
        case "daserver":
            server.roles.insert(.directAccess)
            _ = try certificate(facts, "SslCertificate", store: "RemoteAccess\\SslCertificate", host: server.name)
            if let configuration = facts.embedded("ServerConfiguration") {
                mapServerConfiguration(configuration, into: &server.directAccess)
            }
            mapServerConfiguration(facts, into: &server.directAccess)
        case "daserverconfiguration":
            server.roles.insert(.directAccess)
            mapServerConfiguration(facts, into: &server.directAccess)
        case "daclient":
            server.roles.insert(.directAccess)
            mapClient(facts, into: &server.directAccess.client)
        case "daclientdnsconfiguration":
            server.roles.insert(.directAccess)
            mapDnsConfiguration(facts, into: &server.directAccess)
        case "dnsclientnrptglobal":
            mapNrptGlobal(facts, into: &server.directAccess.nrptGlobal)
        case "danetworklocationserver":
            server.roles.insert(.directAccess)
            server.directAccess.networkLocationServer = networkLocationServer(facts)
        case "daentrypoint":
            server.roles.insert(.directAccess)
            server.directAccess.entryPoints.append(entryPoint(facts))
        case "damultisite":
            server.roles.insert(.directAccess)
            mapMultiSite(facts, into: &server.directAccess)
        case "daotpauthentication":
            server.roles.insert(.directAccess)
            mapOtp(facts, into: &server.directAccess)
        case "vpnserveripsecconfiguration", "vpnserveripseccustomconfiguration", "vpnserveripsecdefaultconfiguration":
            server.roles.insert(.vpn)
            mapVpnServerConfiguration(facts, className: className, into: &server.vpn)
        case "vpnauthprotocol":
            server.roles.insert(.vpn)
            server.vpn.userAuthProtocolsAccepted = facts.stringList("UserAuthProtocolAccepted")
            server.vpn.rootCertificateToAccept = try certificate(
                facts, "RootCertificateNameToAccept", store: "VpnAuthProtocol\\RootCertificateNameToAccept",
                host: server.name)
            server.vpn.certificateAdvertised = try certificate(
                facts, "CertificateAdvertised", store: "VpnAuthProtocol\\CertificateAdvertised", host: server.name)
        case "remoteaccessradiusserver":
            mapRadius(facts, into: &server.vpn)
        case "remoteaccessloadbalancer":
            let thirdParty = facts.bool("ThirdPartyLoadBalancer")
            let addresses = facts.strings("InternetVirtualIPAddress").map(\.value).joined(separator: ", ")
            let nodes = facts.embeddedList("NlbNodeStatus").compactMap { $0.string("HostName")?.value }
            let kind =
                thirdParty?.value == true
                ? "third-party load balancer" : nodes.isEmpty ? "not load balanced" : "Windows NLB"
            let detail = [
                addresses.isEmpty ? nil : "virtual addresses \(addresses)",
                nodes.isEmpty ? nil : "nodes \(nodes.joined(separator: ", "))",
            ]
            .compactMap { $0 }.joined(separator: "; ")
            server.loadBalancing = Fact(
                detail.isEmpty ? kind : "\(kind) (\(detail))",
                thirdParty?.evidence ?? Evidence(file: file, location: "line \(object.line)", value: kind))
        case "msft_netiphttpsconfiguration":
            // Get-NetIPHttpsConfiguration: the IP-HTTPS URL (a server's, or a client's policy).
            server.directAccess.ipHttpsServerUrl = facts.string("ServerURL")
        case "win32_operatingsystem":
            // Get-CimInstance Win32_OperatingSystem: the build gates build-dependent rules.
            server.operatingSystem = OperatingSystemInfo(
                caption: facts.string("Caption"),
                build: facts.int("BuildNumber"))
        case "msft_netipaddress":
            if let address = facts.string("IPAddress") { server.addresses.append(address) }
        case "vpnconnection":
            estate.clientProfiles.append(vpnConnectionProfile(facts))
            counts["Get-VpnConnection client profiles", default: 0] += 1
            return
        case "" where object.typeNames.contains { $0.lowercased().hasSuffix("x509certificates.x509certificate2") }:
            // Get-ChildItem Cert:\LocalMachine\My | Export-Clixml: PowerShell serialises the
            // certificate as its RawData (Base64 DER), with PSParentPath naming the store.
            guard case .bytes(_, let base64?) = object["RawData"], let der = Data(base64Encoded: base64) else {
                // Select-Object Thumbprint, HasPrivateKey: what the full export does not carry.
                if let thumbprint = facts.string("Thumbprint"), let key = facts.bool("HasPrivateKey") {
                    let state = CertificateKeyState(
                        host: server.name, thumbprint: thumbprint.value.uppercased(), hasPrivateKey: key)
                    estate.certificateKeyStates.append(state)
                    counts["certificate private key states", default: 0] += 1
                    return
                }
                estate.notUnderstood.append(
                    NotUnderstood(
                        kind:
                            "certificate without RawData (export the objects themselves, not a Select-Object of them)",
                        evidence: Evidence(file: file, location: "line \(object.line)", value: object.toString ?? "")))
                return
            }
            let reader = CertificateReader(file: file, location: "line \(object.line), RawData", line: object.line)
            let parent = object["PSParentPath"]?.text.map { $0.components(separatedBy: "::").last ?? $0 }
            let certificate = try reader.read(
                der: [UInt8](der), host: server.name, store: parent,
                hasPrivateKey: facts.bool("HasPrivateKey")?.value)
            estate.certificates.append(certificate)
            counts["certificates", default: 0] += 1
            return
        case "" where object.typeNames.contains { $0.lowercased().hasSuffix("eventing.reader.eventlogrecord") }:
            // Get-WinEvent | Export-Clixml: the record's properties, its insertion strings as the
            // `Value` of each EventProperty in `Properties`, in order (unnamed, as for classic
            // providers: the Security log's named strings are not available by name here).
            guard let id = facts.int("Id")?.value else {
                estate.notUnderstood.append(
                    NotUnderstood(
                        kind: "event record without Id",
                        evidence: Evidence(file: file, location: "line \(object.line)", value: "")))
                return
            }
            let record = WindowsEventRecord(
                provider: facts.string("ProviderName")?.value ?? "", eventId: id,
                recordId: object["RecordId"]?.text.flatMap { Int($0) }, time: object["TimeCreated"]?.text ?? "",
                computer: facts.string("MachineName")?.value ?? serverHint,
                channel: facts.string("LogName")?.value ?? "",
                data: (object["Properties"]?.objects ?? []).map {
                    WindowsEventRecord.Datum(name: nil, value: $0["Value"]?.text ?? "")
                },
                message: facts.string("Message")?.value, line: object.line)
            try events.add(record)
            return
        case "" where object.primaryTypeName.lowercased().contains("portrule") && facts.has("StartPort"):
            nlbRules.append(nlbListener(facts))
            counts["NLB port rules", default: 0] += 1
            return
        default:
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: object.primaryTypeName,
                    evidence: Evidence(
                        file: file, location: "line \(object.line)",
                        value: object.toString ?? "")))
            counts["not understood", default: 0] += 1
            return
        }
        counts[className, default: 0] += 1
        if !server.directAccess.nrptRules.isEmpty {
            try nrptRules.write(server.directAccess.nrptRules, server: server.name)
            server.directAccess.nrptRules = []
        }
        estate.merge(Estate(servers: [server]))
    }

    /// The CIM class of an object and its lower-cased form, computed once per list of type names (objects of one kind share
    /// it). Objects written with `<TNRef>` share the very array, which compares equal at once.
    private mutating func cimClassName(of object: PSObject) -> (name: String, lowered: String) {
        if let last = lastClassName, last.typeNames == object.typeNames { return (last.name, last.lowered) }
        let name =
            classNames[object.typeNames]
            ?? {
                let name = object.cimClassName ?? ""
                return (name, name.lowercased())
            }()
        classNames[object.typeNames] = name
        lastClassName = (object.typeNames, name.name, name.lowered)
        return name
    }

    /// The server an object names (`Server.identity(of:)` and the FQDN when the name is one),
    /// remembered for the last name: every object of a file usually names the same server.
    private mutating func serverIdentity(of object: PSObject) -> (identity: String, fqdn: String?) {
        let name = serverName(of: object)
        if let last = lastIdentity, last.name == name { return (last.identity, last.fqdn) }
        let identity = Server.identity(of: name)
        let fqdn = name.contains(".") && Int(name.prefix { $0 != "." }) == nil ? name.lowercased() : nil
        lastIdentity = (name, identity, fqdn)
        return (identity, fqdn)
    }

    /// A certificate-valued property (`RootCertificateNameToAccept`, `CertificateAdvertised`,
    /// `SslCertificate`), as a byte array (`<BA>`, or a list of `<By>`) or an `X509Certificate2`
    /// object with its `RawData`: the certificate goes to the estate (in `store`, the role it
    /// plays) and its thumbprint is returned; "" when the property is null; nil when it is absent.
    private mutating func certificate(_ facts: ObjectFacts, _ name: String, store: String, host: String) throws
        -> Fact<String>?
    {
        guard let value = facts.object[name] else { return nil }
        var der: [UInt8]?
        switch value {
        case .null: return Fact("", facts.evidence(name, "(not set)"))
        case .bytes(_, let base64?): der = Data(base64Encoded: base64).map { [UInt8]($0) }
        case .object(let object):
            if case .bytes(_, let base64?) = object["RawData"] {
                der = Data(base64Encoded: base64).map { [UInt8]($0) }
            } else if let items = object.items {
                der = items.compactMap { $0.text.flatMap { UInt8($0) } }
            }
        case .list(let items): der = items.compactMap { $0.text.flatMap { UInt8($0) } }
        default: break
        }
        let line = facts.object.line(of: name)
        guard let der, !der.isEmpty else {
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: "\(name) that is not a certificate's bytes", evidence: facts.evidence(name, value.text ?? ""))
            )
            return nil
        }
        let reader = CertificateReader(file: file, location: "line \(line), \(facts.path).\(name)", line: line)
        let certificate = try reader.read(der: der, host: host, store: store)
        estate.certificates.append(certificate)
        return Fact(certificate.thumbprint, facts.evidence(name, certificate.thumbprint))
    }

    /// Records that some `<Ref>`s named objects too far back to be kept (their values read as null).
    mutating func forgottenReferences(_ count: Int) {
        guard count > 0 else { return }
        estate.notUnderstood.append(
            NotUnderstood(
                kind:
                    "\(count) <Ref> to objects more than \(CliXmlReader.maxRememberedObjects) objects back (read as null)",
                evidence: Evidence(file: file, location: "whole file", value: "")))
    }

    /// Called after the last object: adds the events read, turns the NLB port rules into a load balancer.
    mutating func finish() {
        let (eventEstate, eventCounts) = events.finished
        if !eventEstate.events.isEmpty || !eventEstate.notUnderstood.isEmpty {
            estate.merge(eventEstate)
            counts.merge(eventCounts, uniquingKeysWith: +)
        }
        guard !nlbRules.isEmpty else { return }
        estate.loadBalancers.append(
            LoadBalancer(
                vendor: .windowsNLB, name: serverHint, listeners: nlbRules,
                evidence: Evidence(file: file, location: "line 1", value: "Get-NlbClusterPortRule")))
    }

    /// A Windows NLB port rule: NLB is not a proxy (the client address is kept); affinity Single
    /// or Network maps a client address to one host for every rule of the cluster.
    private func nlbListener(_ facts: ObjectFacts) -> Listener {
        let start = facts.int("StartPort")?.value ?? 0
        let end = facts.int("EndPort")?.value ?? start
        let protocolText = (facts.string("Protocol")?.value ?? "Both").lowercased()
        let affinity = facts.string("Affinity")
        // A rule of the cluster has Mode and IPAddress; a node's rule (Get-NlbClusterNode |
        // Get-NlbClusterPortRule) FilteringMode and VirtualIPAddress, 255.255.255.255 for all.
        let mode = (facts.string("Mode") ?? facts.string("FilteringMode"))?.value.lowercased() ?? "multiple"
        let named = (facts.string("IPAddress") ?? facts.string("VirtualIPAddress"))?.value ?? "All"
        let address = named == "255.255.255.255" ? "All" : named
        let evidence = Evidence(
            file: file, location: "line \(facts.object.line), NLB port rule",
            value: "\(address) \(start)-\(end) \(protocolText) mode \(mode) affinity \(affinity?.value ?? "?")")
        var persistence: Persistence?
        var group: String?
        if let affinity, ["single", "network", "classc"].contains(affinity.value.lowercased()) || mode == "single" {
            persistence = Persistence(
                type: Persistence.sourceAddress, timeoutSeconds: nil,
                mask: affinity.value.lowercased() == "single" ? nil : "255.255.255.0", evidence: affinity.evidence)
            group = "nlb:\(file):\(affinity.value.lowercased())"
        } else if let affinity {
            persistence = Persistence(type: "none", timeoutSeconds: nil, evidence: affinity.evidence)
        }
        return Listener(
            name: "port rule \(start)-\(end)", address: address.lowercased() == "all" ? "*" : address,
            portRange: start == 0 && end == 65535 ? nil : start...max(start, end),
            transport: protocolText == "udp" ? .udp : protocolText == "tcp" ? .tcp : .any, poolName: nil,
            sourceTranslation: SourceTranslation(.none, evidence),
            persistence: persistence?.type == "none" ? nil : persistence,
            affinityGroup: group, evidence: evidence)
    }

    /// Records a SecureString's presence (never its value).
    mutating func secureString(at line: Int) {
        estate.secrets.append(SecretPresence(kind: "SecureString", file: file, location: "line \(line)"))
    }

    private func serverName(of object: PSObject) -> String {
        for key in Self.serverNameMembers {
            if let name = object[key]?.text?.trimmedWhitespace, !name.isEmpty,
                name.lowercased() != "localhost", name != "."
            {
                return name
            }
        }
        return serverHint
    }

    // MARK: - RRAS

    private mutating func mapRemoteAccess(_ facts: ObjectFacts, into server: inout Server) {
        if let status = facts.string("DAStatus") {
            server.directAccess.status = status
            if status.value.lowercased() == "installed" { server.roles.insert(.directAccess) }
        }
        if let status = facts.string("VpnStatus") {
            server.vpn.status = status
            if status.value.lowercased() == "installed" { server.roles.insert(.vpn) }
        }
        if let configuration = facts.embedded("DAConfiguration") {
            if let serverConfiguration = configuration.embedded("ServerConfiguration") {
                mapServerConfiguration(serverConfiguration, into: &server.directAccess)
            }
            if let client = configuration.embedded("ClientPolicy") {
                mapClient(client, into: &server.directAccess.client)
            }
            if let nls = configuration.embedded("NetworkLocationServerPolicy") {
                server.directAccess.networkLocationServer = networkLocationServer(nls)
            }
            if let dns = configuration.embedded("ClientDnsConfiguration") {
                mapDnsConfiguration(dns, into: &server.directAccess)
            }
            server.directAccess.managementServers = configuration.strings("MgmtServer")
        }
        // The console's flat names (type-table members in MS), used when the embedded objects are absent.
        mapServerConfiguration(facts, into: &server.directAccess)
        mapClientSettings(facts, into: &server.directAccess.client)
        if server.directAccess.networkLocationServer == nil, facts.has("NlsUrl") {
            server.directAccess.networkLocationServer = NetworkLocationServer(
                location: facts.string("NlsLocation"),
                url: facts.string("NlsUrl"))
        }
        if server.directAccess.managementServers.isEmpty {
            server.directAccess.managementServers = facts.strings("MgmtServer")
        }
    }

    private func mapVpnServerConfiguration(_ facts: ObjectFacts, className: String, into vpn: inout VpnConfiguration) {
        let mapping = IPsecConfigurationFacts(
            string: { names in names.lazy.compactMap { facts.string($0) }.first },
            int: { names in names.lazy.compactMap { facts.int($0) }.first })
        // Without CustomPolicy, the CIM class says which policy it is.
        try? mapping.map(into: &vpn) {
            Fact(
                className.lowercased() == "vpnserveripseccustomconfiguration",
                Evidence(
                    file: file, location: "line \(facts.object.line), type name", value: facts.object.primaryTypeName))
        }
    }

    private mutating func mapRadius(_ facts: ObjectFacts, into vpn: inout VpnConfiguration) {
        let purposeFacts = facts.embedded("ServerPurpose")
        let address =
            purposeFacts?.string("ServerName") ?? purposeFacts?.string("Name")
            ?? facts.string("ServerName") ?? facts.string("ServerAddress")
        let purpose =
            purposeFacts?.string("Purpose") ?? purposeFacts?.string("ServerPurpose")
            ?? facts.string("Purpose")
        let secretPresent =
            facts.object["SharedSecret"].map { value -> Bool in
                if case .secureString = value { return true }
                return !(value.text ?? "").isEmpty
            } ?? false
        if secretPresent, case .scalar = facts.object["SharedSecret"] ?? .null {
            estate.secrets.append(
                SecretPresence(
                    kind: "RADIUS shared secret", file: file,
                    location: "line \(facts.object.line(of: "SharedSecret"))"))
        }
        let evidence = address?.evidence ?? Evidence(file: file, location: "line \(facts.object.line)", value: "")
        vpn.radiusServers.append(
            RadiusServer(
                address: address?.value ?? "(unnamed)",
                purpose: purpose?.value ?? "Authentication",
                port: facts.int("Port")?.value, sharedSecretPresent: secretPresent,
                evidence: evidence))
    }
}
