import EstateModel
import Foundation
import Importers
import InputErrors
import Testing

/// Group Policy `Registry.pol` (PReg v1) from GPMC backups: real files, a DirectAccess client GPO
/// written in the same format, and malformed files.
@Suite struct RegistryPolTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gpo")

    /// A PReg v1 file from `(key, name, type, data)` records, as Group Policy writes it.
    static func pol(_ records: [(String, String, UInt32, [UInt8])]) -> Data {
        var bytes: [UInt8] = Array("PReg".utf8) + [1, 0, 0, 0]
        func unit(_ character: Character) -> [UInt8] {
            Array(String(character).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        func string(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0] }
        func dword(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        for (key, name, type, data) in records {
            bytes +=
                unit("[") + string(key) + unit(";") + string(name) + unit(";") + dword(type) + unit(";")
                + dword(UInt32(data.count)) + unit(";") + data + unit("]")
        }
        return Data(bytes)
    }
    static func sz(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0] }
    static func multi(_ items: [String]) -> [UInt8] { items.flatMap { sz($0) } + [0, 0] }
    static func dword(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    @Test func realGpmcBackupsAreRead() throws {
        let result = try EstateImporter.importBundle(try ExportBundle.read(path: Self.folder.path))
        let gpos = result.estate.groupPolicyObjects
        #expect(result.estate.servers.isEmpty, "a GPO is not a server")
        #expect(gpos.count == 4, "\(gpos.map(\.label))")
        // AllSettings1: named by the backup's bkupInfo.xml (the GPO's GUID, not the backup id).
        let all = try #require(gpos.first { $0.id == "{899E1FFD-2CE6-421A-B14E-1A85C4B670C7}" })
        #expect(all.name == "AllSettings1")
        #expect(all.id == "{899E1FFD-2CE6-421A-B14E-1A85C4B670C7}" && all.domain == "contoso.com")
        #expect(all.evidence.file.hasSuffix("bkupInfo.xml"))
        // Device Guard: no manifest, the backup's gpreport.xml names it; eight DWORDs with their offsets.
        let deviceGuard = try #require(gpos.first { $0.id == "{3459AD93-6648-423E-9777-0C82975217D5}" })
        #expect(deviceGuard.name == "MSFT Windows 11 24H2 - Credential Guard")
        #expect(
            deviceGuard.links.count == 2
                && deviceGuard.computer?.versionDirectory == deviceGuard.computer?.versionSysvol)
        #expect(deviceGuard.registryValues.count == 8)
        let first = try #require(deviceGuard.registryValues.first)
        #expect(first.side == "Machine" && first.name == "EnableVirtualizationBasedSecurity")
        #expect(first.type == "REG_DWORD" && first.value == "1")
        #expect(
            first.evidence.location
                == "offset 8, [SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceGuard] \"EnableVirtualizationBasedSecurity\""
        )
        #expect(deviceGuard.registryValues.first { $0.name == "MachineIdentityIsolation" }?.value == "3")
        // The baseline: 140 records, the **del. ones applied as deletions (never kept as values).
        let baseline = try #require(gpos.first { $0.id == "{1B6AAB4D-20DC-4956-9439-DD15694E2B6A}" })
        #expect(baseline.links.map(\.path) == ["security.local/MSFT Clients", "security.local/SCT Windows 11 Client"])
        #expect(baseline.computer?.versionDirectory == 66 && baseline.user?.enabled == false)
        #expect(!baseline.administrativeTemplates.isEmpty)
        #expect(
            result.estate.notUnderstood.contains { $0.kind == "GPO extension not read: Security" },
            "an extension not read is listed, never an error")
        #expect(
            result.estate.notUnderstood.contains {
                $0.kind
                    == "GPO extension partly read: Windows Firewall (not read: DomainProfile, PrivateProfile, PublicProfile)"
            }, "the firewall profiles are not read; the extension has no connection security rule")
        #expect(baseline.connectionSecurityRules.isEmpty && baseline.authenticationSets.isEmpty)
        // A report alone (AllSettings1 from the module's test data): identity, filtering, registry settings.
        let report = try #require(gpos.first { $0.id == "{C6B4CCE3-96D0-4F25-ACB0-6CE807301EDC}" })
        #expect(
            report.domain == "contoso.com"
                && report.securityFiltering.map(\.value) == ["NT AUTHORITY\\Authenticated Users"])
        #expect(report.permissionsRead, "the report's SecurityDescriptor/Permissions was read")
        #expect(!deviceGuard.permissionsRead || deviceGuard.securityFiltering.count > 0)
        #expect(!baseline.registryValues.isEmpty && baseline.registryValues.count < 140)
        #expect(!baseline.registryValues.contains { $0.name.hasPrefix("**") })
        #expect(gpos.allSatisfy { !$0.isDirectAccess }, "none of them is a DirectAccess GPO")
        #expect(result.skipped.allSatisfy { !$0.path.hasSuffix("registry.pol") })
    }

    @Test func aDirectAccessClientGpoIsRecognisedFromItsContent() throws {
        let nrpt = "Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig"
        let consec = "Software\\Policies\\Microsoft\\WindowsFirewall\\ConSecRules"
        let data = Self.pol([
            ("\(nrpt)\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}", "Name", 7, Self.multi([".corp.contoso.com"])),
            ("\(nrpt)\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}", "ConfigOptions", 4, Self.dword(4)),
            (
                "\(nrpt)\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}", "DirectAccessDNSServers", 1,
                Self.sz("fd6b:b4c8:1a2b:3333::1")
            ),
            ("\(nrpt)\\DA-{2A7F9C3D-2222-4D4E-8F90-1B2C3D4E5F60}", "Name", 7, Self.multi(["nls.corp.contoso.com"])),
            ("\(nrpt)\\DA-{2A7F9C3D-2222-4D4E-8F90-1B2C3D4E5F60}", "ConfigOptions", 4, Self.dword(4)),
            ("\(nrpt)\\Old", "Name", 7, Self.multi([".old.contoso.com"])),
            (nrpt, "**DeleteKeys", 1, Self.sz("Old")),
            (
                consec, "{5F0D2C8E-3333-4E5F-A0B1-2C3D4E5F6071}", 1,
                Self.sz(
                    "v2.10|Action=Secure|Name=DirectAccess Policy-ClientToCorp|EP1_6=|RTunnel6=2001:db8:1::1|Auth1Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE1}|"
                )
            ),
            (consec, "Unused", 4, Self.dword(1)),
            (consec, "**del.Unused", 1, Self.sz(" ")),
            ("Software\\Policies\\Example", "SharedSecret", 1, Self.sz("GPO-POL-SECRET-1")),
        ])
        let file = ImportedFile(
            path: "GPOs/{7B2E4C6A-4444-4F5A-9B8C-7D6E5F4A3B2C}/Machine/Registry.pol", data: data, serverHint: "GPOs")
        let result = try EstateImporter.importBundle(ExportBundle(name: "gpo", files: [file]))
        let gpo = try #require(result.estate.groupPolicyObjects.first)
        #expect(gpo.id == "{7B2E4C6A-4444-4F5A-9B8C-7D6E5F4A3B2C}")
        #expect(gpo.isDirectAccess)
        #expect(
            gpo.nrptRules.map(\.namespaces) == [[".corp.contoso.com"], ["nls.corp.contoso.com"]],
            "**DeleteKeys removed Old")
        #expect(gpo.directAccessNrptRules.map(\.directAccessDnsServers) == [["fd6b:b4c8:1a2b:3333::1"]])
        #expect(gpo.nrptRules.first?.source == "NRPT policy (GPO {7B2E4C6A-4444-4F5A-9B8C-7D6E5F4A3B2C})")
        #expect(gpo.nrptRules.first?.evidence.location.hasPrefix("offset 8, [") == true)
        #expect(gpo.tunnelRules.count == 1 && gpo.connectionSecurityRules.count == 1, "**del.Unused applied")
        #expect(!gpo.registryValues.contains { $0.name == "SharedSecret" })
        #expect(result.estate.secrets.contains { $0.kind == "registry secret SharedSecret" })
        let encoded = String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self)
        #expect(!encoded.contains("GPO-POL-SECRET-1"))
    }

    @Test func malformedFilesNameTheOffset() throws {
        let good = Self.pol([("Software\\Policies\\X", "Value", 4, Self.dword(1))])
        let cases: [(Data, String)] = [
            (good.prefix(good.count - 3), "at byte offset"),
            (Data(Array("PReg".utf8) + [2, 0, 0, 0]), "at byte offset 4: PReg version 2"),
            (good.prefix(8) + Data([0x28, 0x00]) + good.dropFirst(10), "at byte offset 8: expected '['"),
            (
                Self.pol([("K", "V", 1, [])]).prefix(8 + 2 + 4 + 2 + 4 + 2 + 4 + 2) + Data(Self.dword(999))
                    + Data([0x3B, 0x00]),
                "data of 999 bytes runs past the end of the file"
            ),
        ]
        for (data, message) in cases {
            let file = ImportedFile(
                path: "{7B2E4C6A-4444-4F5A-9B8C-7D6E5F4A3B2C}/Machine/Registry.pol", data: data, serverHint: "x")
            let error = #expect(throws: InputError.self) {
                try EstateImporter.importBundle(ExportBundle(name: "gpo", files: [file]))
            }
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
            #expect(error?.file.hasSuffix("Registry.pol") == true)
        }
    }
}

/// `Get-GPOReport -ReportType Xml`: a DirectAccess client GPO's report with its extra registry
/// settings, and malformed reports.
@Suite struct GpoReportTests {
    static func report(version: String = "12", settings: String, extensions: String = "") -> Data {
        let text = """
            <?xml version="1.0" encoding="utf-16"?>
            <GPO xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.microsoft.com/GroupPolicy/Settings">
              <Identifier>
                <Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{AB12CD34-5678-4ABC-9DEF-0123456789AB}</Identifier>
                <Domain xmlns="http://www.microsoft.com/GroupPolicy/Types">corp.contoso.com</Domain>
              </Identifier>
              <Name>DirectAccess Client Settings</Name>
              <FilterName>DirectAccess - Laptop only WMI Filter</FilterName>
              <Computer>
                <VersionDirectory>\(version)</VersionDirectory>
                <VersionSysvol>11</VersionSysvol>
                <Enabled>true</Enabled>
                <ExtensionData>
                  <Extension xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/Registry" xsi:type="q1:RegistrySettings">
            \(settings)
                  </Extension>
                  <Name>Registry</Name>
                </ExtensionData>
            \(extensions)
              </Computer>
              <LinksTo>
                <SOMName>corp</SOMName>
                <SOMPath>corp.contoso.com</SOMPath>
                <Enabled>true</Enabled>
                <NoOverride>false</NoOverride>
              </LinksTo>
            </GPO>
            """.replacingOccurrences(of: "\n", with: "\r\n")
        return TestInput.utf16LEWithBOM(text)
    }

    static let daSettings = """
            <q1:RegistrySetting>
              <q1:KeyPath>Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}</q1:KeyPath>
              <q1:Value><q1:Name>Name</q1:Name><q1:String>.corp.contoso.com</q1:String></q1:Value>
              <q1:AdmSetting>false</q1:AdmSetting>
            </q1:RegistrySetting>
            <q1:RegistrySetting>
              <q1:KeyPath>Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}</q1:KeyPath>
              <q1:Value><q1:Name>DirectAccessDNSServers</q1:Name><q1:String>fd6b:b4c8:1a2b:3333::1</q1:String></q1:Value>
              <q1:AdmSetting>false</q1:AdmSetting>
            </q1:RegistrySetting>
            <q1:RegistrySetting>
              <q1:KeyPath>Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-{1F6E8B2C-1111-4C3D-9E8F-0A1B2C3D4E5F}</q1:KeyPath>
              <q1:Value><q1:Name>ConfigOptions</q1:Name><q1:Number>4</q1:Number></q1:Value>
              <q1:AdmSetting>false</q1:AdmSetting>
            </q1:RegistrySetting>
        """

    @Test func aDirectAccessClientGpoReportIsRead() throws {
        let file = ImportedFile(
            path: "gpo/DirectAccess Client Settings.xml", data: Self.report(settings: Self.daSettings),
            serverHint: "gpo")
        let result = try EstateImporter.importBundle(ExportBundle(name: "gpo", files: [file]))
        let gpo = try #require(result.estate.groupPolicyObjects.first)
        #expect(gpo.id == "{AB12CD34-5678-4ABC-9DEF-0123456789AB}" && gpo.name == "DirectAccess Client Settings")
        #expect(gpo.wmiFilter?.value == "DirectAccess - Laptop only WMI Filter")
        #expect(gpo.computer?.versionDirectory == 12 && gpo.computer?.versionSysvol == 11)
        #expect(gpo.links.first?.path == "corp.contoso.com" && gpo.links.first?.enforced == false)
        #expect(gpo.isDirectAccess && gpo.nrptRules.first?.namespaces == [".corp.contoso.com"])
        #expect(gpo.registryValues.first { $0.name == "ConfigOptions" }?.value == "4")
        #expect(result.estate.servers.isEmpty)
    }

    @Test func malformedReportsNameTheLine() throws {
        let cases: [(Data, Int, String)] = [
            (Self.report(version: "twelve", settings: ""), 10, "Computer/VersionDirectory is 'twelve', not a number"),
            (
                Self.report(
                    settings:
                        "<q1:RegistrySetting><q1:KeyPath>K</q1:KeyPath><q1:Value><q1:Name>V</q1:Name><q1:Number>-1</q1:Number></q1:Value></q1:RegistrySetting>"
                ),
                15, "Number '-1' is not a DWORD"
            ),
            (Self.report(settings: "<q1:Policy>"), 16, "Opening and ending tag mismatch"),
        ]
        for (data, line, message) in cases {
            let file = ImportedFile(path: "gpo/report.xml", data: data, serverHint: "gpo")
            let error = #expect(throws: InputError.self) {
                try EstateImporter.importBundle(ExportBundle(name: "gpo", files: [file]))
            }
            #expect(error?.line == line && error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        }
    }
}

/// The connection security rule grammar (MS-GPFAS 2.2.6.2).
@Suite struct ConnectionSecurityRuleTests {
    @Test func aDirectAccessTunnelRuleIsParsed() throws {
        let rule = try #require(
            ConnectionSecurityRule.parse(
                "v2.10|Action=Secure|Active=TRUE|Profile=Public|Profile=Private|RTunnel6=fd2c:1b0a:7c3e:1000::1|Auth1Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE1}|Auth2Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE2}|Crypto2Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}|Name=DirectAccess Policy-ClientToCorp|EP2_6=::/0|EP2_6=fd00::/8|"
            ))
        #expect(rule.version == "v2.10" && rule.action == "Secure" && rule.isActive && rule.isTunnel)
        #expect(rule.name == "DirectAccess Policy-ClientToCorp" && rule.values("Profile") == ["Public", "Private"])
        #expect(rule.remoteTunnelEndpoints == ["fd2c:1b0a:7c3e:1000::1"] && rule.endpoints2 == ["::/0", "fd00::/8"])
        #expect(rule.authenticationSets.count == 2 && rule.cryptoSet == "{E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}")
        let transport = try #require(ConnectionSecurityRule.parse("v2.10|Action=Secure|Active=FALSE|Name=x|"))
        #expect(!transport.isTunnel && !transport.isActive)
        #expect(ConnectionSecurityRule.parse("Action=Secure|Name=x|") == nil)
        #expect(ConnectionSecurityRule.parse("v2.10|Action") == nil)
    }
}

/// A secret in a GPO report's extra registry settings: present, never stored.
@Suite struct GpoReportSecretTests {
    @Test func aSecretSettingIsOnlyRecordedAsPresent() throws {
        let secret =
            "<q1:RegistrySetting><q1:KeyPath>Software\\Policies\\Example</q1:KeyPath><q1:Value><q1:Name>SharedSecret</q1:Name><q1:String>GPREPORT-SECRET-1</q1:String></q1:Value></q1:RegistrySetting>"
        let file = ImportedFile(
            path: "gpo/report.xml", data: GpoReportTests.report(settings: secret), serverHint: "gpo")
        let result = try EstateImporter.importBundle(ExportBundle(name: "gpo", files: [file]))
        #expect(result.estate.secrets.map(\.kind) == ["registry secret SharedSecret"])
        #expect(result.estate.groupPolicyObjects.first?.registryValues.isEmpty == true)
        #expect(!String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self).contains("GPREPORT-SECRET-1"))
    }
}
