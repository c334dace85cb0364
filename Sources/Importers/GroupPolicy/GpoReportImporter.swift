import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Reads `Get-GPOReport -ReportType Xml` output and a GPMC backup's `gpreport.xml` (UTF-16LE with
/// BOM, root `GPO` in the `http://www.microsoft.com/GroupPolicy/Settings` namespace; several
/// reports in one file, as `-All` writes them, under one root or one after another) into
/// ``GroupPolicyObject``s: identity, links, security filtering, WMI filter, versions, and from
/// the Registry extension the Administrative Templates policies and the extra registry settings
/// (NRPT rules and connection security rules among them), from the Windows Firewall extension the
/// connection security rules and IPsec sets (``GpoFirewallExtension``). Extensions are matched by the namespace
/// of their elements and the local part of `xsi:type`, never by prefix; the others are listed as
/// not read.
enum GpoReportImporter: Importer {
    static let format = ExportFormat.gpoReport
    static let settingsNamespace = "http://www.microsoft.com/GroupPolicy/Settings"
    static let registryNamespace = "http://www.microsoft.com/GroupPolicy/Settings/Registry"
    static let nrptNamespace = "http://www.microsoft.com/GroupPolicy/Settings/nrpt"

    static func recognises(_ head: FileHead) -> Bool {
        head.isMarkup && head.start.contains("xmlns=\"\(settingsNamespace)\"") && head.start.contains("<GPO")
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let data = try file.contents()
        var reports: [XMLElement] = []
        for document in try documents(data, file: file.path) {
            let root = try XMLDocumentParser.parse(document, file: file.path)
            if root.name == "GPO" && root.namespaceURI == settingsNamespace {
                reports.append(root)
            } else {
                reports += root.children.filter { $0.name == "GPO" && $0.namespaceURI == settingsNamespace }
            }
        }
        guard !reports.isEmpty else {
            throw InputError(file: file.path, line: 1, message: "no GPO report (root GPO in \(settingsNamespace))")
        }
        var estate = Estate()
        var counts: [String: Int] = ["GPO reports": reports.count]
        for report in reports {
            let gpo = try read(report, file: file.path, estate: &estate)
            counts["GPO links", default: 0] += gpo.links.count
            counts["GPO registry settings", default: 0] += gpo.registryValues.count
            counts["GPO Administrative Templates policies", default: 0] += gpo.administrativeTemplates.count
            var one = Estate()
            one.groupPolicyObjects = [gpo]
            estate.merge(one)
        }
        return FileImport(file: file, format: format, estate: estate, objectCounts: counts)
    }

    /// The file's XML documents: one, or several written one after another (each with its declaration).
    static func documents(_ data: Data, file: String) throws -> [Data] {
        guard data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.count < 4 else {
            return [data]
        }
        // UTF-16 with BOM: split on the declarations, re-adding the BOM to each part.
        let text = try TextDecoder.decode(data, file: file)
        let parts = text.components(separatedBy: "<?xml ").filter {
            !$0.trimmedWhitespace.isEmpty
        }
        guard parts.count > 1 else { return [data] }
        return parts.map { part in
            var encoded = Data([0xFF, 0xFE])
            encoded.append(("<?xml " + part).data(using: .utf16LittleEndian) ?? Data())
            return encoded
        }
    }

    static func read(_ report: XMLElement, file: String, estate: inout Estate) throws -> GroupPolicyObject {
        func evidence(_ element: XMLElement, _ what: String, _ value: String) -> Evidence {
            Evidence(file: file, location: "line \(element.line), \(what)", value: value)
        }
        func text(_ element: XMLElement?) -> String {
            (element?.text ?? "").trimmedWhitespace
        }
        func bool(_ element: XMLElement?, _ what: String) throws -> Bool {
            switch text(element).lowercased() {
            case "true": return true
            case "false": return false
            case let other:
                throw InputError(
                    file: file, line: element?.line ?? report.line, message: "\(what) is '\(other)', not true or false")
            }
        }
        let identifier = report.child("Identifier")
        let guid = text(identifier?.child("Identifier")).uppercased()
        guard !guid.isEmpty else {
            throw InputError(file: file, line: report.line, message: "a GPO report without its Identifier")
        }
        let name = text(report.child("Name"))
        var gpo = GroupPolicyObject(
            id: guid, name: name.isEmpty ? nil : name, domain: text(identifier?.child("Domain")).nilIfEmpty,
            evidence: evidence(report, "GPO", name.isEmpty ? guid : name))
        for link in report.children(named: "LinksTo") {
            let path = text(link.child("SOMPath"))
            gpo.links.append(
                GroupPolicyLink(
                    path: path, enabled: try bool(link.child("Enabled"), "LinksTo/Enabled"),
                    enforced: try bool(link.child("NoOverride"), "LinksTo/NoOverride"),
                    evidence: evidence(link, "LinksTo", path)))
        }
        if let filter = report.child("FilterName"), !text(filter).isEmpty {
            gpo.wmiFilter = Fact(text(filter), evidence(filter, "FilterName", text(filter)))
        }
        let permissionsElement = report.child("SecurityDescriptor")?.child("Permissions")
        gpo.permissionsRead = permissionsElement != nil
        for permission in permissionsElement?.children(named: "TrusteePermissions") ?? [] {
            let access = text(permission.child("Standard")?.child("GPOGroupedAccessEnum"))
            let allowed = text(permission.child("Type")?.child("PermissionType")) != "Deny"
            guard access == "Apply Group Policy", allowed else { continue }
            let trustee = text(permission.child("Trustee")?.child("Name"))
            let sid = text(permission.child("Trustee")?.child("SID"))
            gpo.securityFiltering.append(
                Fact(trustee.isEmpty ? sid : trustee, evidence(permission, "Apply Group Policy", sid)))
        }
        for (sideName, label) in [("Computer", "Machine"), ("User", "User")] {
            guard let side = report.child(sideName) else { continue }
            func version(_ name: String) throws -> Int {
                let raw = text(side.child(name))
                guard let value = Int(raw) else {
                    throw InputError(
                        file: file, line: side.child(name)?.line ?? side.line,
                        message: "\(sideName)/\(name) is '\(raw)', not a number")
                }
                return value
            }
            let half = GroupPolicySide(
                versionDirectory: try version("VersionDirectory"), versionSysvol: try version("VersionSysvol"),
                enabled: try bool(side.child("Enabled"), "\(sideName)/Enabled"),
                evidence: evidence(
                    side, sideName,
                    "directory \(text(side.child("VersionDirectory"))), sysvol \(text(side.child("VersionSysvol")))"))
            if sideName == "Computer" { gpo.computer = half } else { gpo.user = half }
            for data in side.children(named: "ExtensionData") {
                guard let extensionElement = data.child("Extension") else { continue }
                let type = (extensionElement.attributes["type"] ?? "").split(separator: ":").last.map(String.init) ?? ""
                let namespace = extensionElement.children.first?.namespaceURI
                if type == "RegistrySettings", namespace == registryNamespace || extensionElement.children.isEmpty {
                    try readRegistry(extensionElement, side: label, file: file, into: &gpo, estate: &estate)
                } else if type == "WindowsFirewallSettings",
                    namespace == GpoFirewallExtension.namespace || extensionElement.children.isEmpty
                {
                    GpoFirewallExtension.read(extensionElement, side: sideName, file: file, into: &gpo, estate: &estate)
                } else if type == "NrptSettings", namespace == nrptNamespace || extensionElement.children.isEmpty {
                    // `Global` (Nla, Fallback, Query) holds no rule; rule elements are not read (no
                    // public report with one has been seen): the GPO's Registry.pol has them.
                    let rules = extensionElement.children.filter { $0.name != "Global" }
                    if let first = rules.first {
                        estate.notUnderstood.append(
                            NotUnderstood(
                                kind:
                                    "GPO extension partly read: Name Resolution Policy (\(rules.count) rule elements not read; Backup-GPO's registry.pol has them)",
                                evidence: evidence(first, "\(gpo.label) \(sideName)", first.name)))
                    }
                } else {
                    let extensionName = text(data.child("Name"))
                    estate.notUnderstood.append(
                        NotUnderstood(
                            kind: "GPO extension not read: \(extensionName.isEmpty ? type : extensionName)",
                            evidence: evidence(extensionElement, "\(gpo.label) \(sideName)", type)))
                }
            }
        }
        return gpo
    }

    /// The Registry extension: `Policy` (Administrative Templates: Name, State, Category) and
    /// `RegistrySetting` (KeyPath and an optional Value with Name and Number or String).
    static func readRegistry(
        _ extensionElement: XMLElement, side: String, file: String, into gpo: inout GroupPolicyObject,
        estate: inout Estate
    ) throws {
        func text(_ element: XMLElement?) -> String {
            (element?.text ?? "").trimmedWhitespace
        }
        var collected = GroupPolicyValues(file: file, side: side) { "line \($0)" }
        for policy in extensionElement.children(named: "Policy") {
            let value =
                "\(text(policy.child("Category")))/\(text(policy.child("Name"))): \(text(policy.child("State")))"
            gpo.administrativeTemplates.append(
                Fact(value, Evidence(file: file, location: "line \(policy.line), Policy", value: value)))
        }
        for setting in extensionElement.children(named: "RegistrySetting") {
            let key = text(setting.child("KeyPath"))
            guard let value = setting.child("Value") else { continue }  // a key-only setting
            let name = text(value.child("Name"))
            if RegistryImporter.isSecretName(name) {  // recorded as present; its data is never read
                collected.add(
                    key: key, name: name, type: "", value: .string(""), text: "", position: setting.line, to: &gpo,
                    estate: &estate)
                continue
            }
            let regValue: RegValue
            let type: String
            if let number = value.child("Number") {
                guard let parsed = UInt32(text(number)) else {
                    throw InputError(file: file, line: number.line, message: "Number '\(text(number))' is not a DWORD")
                }
                regValue = .dword(parsed)
                type = "REG_DWORD"
            } else if let string = value.child("String") {
                regValue = .string(text(string))
                type = "REG_SZ"
            } else {
                continue
            }
            collected.add(
                key: key, name: name, type: type, value: regValue, text: regValue.text, position: setting.line,
                to: &gpo, estate: &estate)
        }
        collected.finish(into: &gpo)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
