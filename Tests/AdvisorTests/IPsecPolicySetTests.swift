import EstateModel
import Foundation
import Testing

@testable import Importers

/// The IPsec authentication and cryptographic sets of a DirectAccess GPO: from `Registry.pol`
/// (MS-GPFAS value names), from a GPO report's Windows Firewall extension, merged without
/// duplicates, with the pre-shared key only recorded as present.
@Suite struct IPsecPolicySetTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/contoso/gpo/{5B0C1E2D-3F4A-4B6C-8D9E-0F1A2B3C4D5E}").standardized
    static let backupId = "{5B0C1E2D-3F4A-4B6C-8D9E-0F1A2B3C4D5E}"
    static let firewall = "Software\\Policies\\Microsoft\\WindowsFirewall"

    static func bundle(_ files: [String: Data]) throws -> ExportBundle {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return try ExportBundle.read(path: folder.path)
    }

    @Test func theExampleRegistryPolDefinesTheTunnelsSets() throws {
        let pol = try Data(contentsOf: Self.example.appendingPathComponent("DomainSysvol/GPO/Machine/registry.pol"))
        let result = try EstateImporter.importBundle(
            try Self.bundle(["{5B0C1E2D-3F4A-4B6C-8D9E-0F1A2B3C4D5E}/DomainSysvol/GPO/Machine/registry.pol": pol]))
        let gpo = try #require(result.estate.groupPolicyObjects.first)
        #expect(gpo.authenticationSets.map(\.phase) == [1, 2, 2])
        let first = try #require(gpo.authenticationSet("{a3e2c1b0-1111-4d2e-9f3a-5b6c7d8e9f01}", phase: 1))
        #expect(first.name == "DirectAccess computer certificate")
        #expect(first.suites.map(\.method) == ["MachineCert"])
        #expect(first.suites.first?.certificationAuthority == "DC=com, DC=contoso, DC=corp, CN=Contoso Issuing CA")
        let quickMode = try #require(gpo.cryptoSets.first)
        #expect(quickMode.phase == 2 && quickMode.suites.count == 2)
        #expect(quickMode.suites.map(\.encryption) == ["AES-192", "AES-128"])
        #expect(quickMode.suites.allSatisfy { $0.integrity == "SHA1" && $0.protocolName == "ESP" })
        #expect(quickMode.suites.first?.weakAlgorithms == ["SHA1"])
        #expect(quickMode.suites.first?.evidence.location.contains("Phase2CryptoSets") == true)
        // The tunnel rules name these sets.
        let rules = gpo.tunnelRules.compactMap { ConnectionSecurityRule.parse($0.value) }
        #expect(rules.count == 2)
        #expect(rules.allSatisfy { gpo.cryptoSet($0.cryptoSet ?? "", phase: 2) != nil })
    }

    @Test func theReportAndTheRegistryPolOfOneGpoMergeWithoutDuplicates() throws {
        let pol = try Data(contentsOf: Self.example.appendingPathComponent("DomainSysvol/GPO/Machine/registry.pol"))
        let report = try Data(contentsOf: Self.example.appendingPathComponent("gpreport.xml"))
        let reportOnly = try EstateImporter.importBundle(try Self.bundle(["gpreport.xml": report]))
        let fromReport = try #require(reportOnly.estate.groupPolicyObjects.first)
        #expect(fromReport.tunnelRules.count == 2, "the Windows Firewall extension's ConnectionSecurityRules")
        let intranet = try #require(
            fromReport.tunnelRules.compactMap { ConnectionSecurityRule.parse($0.value) }.first {
                $0.name == "DirectAccess Policy-ClientToCorp"
            })
        #expect(intranet.version == "v2.10" && intranet.endpoints2 == ["fd2c:1b0a:7c3e::/48"])
        #expect(intranet.values("Profile") == ["Public", "Private"], "a repeated element is a repeated token")
        #expect(fromReport.authenticationSets.map(\.suites.first?.method) == ["MachineCert", "UserNtlm", "UserKerb"])
        #expect(reportOnly.estate.notUnderstood.isEmpty, "\(reportOnly.estate.notUnderstood.map(\.kind))")

        let both = try EstateImporter.importBundle(
            try Self.bundle([
                "\(Self.backupId)/gpreport.xml": report, "\(Self.backupId)/DomainSysvol/GPO/Machine/registry.pol": pol,
                "\(Self.backupId)/bkupInfo.xml": try Data(
                    contentsOf: Self.example.appendingPathComponent("bkupInfo.xml")),
            ]))
        let merged = try #require(both.estate.groupPolicyObjects.first)
        #expect(both.estate.groupPolicyObjects.count == 1)
        #expect(merged.connectionSecurityRules.count == 2, "the same rules from both files are kept once")
        #expect(merged.authenticationSets.count == 3 && merged.cryptoSets.count == 1)
    }

    @Test func aPresharedKeyIsRecordedAsPresentAndNeverStored() throws {
        let key = "\(Self.firewall)\\Phase1AuthenticationSets\\{11111111-2222-3333-4444-555555555555}\\0000"
        let pol = RegistryPolTests.pol([
            (key, "Method", 1, RegistryPolTests.sz("MachineSHKey")),
            (key, "SHKey", 1, RegistryPolTests.sz("correct-horse-battery")),
        ])
        let result = try EstateImporter.importBundle(try Self.bundle(["{AB}/Machine/registry.pol": pol]))
        let gpo = try #require(result.estate.groupPolicyObjects.first)
        #expect(gpo.authenticationSets.first?.suites.first?.isPresharedKey == true)
        #expect(result.estate.secrets.contains { $0.kind == "registry secret SHKey" })
        let encoded = String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self)
        #expect(!encoded.contains("correct-horse-battery"))

        let report = GpoReportTests.report(
            settings: "",
            extensions: """
                <ExtensionData><Extension xmlns:q9="http://www.microsoft.com/GroupPolicy/Settings/WindowsFirewall" xsi:type="q9:WindowsFirewallSettings">
                <q9:Phase1AuthenticationSets><q9:GUID>{11111111-2222-3333-4444-555555555555}</q9:GUID>
                <q9:AuthenticationSuites><q9:Method>MachineSHKey</q9:Method><q9:SHKey>correct-horse-battery</q9:SHKey></q9:AuthenticationSuites>
                </q9:Phase1AuthenticationSets></Extension><Name>Windows Firewall</Name></ExtensionData>
                """)
        let fromReport = try EstateImporter.importBundle(try Self.bundle(["gpreport.xml": report]))
        #expect(fromReport.estate.secrets.contains { $0.kind.hasPrefix("IPsec pre-shared key") })
        #expect(!String(decoding: try JSONEncoder().encode(fromReport.estate), as: UTF8.self).contains("correct-horse"))
    }

    @Test func theNewestSpellingOfASuiteValueWins() {
        let evidence = Evidence(file: "f", location: "l", value: "v")
        let suite = IPsecSetValues.cryptoSuite(
            phase: 1, values: ["hash": "SHA1", "2_1hash": "SHA256", "encryption": "3DES", "keyexchange": "DH2"],
            evidence: evidence)
        #expect(suite.integrity == "SHA256" && suite.encryption == "3DES")
        #expect(suite.weakAlgorithms == ["3DES", "DH2"])
        let quick = IPsecSetValues.cryptoSuite(
            phase: 2, values: ["esphash": "SHA256", "ahhash": "MD5", "encryption": "AES-256"], evidence: evidence)
        #expect(quick.integrity == "SHA256" && quick.ahIntegrity == "MD5" && quick.weakAlgorithms == ["MD5"])
        #expect(IPsecSetValues.setKind("Phase1CryptoSet")! == (.crypto, 1))
        #expect(IPsecSetValues.setKind("Phase2AuthenticationSets")! == (.authentication, 2))
        #expect(IPsecSetValues.setKind("ConSecRules") == nil)
    }
}
