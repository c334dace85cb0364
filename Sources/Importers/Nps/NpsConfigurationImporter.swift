import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Reads a Network Policy Server configuration as `Export-NpsConfiguration` and
/// `netsh nps export` write it (the SDO tree: `Root/Children/Microsoft_Internet_Authentication_Service`,
/// each object an element named after it with a `name` attribute and `Properties` typed by
/// `dt:dt`). Network policies are joined with their settings in `RadiusProfiles` by name (the
/// policy's `msNPAction`); RADIUS clients come from `Protocols/Microsoft_Radius_Protocol/Clients`.
/// The export holds shared secrets in clear text: they are recorded as present, never read into
/// the model.
enum NpsConfigurationImporter: Importer {
    static let format = ExportFormat.npsConfiguration
    static let datatypes = "urn:schemas-microsoft-com:datatypes"

    static func recognises(_ head: FileHead) -> Bool {
        guard head.isMarkup, head.start.contains(datatypes) else { return false }
        return head.text.contains("<Microsoft_Internet_Authentication_Service") && rootIsRoot(head.start)
    }

    /// True when the first element (after the declaration and comments) is `Root`.
    private static func rootIsRoot(_ start: Substring) -> Bool {
        var rest = start
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            guard rest.hasPrefix("<?") || rest.hasPrefix("<!--") else {
                return rest.hasPrefix("<Root>") || rest.hasPrefix("<Root ")
            }
            guard let end = rest.range(of: rest.hasPrefix("<?") ? "?>" : "-->") else { return false }
            rest = rest[end.upperBound...]
        }
        return false
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let root = try XMLDocumentParser.parse(try file.contents(), file: file.path)
        guard root.name == "Root",
            let service = root.child("Children")?.child("Microsoft_Internet_Authentication_Service")
        else {
            throw InputError(
                file: file.path, line: root.line,
                message: "not an NPS export: no Root/Children/Microsoft_Internet_Authentication_Service")
        }
        let reader = NpsTreeReader(file: file.path)
        var estate = Estate()
        var nps = NpsConfiguration(
            host: Server.identity(of: file.serverHint),
            evidence: Evidence(
                file: file.path, location: "line \(service.line), Microsoft_Internet_Authentication_Service",
                value: "NPS configuration"))
        let sections = service.child("Children")
        let profiles = Dictionary(
            (sections?.child("RadiusProfiles")?.objects ?? []).map { (reader.name(of: $0), $0) },
            uniquingKeysWith: { first, _ in first })
        nps.networkPolicies = try (sections?.child("NetworkPolicy")?.objects ?? []).map { policy in
            try reader.networkPolicy(policy, profile: profiles[reader.action(of: policy) ?? reader.name(of: policy)])
        }.sorted { ($0.order ?? Int.max) < ($1.order ?? Int.max) }
        let proxyProfiles = Dictionary(
            (sections?.child("Proxy_Profiles")?.objects ?? []).map { (reader.name(of: $0), $0) },
            uniquingKeysWith: { first, _ in first })
        nps.connectionRequestPolicies = try (sections?.child("Proxy_Policies")?.objects ?? []).map { policy in
            try reader.connectionRequestPolicy(
                policy, profile: proxyProfiles[reader.action(of: policy) ?? reader.name(of: policy)])
        }.sorted { ($0.order ?? Int.max) < ($1.order ?? Int.max) }
        let clients =
            sections?.child("Protocols")?.child("Children")?.child("Microsoft_Radius_Protocol")?.child("Children")?
            .child("Clients")?.objects ?? []
        for client in clients {
            let entry = try reader.radiusClient(client)
            if entry.sharedSecretPresent {
                estate.secrets.append(
                    SecretPresence(
                        kind: "RADIUS shared secret", file: file.path,
                        location: "line \(client.line), RADIUS client \(entry.name)"))
            }
            nps.radiusClients.append(entry)
        }
        // Remote RADIUS server groups carry secrets too (authentication and accounting).
        for group in sections?.child("RadiusServerGroups")?.objects ?? [] {
            for server in group.child("Children")?.children ?? [] {
                let properties = server.child("Properties")?.children ?? []
                for secret in properties where secret.name.contains("Secret") && !secret.text.isEmpty {
                    estate.secrets.append(
                        SecretPresence(
                            kind: "RADIUS shared secret", file: file.path,
                            location: "line \(secret.line), remote RADIUS server \(reader.name(of: server))"))
                }
            }
        }
        estate.npsConfigurations = [nps]
        return FileImport(
            file: file, format: format, estate: estate,
            objectCounts: [
                "NPS network policies": nps.networkPolicies.count,
                "NPS connection request policies": nps.connectionRequestPolicies.count,
                "RADIUS clients": nps.radiusClients.count,
            ])
    }
}

extension XMLElement {
    /// The objects of an SDO container (`<X name=".."><Children>…</Children></X>`).
    fileprivate var objects: [XMLElement] { child("Children")?.children ?? [] }
}

/// Reads the typed properties of one SDO object.
private struct NpsTreeReader {
    let file: String

    /// The object's display name (`name` attribute; the element name has `_` for spaces).
    func name(of object: XMLElement) -> String {
        object.attributes["name"] ?? object.name.replacingOccurrences(of: "_", with: " ")
    }

    func properties(_ object: XMLElement, _ name: String) -> [XMLElement] {
        object.child("Properties")?.children(named: name) ?? []
    }

    func text(_ object: XMLElement, _ name: String) -> String? {
        properties(object, name).first.map { $0.text.trimmedWhitespace }
    }

    /// The settings the policy applies: its `msNPAction` names an entry of `RadiusProfiles`.
    func action(of policy: XMLElement) -> String? { text(policy, "msNPAction") }

    func int(_ object: XMLElement, _ name: String) throws -> Int? {
        guard let element = properties(object, name).first else { return nil }
        let raw = element.text.trimmedWhitespace
        guard let value = Int(raw) else {
            throw InputError(file: file, line: element.line, message: "\(name) is '\(raw)', not a number")
        }
        return value
    }

    func bool(_ object: XMLElement, _ name: String) throws -> Bool? {
        guard let element = properties(object, name).first else { return nil }
        switch element.text.trimmedWhitespace.lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        case let raw:
            throw InputError(file: file, line: element.line, message: "\(name) is '\(raw)', not a boolean (0 or 1)")
        }
    }

    func networkPolicy(_ policy: XMLElement, profile: XMLElement?) throws -> NpsNetworkPolicy {
        var authentication: [NpsAuthenticationType] = []
        var eapTypes: [Int] = []
        var grantsAccess: Bool?
        if let profile {
            for element in properties(profile, "msNPAuthenticationType2") {
                let raw = element.text.trimmedWhitespace
                guard let value = Int(raw) else {
                    throw InputError(
                        file: file, line: element.line, message: "msNPAuthenticationType2 is '\(raw)', not a number")
                }
                // Values outside AUTHENTICATION_TYPE are not guessed at.
                if let type = NpsAuthenticationType(rawValue: value) { authentication.append(type) }
            }
            eapTypes = try properties(profile, "msNPAllowedEapType").map { try eapType($0) }
            grantsAccess = try bool(profile, "msNPAllowDialin")
        }
        return NpsNetworkPolicy(
            name: name(of: policy), enabled: try bool(policy, "Policy_Enabled") ?? true,
            order: try int(policy, "msNPSequence"),
            conditions: properties(policy, "msNPConstraint").map {
                $0.text.trimmedWhitespace
            },
            authenticationTypes: authentication, eapTypes: eapTypes, grantsAccess: grantsAccess,
            evidence: Evidence(
                file: file, location: "line \(policy.line), network policy",
                value: "\(name(of: policy)): \(authentication.map(\.displayName).joined(separator: ", "))"
                    + (eapTypes.isEmpty ? "" : " (EAP \(eapTypes.map(String.init).joined(separator: ", ")))")))
    }

    /// `msNPAllowedEapType` is `bin.hex`: the method number as a little-endian 32-bit value,
    /// then the vendor id and vendor type (zero for IANA methods).
    func eapType(_ element: XMLElement) throws -> Int {
        let hex = element.text.filter { !$0.isWhitespace }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, bytes.count < 4 {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16), hex.distance(from: index, to: next) == 2 else {
                throw InputError(
                    file: file, line: element.line, message: "msNPAllowedEapType '\(hex.prefix(40))' is not hex")
            }
            bytes.append(byte)
            index = next
        }
        guard bytes.count == 4 else {
            throw InputError(
                file: file, line: element.line, message: "msNPAllowedEapType '\(hex)' is shorter than 4 bytes")
        }
        return Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
    }

    func connectionRequestPolicy(_ policy: XMLElement, profile: XMLElement?) throws -> NpsConnectionRequestPolicy {
        NpsConnectionRequestPolicy(
            name: name(of: policy), enabled: try bool(policy, "Policy_Enabled") ?? true,
            order: try int(policy, "msNPSequence"),
            conditions: properties(policy, "msNPConstraint").map {
                $0.text.trimmedWhitespace
            },
            authenticationProvider: try profile.flatMap { try int($0, "msAuthProviderType") },
            evidence: Evidence(
                file: file, location: "line \(policy.line), connection request policy", value: name(of: policy)))
    }

    func radiusClient(_ client: XMLElement) throws -> RadiusClient {
        let address = text(client, "IP_Address") ?? ""
        let secret = !(text(client, "Shared_Secret") ?? "").isEmpty
        return RadiusClient(
            name: name(of: client), address: address, enabled: try bool(client, "Radius_Client_Enabled") ?? true,
            sharedSecretPresent: secret,
            evidence: Evidence(
                file: file, location: "line \(client.line), RADIUS client", value: "\(name(of: client)): \(address)"))
    }
}
