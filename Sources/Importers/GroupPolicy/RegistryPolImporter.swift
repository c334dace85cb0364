import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Imports a GPO's `Registry.pol` from a GPMC backup (`{id}/DomainSysvol/GPO/Machine/registry.pol`)
/// or a SYSVOL copy (`Policies/{GUID}/Machine/Registry.pol`) into a ``GroupPolicyObject``: its
/// registry values after the file's deletions, the NRPT rules and connection security rules it
/// writes. The GPO's GUID and name come from the backup's `bkupInfo.xml` or `gpreport.xml` when
/// the bundle has one, else the `{GUID}` folder names it. Values whose name says they hold a secret are recorded as
/// present, never kept.
enum RegistryPolImporter: Importer {
    static let format = ExportFormat.registryPol

    static func recognises(_ head: FileHead) -> Bool {
        head.bytes.count >= 8 && head.bytes.starts(with: RegistryPolFile.signature)
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let records = try RegistryPolFile.records(try file.contents(), file: file.path)
        let values = RegistryPolFile.appliedValues(records)
        var gpo = try identity(of: file, in: context.bundle)
        let components = file.path.split(separator: "/").map { $0.lowercased() }
        let side = components.contains("user") ? "User" : components.contains("machine") ? "Machine" : "unknown"
        var estate = Estate()
        var collected = GroupPolicyValues(file: file.path, side: side) { "offset \($0)" }
        for value in values {
            collected.add(
                key: value.key, name: value.name, type: RegistryPolFile.typeName(value.type),
                value: RegistryPolFile.value(value), text: RegistryPolFile.text(value), position: value.offset,
                to: &gpo, estate: &estate)
        }
        collected.finish(into: &gpo)
        estate.groupPolicyObjects = [gpo]
        return FileImport(
            file: file, format: format, estate: estate,
            objectCounts: [
                "GPO registry values": gpo.registryValues.count, "GPO NRPT rules": gpo.nrptRules.count,
                "GPO connection security rules": gpo.connectionSecurityRules.count,
            ])
    }

    /// The nearest `{GUID}` folder above `path` and its GUID (upper-case), or nil.
    static func guidFolder(of path: String) -> (folder: String, guid: String)? {
        let components = path.split(separator: "/").map(String.init)
        guard let index = components.dropLast().lastIndex(where: isGuid) else { return nil }
        return (components[...index].joined(separator: "/"), components[index].uppercased())
    }

    /// The backup manifest of the file's GPO (`{backup-id}/bkupInfo.xml`), read as part of it.
    static func manifest(of file: ImportedFile, in bundle: [ImportedFile]) -> ImportedFile? {
        guard let (folder, _) = guidFolder(of: file.path) else { return nil }
        return bundle.first { $0.path.lowercased() == "\(folder)/bkupinfo.xml".lowercased() }
    }

    static func includedFiles(of file: ImportedFile, in bundle: [ImportedFile]) throws -> [ImportedFile] {
        manifest(of: file, in: bundle).map { [$0] } ?? []
    }

    /// The GPO the file belongs to: the nearest `{GUID}` folder above it, named by that folder's
    /// `bkupInfo.xml` (GPMC backup manifest) when the bundle has one.
    static func identity(of file: ImportedFile, in bundle: [ImportedFile]) throws -> GroupPolicyObject {
        guard let (folder, folderGuid) = guidFolder(of: file.path) else {
            return GroupPolicyObject(
                id: file.path,
                evidence: Evidence(file: file.path, location: "path", value: "no {GUID} folder above the file"))
        }
        if let manifest = manifest(of: file, in: bundle) {
            let root = try XMLDocumentParser.parse(try manifest.contents(), file: manifest.path)
            func text(_ name: String) -> String? {
                root.child(name).map { $0.text.trimmedWhitespace }.flatMap {
                    $0.isEmpty ? nil : $0
                }
            }
            if root.name == "BackupInst", let guid = text("GPOGuid") {
                return GroupPolicyObject(
                    id: guid.uppercased(), name: text("GPODisplayName"), domain: text("GPODomain"),
                    evidence: Evidence(
                        file: manifest.path, location: "line \(root.line), BackupInst",
                        value: text("GPODisplayName") ?? guid))
            }
        }
        // No manifest: the backup's gpreport.xml names the GPO.
        if let report = bundle.first(where: { $0.path.lowercased() == "\(folder)/gpreport.xml".lowercased() }),
            let root = try? XMLDocumentParser.parse(try report.contents(), file: report.path),
            root.name == "GPO",
            let guid = root.child("Identifier")?.child("Identifier")?.text.trimmedWhitespace,
            !guid.isEmpty
        {
            let name = root.child("Name")?.text.trimmedWhitespace
            return GroupPolicyObject(
                id: guid.uppercased(), name: name,
                evidence: Evidence(file: report.path, location: "line \(root.line), GPO", value: name ?? guid))
        }
        return GroupPolicyObject(
            id: folderGuid, evidence: Evidence(file: file.path, location: "path", value: "folder \(folderGuid)"))
    }

    static func isGuid(_ text: String) -> Bool {
        let body = text.dropFirst().dropLast()
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return false }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
