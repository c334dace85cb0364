import EstateModel
import Foundation
import InputErrors
import Testing

@testable import Importers

@Suite struct RegistryImporterTests {
    static let nrptReg = """
        Windows Registry Editor Version 5.00\r
        \r
        [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-{11}]\r
        "Name"=hex(7):2e,00,63,00,6f,00,72,00,70,00,2e,00,65,00,78,00,61,00,6d,00,70,00,6c,00,\\\r
          65,00,00,00,00,00\r
        "DirectAccessDNSServers"="fd00::1;fd00::2"\r
        "Comment"="say \\"hi\\" \\\\ bye"\r
        \r
        [HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\RemoteAccess\\Parameters\\Ikev2]\r
        "EnableServerFragmentation"=dword:00000001\r
        "CertAuthFlags"=hex(4):04,00,00,00\r
        \r
        """

    @Test func utf16ContinuationAndMultiString() throws {
        let result = try TestInput.importing(
            TestInput.file("nrpt.reg", TestInput.utf16LEWithBOM(Self.nrptReg), server: "da01"))
        let server = try #require(result.estate.server(named: "da01"))
        #expect(server.directAccess.nrptRules.first?.namespaces == [".corp.example"])
        #expect(server.directAccess.nrptRules.first?.directAccessDnsServers == ["fd00::1", "fd00::2"])
        #expect(server.registry.enableServerFragmentation?.value == 1)
        #expect(server.registry.certAuthFlags?.value == 4)
        #expect(server.registry.exported(ServerRegistry.remoteAccessIkev2))
        #expect(server.registry.certAuthFlags?.evidence.location.hasPrefix("line 11") == true)
    }

    @Test func regedit4InANSI() throws {
        let text =
            "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters]\r\n\"IkeNumEstablishedForInitialQuery\"=dword:0000c350\r\n\"Beschreibung\"=\"Schlüssel\"\r\n"
        let result = try TestInput.importing(
            TestInput.file("ike.reg", text.data(using: .windowsCP1252)!, server: "rras02"))
        #expect(result.estate.server(named: "rras02")?.registry.ikeNumEstablishedForInitialQuery?.value == 50000)
    }

    @Test(arguments: [
        ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=dword:12\r\n", 4),
        ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=hex:zz,01\r\n", 4),
        ("Windows Registry Editor Version 5.00\r\n\r\n\"A\"=\"orphan\"\r\n", 3),
        ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X\r\n", 3),
        ("Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=\"unterminated\r\n", 3),
    ])
    func brokenLinesAreErrorsWithLine(_ input: (String, Int)) {
        let error = #expect(throws: InputError.self) {
            try TestInput.importing(TestInput.file("broken.reg", TestInput.utf16LEWithBOM(input.0)))
        }
        #expect(error?.line == input.1, "\(String(describing: error))")
    }
}

@Suite struct NetshDumpImporterTests {
    static let dump = """
        #-----------------------------------
        # Remote Access configuration
        #-----------------------------------
        pushd ras
        add authtype type = PAP
        add authtype type = EAP
        set wanports device = "WAN Miniport (IKEv2)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 256
        set wanports device = "WAN Miniport (PPTP)" rasinonly = disabled ddinout = disabled ddoutonly = disabled maxports = 2
        set ikev2saexpiry saexpirytime = 480 sadatasizelimit = 100
        popd
        pushd ras aaaa
        add authserver name = 10.1.1.1 secret = "S3cr3t-Value!" init-score = 30 port = 1812 timeout = 5 signature = disabled
        popd
        pushd ras ip
        add range from = 10.0.0.1 to = 10.0.0.254
        popd
        """

    @Test func readsPortsAuthPoolsAndRedactsSecrets() throws {
        let result = try TestInput.importing(
            TestInput.file("dump.txt", TestInput.utf16LEWithBOM(Self.dump), server: "rras03"))
        let server = try #require(result.estate.server(named: "rras03"))
        #expect(server.roles.contains(.vpn))
        #expect(server.vpn.ports(for: .ikev2)?.maxPorts == 256)
        #expect(server.vpn.ports(for: .pptp)?.acceptsClients == false)
        #expect(server.vpn.pppAuthTypes?.value == ["PAP", "EAP"])
        #expect(server.vpn.ikev2SAExpiryMinutes?.value == 480)
        #expect(server.vpn.addressPools.first?.to == "10.0.0.254")
        #expect(server.vpn.radiusServers.first?.sharedSecretPresent == true)
        #expect(result.estate.secrets.count == 1)
        let json = String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self)
        #expect(!json.contains("S3cr3t-Value"))
    }

    @Test func malformedPortCountNamesTheLine() {
        let text =
            "pushd ras\nset wanports device = \"WAN Miniport (SSTP)\" rasinonly = enabled maxports = lots\npopd\n"
        let error = #expect(throws: InputError.self) {
            try TestInput.importing(TestInput.file("d.txt", Data(text.utf8)))
        }
        #expect(error?.line == 2)
    }
}

@Suite struct BundleTests {
    @Test func binaryGarbageAloneIsBadInput() {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(throws: InputError.self) { try TestInput.importing(TestInput.file("blob.bin", garbage)) }
    }

    @Test func wrongEncodingOfARecognisedFileIsAnErrorWithLine() {
        var data = Data("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=\"".utf8)
        data.append(contentsOf: [0xC3, 0x28, 0xFF])
        data.append(Data("\"\r\n".utf8))
        let error = #expect(throws: InputError.self) {
            _ = try EstateImporter.importFile(TestInput.file("bad.reg", data), as: .registry, bundle: [])
        }
        #expect(error != nil)
    }

    @Test func zipWithTraversalIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let zip = directory.appendingPathComponent("evil.zip")
        try makeZip(at: zip, entries: ["../escape.reg": Data("REGEDIT4\r\n".utf8)])
        let error = #expect(throws: InputError.self) { try ExportBundle.read(path: zip.path) }
        #expect(error?.message.contains("..") == true)
    }

    @Test func zipOfTheExampleImportsLikeTheFolder() throws {
        let folder = TestInput.examples.appendingPathComponent("contoso")
        let fromFolder = try EstateImporter.importBundle(try ExportBundle.read(path: folder.path))
        var entries: [String: Data] = [:]
        for file in try ExportBundle.read(path: folder.path).files { entries["contoso/\(file.path)"] = file.data }
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("contoso-\(UUID()).zip")
        try makeZip(at: zip, entries: entries)
        let fromZip = try EstateImporter.importBundle(try ExportBundle.read(path: zip.path))
        #expect(fromZip.estate == fromFolder.estate.withFilesPrefixed("contoso/"))
    }
}
