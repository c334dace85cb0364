import EstateModel
import Foundation
import InputErrors

/// Reads the PowerShell formatted text Hicks' `Get-RrasConfiguration.ps1` writes with `Out-File`
/// (UTF-16LE in Windows PowerShell 5.1), for the exact property sets it knows:
/// `Get-VpnAuthProtocol`, `Get-VpnServerIPsecConfiguration` and `Get-RemoteAccess` (list views),
/// the one-value registry tables of `Get-ItemProperty ... | Select-Object CertAuthFlags`
/// (`EnableServerFragmentation`, `IkeNumEstablishedForInitialQuery`, `AEPolicy`), the certificate
/// store listings (``CertificateListing``) and the views of the machine around the role
/// (``ServerInventoryText``). Other formatted text is not recognised.
enum PowerShellTextImporter: Importer {
    static let format = ExportFormat.powerShellText

    /// The registry values shown as one-column tables, with their key.
    static let registryTables: [String: String] = [
        "CertAuthFlags": ServerRegistry.remoteAccessIkev2,
        "EnableServerFragmentation": ServerRegistry.remoteAccessIkev2,
        "IkeNumEstablishedForInitialQuery": ServerRegistry.ikeextParameters,
        "AEPolicy": ServerRegistry.autoEnrollment,
    ]
    /// The properties of `Get-VpnAuthProtocol`'s list view.
    static let vpnAuthProtocolNames: Set<String> = [
        "UserAuthProtocolAccepted", "TunnelAuthProtocolsAdvertised", "RootCertificateNameToAccept",
        "CertificateAdvertised", "CertificateEKUsToAccept", "PSComputerName",
    ]

    /// System locales whose short date puts the month first (`M/d/yyyy`).
    static let monthFirstLocales: Set<String> = ["en-us", "es-us", "en-ph", "fil-ph"]

    /// The properties of `Get-VpnServerIPsecConfiguration`'s list view (display names), lower-case.
    static let ipsecNames: Set<String> = [
        "encryptiontype", "ikev2ports", "sstpports", "l2tpports", "greports", "idledisconnect(s)",
        "sadatasizeforrenegotiation(kb)", "salifetime(s)", "mmsalifetime(s)", "customPolicy".lowercased(),
        "authenticationtransformconstants", "ciphertransformconstants", "dhgroup", "encryptionmethod",
        "integritycheckmethod", "pfsgroup", "tunneltype", "psComputerName".lowercased(),
    ]

    /// The first four lines of `text` after leading white space, trimmed, blank ones left out.
    static func headLines(_ text: String) -> [String] {
        TextDecoder.lines(String(text.drop { $0.isWhitespace }.prefix(4096))).prefix(4)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func recognises(_ head: FileHead) -> Bool {
        guard !head.isMarkup else { return false }
        let lines = headLines(head.text)
        guard let first = lines.first else { return false }
        if registryTables[first] != nil, lines.count > 1, lines[1].allSatisfy({ $0 == "-" }) { return true }
        if first.hasPrefix("UserAuthProtocolAccepted ") && first.contains(" :") { return true }
        if CertificateListing.recognises(head.text, first: first) { return true }
        if ServerInventoryText.view(of: lines, head: head.text) != nil { return true }
        // Get-RemoteAccess: its default view starts with DAStatus (or the interfaces) and shows VpnStatus.
        if (first.hasPrefix("DAStatus ") || first.hasPrefix("InternetInterface ")) && first.contains(" :")
            && head.text.contains("VpnStatus ")
        {
            return true
        }
        // Get-VpnServerIPsecConfiguration: list view whose first property is one of its own, with
        // Ikev2Ports and SALifeTime(s) in the head.
        let name = first.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return first.contains(" : ") && ipsecNames.contains(name) && head.text.contains("Ikev2Ports ")
            && head.text.contains("SALifeTime(s) ")
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path, allowANSI: true)
        let lines = TextDecoder.lines(text)
        var server = Server(name: Server.identity(of: file.serverHint))
        var estate = Estate()
        var counts: [String: Int] = [:]
        if let view = ServerInventoryText.view(of: headLines(text), head: String(text.prefix(65_536))) {
            let (inventory, counts) = try ServerInventoryText.read(view, lines: lines, file: file)
            server.inventory = inventory
            return FileImport(file: file, format: format, estate: Estate(servers: [server]), objectCounts: counts)
        }
        if let table = FormattedText.table(lines), table.columns.count == 1,
            let key = registryTables[table.columns[0]]
        {
            let name = table.columns[0]
            // A value that is not set prints as an empty row, which Out-File leaves blank.
            let row = table.rows.first ?? (cells: [""], line: table.headerLine)
            let evidence = Evidence(
                file: file.path, location: "line \(row.line), \(name)",
                value: row.cells[0].isEmpty ? "(not set)" : row.cells[0])
            server.registry.recordExported(key, value: name, evidence: evidence)
            if !row.cells[0].isEmpty {
                guard let number = Int(row.cells[0]) else {
                    throw InputError(
                        file: file.path, line: row.line, message: "\(name) is '\(row.cells[0])', not a number")
                }
                let fact = Fact(number, evidence)
                switch name {
                case "CertAuthFlags": server.registry.certAuthFlags = fact
                case "EnableServerFragmentation": server.registry.enableServerFragmentation = fact
                case "AEPolicy": server.registry.autoEnrollmentPolicy = fact
                default: server.registry.ikeNumEstablishedForInitialQuery = fact
                }
            }
            counts["registry values"] = 1
        } else {
            // One list-view object: Get-RemoteAccess, Get-VpnServerIPsecConfiguration or Get-VpnAuthProtocol.
            let records = FormattedText.list(lines)
            guard let record = records.first else {
                throw InputError(file: file.path, line: 0, message: "no Get-VpnAuthProtocol properties")
            }
            if record.first?.name == "Subject", record.contains(where: { $0.name == "Thumbprint" }) {
                // Dates follow the exporting user's culture: month first only in the US forms.
                let locale = SystemInfoImporter.systemLocale(of: file.serverHint, in: context.bundle)
                let listing = try CertificateListing.read(
                    records, file: file.path, host: server.name,
                    monthFirst: locale.map { Self.monthFirstLocales.contains($0) })
                return FileImport(
                    file: file, format: format, estate: listing,
                    objectCounts: [
                        "certificates listed": listing.certificates.count,
                        "certificates listed without a private key": listing.certificateKeyStates.count,
                    ])
            }
            if record.contains(where: { $0.name == "VpnStatus" }) {
                return try remoteAccess(record, file: file, context: context)
            }
            if record.contains(where: { $0.name.lowercased() == "ikev2ports" }) {
                try mapIPsecConfiguration(record, file: file.path, into: &server, estate: &estate)
                estate.merge(Estate(servers: [server]))
                return FileImport(
                    file: file, format: format, estate: estate, objectCounts: ["VpnServerIPsecConfiguration": 1])
            }
            server.roles.insert(.vpn)
            for property in record {
                let evidence = Evidence(
                    file: file.path, location: "line \(property.line), VpnAuthProtocol.\(property.name)",
                    value: property.value)
                switch property.name {
                case "UserAuthProtocolAccepted":
                    server.vpn.userAuthProtocolsAccepted = Fact(collection(property.value), evidence)
                case "RootCertificateNameToAccept":
                    server.vpn.rootCertificateToAccept = try thumbprint(property, file: file.path).map {
                        Fact($0, evidence)
                    }
                case "CertificateAdvertised":
                    server.vpn.certificateAdvertised = try thumbprint(property, file: file.path).map {
                        Fact($0, evidence)
                    }
                case _ where vpnAuthProtocolNames.contains(property.name): break
                default:
                    estate.notUnderstood.append(
                        NotUnderstood(kind: "VpnAuthProtocol.\(property.name)", evidence: evidence))
                }
            }
            counts["VpnAuthProtocol"] = 1
        }
        estate.merge(Estate(servers: [server]))
        return FileImport(file: file, format: format, estate: estate, objectCounts: counts)
    }

    /// `Get-VpnServerIPsecConfiguration | Out-File`: ports, lifetimes and the IKEv2 policy. The
    /// default policy's view shows no CustomPolicy and no transforms; a custom one shows them.
    static func mapIPsecConfiguration(
        _ record: [FormattedText.Property], file: String, into server: inout Server, estate: inout Estate
    ) throws {
        server.roles.insert(.vpn)
        var facts: [String: Fact<String>] = [:]
        var lines: [String: Int] = [:]
        var names: [String: String] = [:]
        for property in record {
            let evidence = Evidence(
                file: file, location: "line \(property.line), VpnServerIPsecConfiguration.\(property.name)",
                value: property.value)
            let key = property.name.lowercased()
            guard ipsecNames.contains(key) else {
                estate.notUnderstood.append(
                    NotUnderstood(kind: "VpnServerIPsecConfiguration.\(property.name)", evidence: evidence))
                continue
            }
            if !property.value.isEmpty { facts[key] = Fact(property.value, evidence) }
            lines[key] = property.line
            names[key] = property.name
        }
        let mapping = IPsecConfigurationFacts(
            string: { keys in keys.lazy.compactMap { facts[$0.lowercased()] }.first },
            int: { keys in
                guard let key = keys.first(where: { facts[$0.lowercased()] != nil })?.lowercased(),
                    let fact = facts[key]
                else { return nil }
                guard let value = Int(fact.value) else {
                    throw InputError(
                        file: file, line: lines[key] ?? 0,
                        message: "\(names[key] ?? key) is '\(fact.value)', not a number")
                }
                return Fact(value, fact.evidence)
            })
        // The default policy's view shows neither CustomPolicy nor a transform.
        let transformShown = IKEv2Transform.allCases.lazy.compactMap { facts[$0.rawValue.lowercased()] }.first
        try mapping.map(into: &server.vpn) {
            transformShown.map { Fact(true, $0.evidence) }
                ?? Fact(
                    false,
                    Evidence(
                        file: file, location: "line \(record.first?.line ?? 0), VpnServerIPsecConfiguration",
                        value: "no CustomPolicy or transform shown: the default policy"))
        }
    }

    /// `Get-RemoteAccess | Out-File`: the list view holds the same flat names the CLIXML mapper
    /// reads from the console's type-table members, so the record becomes that object and goes
    /// through the same mapping (roles, ConnectToAddress, client settings, NLS, groups).
    /// Certificate-valued properties print only their ToString: they are left out (the DER is
    /// not there), never read as unset.
    static func remoteAccess(_ record: [FormattedText.Property], file: ImportedFile, context: ImportContext) throws
        -> FileImport
    {
        let object = PSObject(line: record.first?.line ?? 1)
        object.typeNames = [
            "Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/RemoteAccess",
            "Microsoft.Management.Infrastructure.CimInstance#RemoteAccess",
            "Microsoft.Management.Infrastructure.CimInstance", "System.Object",
        ]
        object.toString = "RemoteAccess"
        for property in record where !property.value.hasPrefix("[Subject]") {
            let value: PSValue
            if property.value.isEmpty {
                value = .null
            } else if property.value.hasPrefix("{") && property.value.hasSuffix("}") {
                value = .list(collection(property.value).map { .scalar(tag: "S", text: $0) })
            } else {
                value = .scalar(tag: "S", text: property.value)
            }
            object.set(property.name, value, line: property.line)
        }
        var mapper = CliXmlMapper(file: file.path, serverHint: file.serverHint, nrptRules: context.nrptRules)
        try mapper.map(.object(object), line: object.line)
        mapper.finish()
        return FileImport(file: file, format: format, estate: mapper.estate, objectCounts: ["RemoteAccess": 1])
    }

    /// `{EAP, Certificate}` (PowerShell's rendering of a collection), or a single value.
    static func collection(_ text: String) -> [String] {
        var body = Substring(text.replacingOccurrences(of: "\n", with: " "))
        if body.hasPrefix("{") && body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        return body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The thumbprint of a certificate as its ToString prints it (`[Thumbprint]` then the hash on
    /// the next line); "" when the property is empty (unset).
    static func thumbprint(_ property: FormattedText.Property, file: String) throws -> String? {
        if property.value.isEmpty { return "" }
        let lines = property.value.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let marker = lines.firstIndex(of: "[Thumbprint]"), marker + 1 < lines.count else {
            throw InputError(
                file: file, line: property.line,
                message:
                    "\(property.name) does not show a certificate's [Thumbprint] (export Get-VpnAuthProtocol with Export-Clixml)"
            )
        }
        let hash = lines[marker + 1]
        guard hash.count == 40, hash.allSatisfy(\.isHexDigit) else {
            throw InputError(
                file: file, line: property.line, message: "\(property.name): '\(hash)' is not a thumbprint")
        }
        return hash.uppercased()
    }
}
