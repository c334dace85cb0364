import EstateModel
import Foundation
import Importers
import InputErrors
import Testing
import ZIPFoundation

/// Hicks' Get-RrasConfiguration.ps1 `RasData` folder (and its zip): files named `<host>_<what>`,
/// PowerShell formatted text, systeminfo, the netsh dump in ASCII.
@Suite struct RasDataTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rasdata/RasData")

    func check(_ result: EstateImporter.Result) throws {
        let estate = result.estate
        let server = try #require(estate.server(named: "rras01"))
        #expect(estate.servers.map(\.name) == ["rras01"], "the server is named after the file prefix, not RasData")
        #expect(server.fqdn == "rras01.corp.contoso.com")
        #expect(server.roles.contains(.vpn))
        #expect(server.operatingSystem?.build?.value == 17763)
        #expect(server.operatingSystem?.build?.evidence.location == "line 4, OS Version")
        #expect(server.vpn.userAuthProtocolsAccepted?.value == ["EAP", "Certificate"])
        #expect(server.vpn.rootCertificateToAccept?.value == "6C85CE0E4884459FD4543A481BDE89BDF237E00B")
        #expect(server.vpn.certificateAdvertised?.value == "")
        #expect(server.registry.certAuthFlags?.value == 2)
        #expect(server.registry.certAuthFlags?.evidence.location == "line 4, CertAuthFlags")
        #expect(server.registry.enableServerFragmentation?.value == 1)
        // IkeNumEstablishedForInitialQuery is shown unset: known absent, not unknown.
        #expect(server.registry.ikeNumEstablishedForInitialQuery == nil)
        #expect(server.registry.exported(ServerRegistry.ikeextParameters, value: "IkeNumEstablishedForInitialQuery"))
        #expect(!server.registry.exported(ServerRegistry.ikeextParameters, value: "NlbsIdleTime"))
        #expect(!server.vpn.ports.isEmpty, "the netsh dump (ASCII) is read")
        // Get-VpnServerIPsecConfiguration's list view: the custom policy (PFSgroup spelled as displayed).
        let policy = try #require(server.vpn.ikev2Policy)
        #expect(policy.isCustom.value && policy.pfsGroup?.value == "PFS2048" && policy.dhGroup?.value == "Group14")
        #expect(policy.encryptionMethod?.evidence.location == "line 6, VpnServerIPsecConfiguration.EncryptionMethod")
        #expect(server.vpn.saLifetimeSeconds?.value == 28800 && server.vpn.saDataSizeKilobytes?.value == 1_024_000)
        // Get-RemoteAccess's list view, through the CLIXML mapping of the same names.
        #expect(server.vpn.status?.value == "Installed")
        #expect(server.vpn.status?.evidence.location == "line 4, RemoteAccess.VpnStatus")
        #expect(!server.roles.contains(.directAccess))
        // ipconfig /all: the adapters' addresses (link-local without its zone).
        #expect(server.addresses.map(\.value) == ["fe80::a1b2:c3d4:e5f6:1234", "10.0.10.21", "172.16.10.21"])
        #expect(server.addresses[1].evidence.location == "line 19, IPv4 Address")
        // Export-NpsConfiguration (a .txt holding the NPS XML): policies in evaluation order, EAP
        // types from the bin.hex, the RADIUS client, and its shared secret only as present.
        let nps = try #require(estate.npsConfigurations.first)
        #expect(nps.host == "rras01")
        #expect(
            nps.networkPolicies.map(\.name) == [
                "Always On VPN", "Connections to Microsoft Routing and Remote Access server",
                "Connections to other access servers",
            ])
        let vpnPolicy = nps.networkPolicies[0]
        #expect(vpnPolicy.authenticationTypes == [.eap] && vpnPolicy.eapTypes == [EapMethod.peap])
        #expect(vpnPolicy.nasPortTypes == [5] && vpnPolicy.appliesToVpn && vpnPolicy.order == 1)
        #expect(vpnPolicy.evidence.file.hasSuffix("rras01_npsconfig.txt"))
        #expect(nps.networkPolicies[1].grantsAccess == false && !nps.networkPolicies[1].appliesToVpn)
        #expect(nps.connectionRequestPolicies.map(\.authenticationProvider) == [1])
        #expect(nps.radiusClients.map(\.address) == ["10.0.10.22"] && nps.radiusClients[0].sharedSecretPresent)
        #expect(
            estate.secrets.contains { $0.kind == "RADIUS shared secret" && $0.evidence.file.hasSuffix("npsconfig.txt") }
        )
        let encoded = String(decoding: try JSONEncoder().encode(estate), as: UTF8.self)
        #expect(!encoded.contains("Fixture-NPS-Client-Secret"), "the NPS shared secret is never in the model")
        #expect(server.vpn.usesRadiusAuthentication == true, "set authentication provider = radius")
        // Get-RemoteAccess's SslCertificate prints only a ToString: not read as a certificate. The
        // store listings are: names, usages and key presence; en-US dates (systeminfo's locale).
        #expect(
            estate.certificates.map(\.thumbprint) == [
                "8E1F5C2A7B3D9E4F6A0B1C2D3E4F5A6B7C8D9E0F", "2B4D6F8A0C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C",
            ])
        let vpn = estate.certificates[0]
        #expect(vpn.host == "rras01" && vpn.store == "LocalMachine\\My" && vpn.commonName == "vpn.contoso.com")
        #expect(vpn.enhancedKeyUsages == [MachineCertificate.serverAuthentication, MachineCertificate.ikeIntermediate])
        #expect(vpn.servesIKEv2 && vpn.hasPrivateKey == true && vpn.dnsNames == ["vpn.contoso.com"])
        #expect(vpn.notAfter == ISO8601DateFormatter().date(from: "2027-01-15T10:00:00Z"))
        #expect(!vpn.hasDerDetails && vpn.keyAlgorithm == nil && vpn.crlDistributionPoints == nil)
        #expect(vpn.evidence.location == "line 5, Thumbprint")
        #expect(estate.certificates[1].notBefore == ISO8601DateFormatter().date(from: "2026-03-02T20:15:42Z"))
        #expect(estate.certificates[1].hasPrivateKey == false)
        #expect(
            estate.certificateKeyStates.map { "\($0.thumbprint) \($0.hasPrivateKey.value)" } == [
                "2B4D6F8A0C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C false"
            ], "_certificates_nokey.txt: every certificate it lists lacks its key")
        // The machine around the role: every other file of the script is read.
        let inventory = try #require(server.inventory)
        #expect(inventory.installedFeatures?.value.contains("DirectAccess-VPN") == true)
        #expect(inventory.installedFeatures?.value.count == 17, "a name cut to '...' is not a name")
        #expect(inventory.installedFeatures?.evidence.value == "18 installed, 1 with a name cut by the table")
        #expect(inventory.activeDirectorySite?.value == "Default-First-Site-Name")
        #expect(inventory.defaultRoutes.map(\.value) == ["172.16.10.1 (ifIndex 6)"])
        #expect(inventory.routeCount == 11)
        #expect(inventory.networkCategories.map(\.value) == ["Internal: DomainAuthenticated", "External: Public"])
        #expect(inventory.firewallProfiles.map(\.value) == ["Domain: True", "Private: True", "Public: False"])
        #expect(inventory.disabledBindings.map(\.value) == ["External: ms_server", "External: ms_msclient"])
        #expect(inventory.disabledBindings.first?.evidence.location == "line 7, binding ms_server")
        #expect(inventory.logicalProcessors?.value == 8 && inventory.activeConnections?.value == 37)
        #expect(inventory.radiusAccounting?.value == "ExternalRadius" && inventory.inboxAccounting?.value == "Disabled")
        #expect(inventory.unhealthyComponents.map(\.value) == ["Server: Warning", "Vpn Connectivity: Warning"])
        #expect(server.registry.autoEnrollmentPolicy?.value == 7)
        // Skipped: the inbox accounting and disk notes, and gpresult /h with its own reason.
        #expect(
            result.skipped.map(\.path).map { $0.split(separator: "/").last.map(String.init) ?? "" }.sorted() == [
                "rras01_dbfiles.txt", "rras01_diskinfo.txt", "rras01_gpresult.htm", "rras01_inboxaccounting.txt",
            ])
        #expect(result.skipped.first { $0.path.hasSuffix("gpresult.htm") }?.reason.contains("gpresult /x") == true)
    }

    @Test func theFolderImportsUnderItsHost() throws {
        try check(try EstateImporter.importBundle(try ExportBundle.read(path: Self.folder.path)))
    }

    @Test func theZipCompressArchiveWritesImportsTheSame() throws {
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("rras01-\(UUID()).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        let archive = try Archive(url: zip, accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() {
            try archive.addEntry(
                with: "RasData/\(name)", fileURL: Self.folder.appendingPathComponent(name), compressionMethod: .deflate)
        }
        try check(try EstateImporter.importBundle(try ExportBundle.read(path: zip.path)))
    }

    @Test func aFileOutsideRasDataKeepsItsFolderAsServer() {
        #expect(ExportBundle.serverHint(folder: "RasData", fileName: "vpn-01_gra.txt") == "vpn-01")
        #expect(ExportBundle.serverHint(folder: "DA01", fileName: "rras01_gra.txt") == "DA01")
        #expect(ExportBundle.serverHint(folder: "rasdata", fileName: "no-prefix.txt") == "rasdata")
    }

    @Test func malformedFormattedTextNamesItsLine() throws {
        let cases: [(String, String, Int, String)] = [
            (
                "rras01_ikev2revocation.txt", "\r\nCertAuthFlags\r\n-------------\r\n          two\r\n", 4,
                "CertAuthFlags is 'two', not a number"
            ),
            (
                "rras01_authconfig.txt",
                "\r\nUserAuthProtocolAccepted      : {EAP}\r\nRootCertificateNameToAccept   : [Subject]\r\n                                  CN=x\r\n",
                3, "RootCertificateNameToAccept does not show a certificate's [Thumbprint]"
            ),
            (
                "rras01_systemconfig.txt", "\r\nHost Name:  RRAS01\r\nOS Name:    Windows\r\nOS Version: 10.0\r\n", 4,
                "OS Version '10.0' has no 'Build NNNNN'"
            ),
            (
                "rras01_ipsecconfig.txt",
                "\r\nEncryptionType     : OptionalEncryption\r\nIkev2Ports         : many\r\nSALifeTime(s)      : 28800\r\n",
                3,
                "Ikev2Ports is 'many', not a number"
            ),
            (
                "rras01_ipconfig.txt",
                "\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : \r\n", 1,
                "ipconfig /all output without a Host Name"
            ),
        ]
        let certificates: [(String, String, Int, String)] = [
            (
                "rras01_certificates.txt",
                "\r\nSubject              : CN=x\r\nThumbprint           : 12AB\r\nEnhancedKeyUsageList : {}\r\n", 3,
                "Thumbprint '12AB' is not 40 hexadecimal digits"
            ),
            (
                "rras01_certificates.txt",
                "\r\nSubject              : CN=x\r\nThumbprint           : 8E1F5C2A7B3D9E4F6A0B1C2D3E4F5A6B7C8D9E0F\r\nNotAfter             : soon\r\nEnhancedKeyUsageList : {}\r\n",
                4, "NotAfter 'soon' is not a date"
            ),
        ]
        let inventory: [(String, String, Int, String)] = [
            (
                "rras01_ipv4routes.txt",
                "\r\nifIndex DestinationPrefix NextHop  ifMetric Protocol\r\n------- ----------------- -------  -------- --------\r\n      x 0.0.0.0/0         10.0.0.1      256 NetMgmt\r\n",
                4, "ifIndex 'x' is not a number"
            ),
            (
                "rras01_cpuinfo.txt",
                "\r\nName                      : Xeon\r\nNumberOfEnabledCore       : 2\r\nNumberOfLogicalProcessors : four\r\n",
                4, "NumberOfLogicalProcessors is 'four', not a number"
            ),
            (
                "rras01_ifbindings.txt",
                "\r\n   Name: External\r\n\r\nName DisplayName ComponentID Enabled\r\n\r\n   Name: Internal\r\n", 2,
                "an adapter group without its binding table"
            ),
        ]
        for (name, text, line, message) in cases + Self.malformedNps + certificates + inventory {
            let data = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
            let bundle = ExportBundle(
                name: "e", files: [ImportedFile(path: "RasData/\(name)", data: data, serverHint: "rras01")])
            let error = #expect(throws: InputError.self) { try EstateImporter.importBundle(bundle) }
            #expect(error?.line == line, "\(name): \(String(describing: error))")
            #expect(error?.message.hasPrefix(message) == true, "\(name): \(String(describing: error))")
        }
    }

    /// Malformed NPS exports (UTF-16 here, as the other cases): the line and the problem.
    static let malformedNps: [(String, String, Int, String)] = {
        let head =
            "<?xml version=\"1.0\"?>\r\n<Root xmlns:dt=\"urn:schemas-microsoft-com:datatypes\">\r\n<Children>\r\n<Microsoft_Internet_Authentication_Service name=\"Microsoft_Internet_Authentication_Service\">\r\n<Children>\r\n"
        let tail = "</Children>\r\n</Microsoft_Internet_Authentication_Service>\r\n</Children>\r\n</Root>\r\n"
        return [
            (
                "rras01_npsconfig.txt",
                head
                    + "<RadiusProfiles name=\"RadiusProfiles\"><Children>\r\n<VPN name=\"VPN\"><Properties>\r\n<msNPAllowedEapType dt:dt=\"bin.hex\">19zz</msNPAllowedEapType>\r\n</Properties></VPN></Children></RadiusProfiles>\r\n<NetworkPolicy name=\"NetworkPolicy\"><Children><VPN name=\"VPN\"><Properties><msNPAction dt:dt=\"string\">VPN</msNPAction></Properties></VPN></Children></NetworkPolicy>\r\n"
                    + tail, 8, "msNPAllowedEapType '19zz' is not hex"
            ),
            (
                "rras01_npsconfig.txt",
                head
                    + "<NetworkPolicy name=\"NetworkPolicy\"><Children>\r\n<VPN name=\"VPN\"><Properties>\r\n<Policy_Enabled dt:dt=\"boolean\">yes</Policy_Enabled>\r\n</Properties></VPN></Children></NetworkPolicy>\r\n"
                    + tail, 8, "Policy_Enabled is 'yes', not a boolean"
            ),
            ("rras01_npsconfig.txt", head + "<NetworkPolicy>\r\n" + tail, 7, "Opening and ending tag mismatch"),
        ]
    }()
}
