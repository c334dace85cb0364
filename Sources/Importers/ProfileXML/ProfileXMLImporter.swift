import EstateModel
import Foundation
import ProfileSchema
import XMLKit

/// Imports an Always On VPN ProfileXML file (the `VPNProfile` document an administrator deploys
/// through Intune, ConfigMgr or the WMI-to-CSP bridge) as a ``ClientProfile``. The file is also
/// validated against the project's schema; its problems are kept with their lines for the rules.
enum ProfileXMLImporter: Importer {
    static let format = ExportFormat.profileXML

    static func recognises(_ head: FileHead) -> Bool { head.isMarkup && recognises(String(head.start)) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file)
    }

    /// True when the first element of the document is `VPNProfile` (after the declaration and comments).
    static func recognises(_ start: String) -> Bool {
        var rest = Substring(start)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if rest.hasPrefix("<!DOCTYPE") {
                // Recognised so that the importer refuses it by name (DTDs and entities are never allowed).
                let subset =
                    rest.firstIndex(of: "[").map { open in rest.firstIndex(of: ">").map { open < $0 } ?? true } ?? false
                guard let end = rest.range(of: subset ? "]>" : ">") else { return false }
                rest = rest[end.upperBound...]
                continue
            }
            if rest.hasPrefix("<?") || rest.hasPrefix("<!--") {
                let terminator = rest.hasPrefix("<?") ? "?>" : "-->"
                guard let end = rest.range(of: terminator) else { return false }
                rest = rest[end.upperBound...]
                continue
            }
            return rest.dropFirst().hasPrefix("VPNProfile")
                && rest.dropFirst("<VPNProfile".count).first.map { $0 == ">" || $0.isWhitespace || $0 == "/" } == true
        }
        return false
    }

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        let data = try file.contents()
        let root = try XMLDocumentParser.parse(data, file: file.path)
        let problems = try ProfileXMLSchema.validate(data, file: file.path)
        var profile = ProfileReader(file: file.path).profile(from: root)
        profile.schemaProblems = problems.map {
            Evidence(file: $0.file, location: "line \($0.line)", value: $0.message)
        }
        var estate = Estate()
        estate.clientProfiles = [profile]
        return FileImport(
            file: file, format: .profileXML, estate: estate, objectCounts: ["ProfileXML client profiles": 1])
    }
}

/// Reads a `VPNProfile` element tree into a ``ClientProfile``, every value with its line.
private struct ProfileReader {
    let file: String

    static let booleanElements: Set<String> = [
        "RememberCredentials", "AlwaysOn", "AlwaysOnActive", "LockDown", "DeviceTunnel", "RegisterDNS",
        "ByPassForLocal", "RequireVpnClientAppUI", "DisableAdvancedOptionsEditButton", "DisableDisconnectButton",
        "DisableIKEv2Fragmentation", "UseRasCredentials", "PrivateNetwork", "DisableClassBasedDefaultRoute",
        "PlumbIKEv2TSAsRoutes", "AutoTrigger", "Persistent", "ExclusionRoute", "Enabled",
    ]

    func evidence(_ element: XMLElement, _ path: String) -> Evidence {
        Evidence(file: file, location: "line \(element.line), \(path)", value: element.text.trimmedWhitespace)
    }

    func string(_ parent: XMLElement, _ name: String, _ path: String) -> Fact<String>? {
        guard let element = parent.child(name) else { return nil }
        let text = element.text.trimmedWhitespace
        return Fact(text, evidence(element, "\(path)/\(name)"))
    }

    /// A boolean as the CSP reads it: `true`/`false` in any case (the spelling is another rule's matter).
    func bool(_ parent: XMLElement, _ name: String, _ path: String) -> Fact<Bool>? {
        guard let raw = string(parent, name, path) else { return nil }
        switch raw.value.lowercased() {
        case "true", "1": return raw.map { _ in true }
        case "false", "0": return raw.map { _ in false }
        default: return nil
        }
    }

    func profile(from root: XMLElement) -> ClientProfile {
        let fileName = (file as NSString).lastPathComponent
        let name = string(root, "ProfileName", "VPNProfile")?.value ?? (fileName as NSString).deletingPathExtension
        var profile = ClientProfile(
            name: name, source: .profileXML,
            evidence: Evidence(file: file, location: "line \(root.line), VPNProfile", value: "VPNProfile"))
        profile.deviceTunnel = bool(root, "DeviceTunnel", "VPNProfile")
        profile.alwaysOn = bool(root, "AlwaysOn", "VPNProfile")
        profile.registerDNS = bool(root, "RegisterDNS", "VPNProfile")
        profile.dnsSuffix = string(root, "DnsSuffix", "VPNProfile")
        profile.trustedNetworkDetection = string(root, "TrustedNetworkDetection", "VPNProfile")
        if let proxy = root.child("Proxy") {
            let value = proxy.child("AutoConfigUrl")?.text ?? proxy.child("Manual")?.child("Server")?.text ?? ""
            profile.proxy = Fact(
                value.trimmedWhitespace,
                Evidence(file: file, location: "line \(proxy.line), VPNProfile/Proxy", value: value.trimmedWhitespace))
        }
        if let native = root.child("NativeProfile") {
            let path = "VPNProfile/NativeProfile"
            if let servers = string(native, "Servers", path) {
                profile.servers = servers.value.split(separator: ",").compactMap { entry in
                    let host = entry.split(separator: ";").first.map { String($0).trimmedWhitespace } ?? ""
                    return host.isEmpty ? nil : Fact(host, servers.evidence)
                }
            }
            profile.routingPolicyType = string(native, "RoutingPolicyType", path)
            profile.nativeProtocolType = string(native, "NativeProtocolType", path)
            profile.disableClassBasedDefaultRoute = bool(native, "DisableClassBasedDefaultRoute", path)
            if let authentication = native.child("Authentication") {
                profile.userMethod = string(authentication, "UserMethod", "\(path)/Authentication")
                profile.machineMethod = string(authentication, "MachineMethod", "\(path)/Authentication")
                if let eap = authentication.child("Eap") {
                    profile.eap = eapSettings(eap, path: "\(path)/Authentication/Eap")
                }
            }
            if let suite = native.child("CryptographySuite") {
                var values: [IKEv2Transform: Fact<String>] = [:]
                for transform in IKEv2Transform.allCases {
                    values[transform] = string(suite, transform.rawValue, "\(path)/CryptographySuite")
                }
                profile.cryptographySuite = CryptographySuite(
                    values: values, evidence: evidence(suite, "\(path)/CryptographySuite"))
            }
        }
        profile.routes = root.children(named: "Route").map { route in
            ProfileRoute(
                address: route.child("Address")?.text.trimmedWhitespace ?? "",
                prefixSize: route.child("PrefixSize").flatMap { Int($0.text.trimmedWhitespace) },
                exclusionRoute: bool(route, "ExclusionRoute", "VPNProfile/Route")?.value ?? false,
                evidence: Evidence(
                    file: file, location: "line \(route.line), VPNProfile/Route",
                    value:
                        "\(route.child("Address")?.text.trimmedWhitespace ?? "")/\(route.child("PrefixSize")?.text.trimmedWhitespace ?? "")"
                ))
        }
        profile.domainNameInformation = root.children(named: "DomainNameInformation").map { rule in
            let domain = rule.child("DomainName")?.text.trimmedWhitespace ?? ""
            let servers = (rule.child("DnsServers")?.text ?? "").split(separator: ",").map {
                String($0).trimmedWhitespace
            }.filter { !$0.isEmpty }
            return DomainNameInformation(
                domainName: domain, dnsServers: servers,
                evidence: Evidence(
                    file: file, location: "line \(rule.line), VPNProfile/DomainNameInformation",
                    value: servers.isEmpty ? domain : "\(domain) → \(servers.joined(separator: ","))"))
        }
        profile.booleanSettings = booleanSettings(in: root, path: "VPNProfile")
        return profile
    }

    /// The EAP method and its server validation from `Eap/Configuration/EapHostConfig`; nil when
    /// the configuration is absent or names no method. An escaped configuration (text rather than
    /// elements, as some tools write it) is parsed as the document it holds.
    func eapSettings(_ eap: XMLElement, path: String) -> EapSettings? {
        guard let configuration = eap.child("Configuration") else { return nil }
        var host = configuration.child("EapHostConfig")
        let text = configuration.text.trimmedWhitespace
        if host == nil, text.hasPrefix("<"), let parsed = try? XMLDocumentParser.parse(Data(text.utf8), file: file) {
            host = parsed.name == "EapHostConfig" ? parsed : nil
        }
        guard let host, let typeElement = host.child("EapMethod")?.child("Type"),
            let type = Int(typeElement.text.trimmedWhitespace)
        else { return nil }
        let hostPath = "\(path)/Configuration/EapHostConfig"
        let method = Fact(type, evidence(typeElement, "\(hostPath)/EapMethod/Type"))
        let outer = host.child("Config")?.child("Eap")?.child("EapType")
        let validation = outer?.child("ServerValidation")
        let methodPath = "\(hostPath)/Config/Eap/EapType"
        var settings = EapSettings(
            method: method,
            serverValidationEvidence: validation.map { evidence($0, "\(methodPath)/ServerValidation") }
                ?? outer.map { evidence($0, methodPath) } ?? method.evidence)
        settings.innerMethods = (outer?.children(named: "Eap") ?? []).compactMap {
            $0.child("Type").flatMap { Int($0.text.trimmedWhitespace) }
        }
        settings.trustedRootCAs = (validation?.children(named: "TrustedRootCA") ?? []).map {
            $0.text.filter { !$0.isWhitespace }.uppercased()
        }.filter { !$0.isEmpty }
        if let validation { settings.serverNames = string(validation, "ServerNames", "\(methodPath)/ServerValidation") }
        if let outer {
            let holder = outer.child("PeapExtensions") ?? outer
            let holderPath = holder.name == "PeapExtensions" ? "\(methodPath)/PeapExtensions" : methodPath
            settings.performServerValidation = bool(holder, "PerformServerValidation", holderPath)
        }
        return settings
    }

    /// Every boolean-valued element, as written, anywhere in the profile but inside the EAP blob.
    func booleanSettings(in element: XMLElement, path: String) -> [Fact<String>] {
        var result: [Fact<String>] = []
        for child in element.children where child.name != "Eap" {
            let childPath = "\(path)/\(child.name)"
            if Self.booleanElements.contains(child.name), child.children.isEmpty {
                result.append(Fact(child.text.trimmedWhitespace, evidence(child, childPath)))
            } else {
                result += booleanSettings(in: child, path: childPath)
            }
        }
        return result
    }
}
