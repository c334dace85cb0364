import EstateModel
import Foundation
import InputErrors
import Testing
import XMLKit

@testable import Importers

@Suite struct CliXmlImporterTests {
    static let vpnObject = """
          <Obj RefId="0">
            <TN RefId="0">
              <T>Deserialized.Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/RemoteAccess/VpnServerIPsecCustomConfiguration</T>
              <T>Deserialized.Microsoft.Management.Infrastructure.CimInstance#VpnServerIPsecCustomConfiguration</T>
              <T>Deserialized.Microsoft.Management.Infrastructure.CimInstance</T>
              <T>Deserialized.System.Object</T>
            </TN>
            <ToString>VpnServerIPsecCustomConfiguration</ToString>
            <Props>
              <U32 N="Ikev2Ports">64</U32>
              <U32 N="SstpPorts">0</U32>
              <B N="CustomPolicy">true</B>
              <Obj N="DHGroup" RefId="1">
                <TN RefId="1"><T>VpnServer.DHGroup</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
                <ToString>ECP384</ToString>
                <I32>6</I32>
              </Obj>
              <S N="EncryptionMethod">GCMAES256</S>
              <S N="PSComputerName">RRAS07.corp.fabrikam.com</S>
            </Props>
          </Obj>
        """

    @Test func mapsUTF16VpnConfigurationWithDeserializedPrefixAndEnums() throws {
        let result = try TestInput.importing(
            TestInput.file("vpn.xml", TestInput.utf16LEWithBOM(TestInput.clixml(Self.vpnObject))))
        let server = try #require(result.estate.server(named: "rras07"))
        #expect(server.fqdn == "rras07.corp.fabrikam.com")
        #expect(server.roles == [.vpn])
        #expect(server.vpn.ports(for: .ikev2)?.maxPorts == 64)
        #expect(server.vpn.ikev2Policy?.isCustom.value == true)
        #expect(server.vpn.ikev2Policy?.dhGroup?.value == "ECP384")
        #expect(server.vpn.ikev2Policy?.dhGroup?.evidence.location.hasPrefix("line 14") == true)
        #expect(server.vpn.ikev2Policy?.encryptionMethod?.evidence.file == "vpn.xml")
    }

    @Test func utf8WithoutBOMAndRefAndTNRefAndEscapes() throws {
        let body = """
              <Obj RefId="0">
                <TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#DnsClientNrptRule</T><T>System.Object</T></TN>
                <Props>
                  <Obj N="Namespace" RefId="1"><TN RefId="1"><T>System.String[]</T><T>System.Object</T></TN><LST><S>.corp_x005F_x0041_.example</S><S>line_x000D__x000A_two</S></LST></Obj>
                  <S N="Name">{ABC}</S>
                  <Obj N="DirectAccessDnsServers" RefId="2"><TNRef RefId="1" /><LST><S>fd00::1</S></LST></Obj>
                </Props>
              </Obj>
              <Obj RefId="3">
                <TNRef RefId="0" />
                <Props>
                  <Ref N="Namespace" RefId="1" />
                  <Nil N="DirectAccessDnsServers" />
                </Props>
              </Obj>
            """
        let result = try TestInput.importing(
            TestInput.file("srv/nrpt.xml", Data(TestInput.clixml(body).utf8), server: "da09"))
        let rules = try #require(result.estate.server(named: "da09")).directAccess.nrptRules
        #expect(rules.count == 2)
        #expect(rules[0].namespaces == [".corp_x0041_.example", "line\r\ntwo"])
        #expect(rules[0].directAccessDnsServers == ["fd00::1"])
        #expect(rules[1].namespaces == rules[0].namespaces)
        #expect(rules[1].isExemption)
    }

    @Test func remotingPrefixLineIsSkippedInEveryEncoding() throws {
        let document = "#< CLIXML\r\n" + TestInput.clixml(Self.vpnObject)
        var utf8BOM = Data([0xEF, 0xBB, 0xBF])
        utf8BOM.append(Data(document.utf8))
        for data in [Data(document.utf8), utf8BOM, TestInput.utf16LEWithBOM(document)] {
            let result = try TestInput.importing(TestInput.file("remote.xml", data))
            #expect(result.estate.server(named: "rras07")?.vpn.ikev2Policy?.dhGroup?.value == "ECP384")
        }
    }

    @Test func referencesFarBackAreForgottenNotKeptForever() throws {
        // Objects 0...9, then a Ref to object 0 and one to object 9, with room for only 2 objects.
        var body = (0..<10).map { "<Obj RefId=\"\($0)\"><ToString>o\($0)</ToString></Obj>" }.joined()
        body += "<Obj RefId=\"10\"><Props><Ref N=\"Old\" RefId=\"0\" /><Ref N=\"Recent\" RefId=\"9\" /></Props></Obj>"
        var last: PSObject?
        let cliXml = CliXmlReader(file: "refs.xml", rememberLimit: 2) { value, _ in last = value.object }
        try cliXml.read { try $0.feed(Data(TestInput.clixml(body).utf8)) }
        #expect(last?["Old"]?.object == nil)
        #expect(last?["Recent"]?.object?.toString == "o9")
        #expect(cliXml.forgottenReferences == 1)
    }

    @Test func unknownObjectsAreListedNotDroppedNotFatal() throws {
        let body = """
              <Obj RefId="0"><TN RefId="0"><T>System.Diagnostics.Process</T><T>System.Object</T></TN><ToString>notepad</ToString><Props><S N="Name">notepad</S></Props></Obj>
              <S>a bare string</S>
            """
        let result = try TestInput.importing(TestInput.file("p.xml", Data(TestInput.clixml(body).utf8)))
        #expect(result.estate.notUnderstood.map(\.kind).contains("System.Diagnostics.Process"))
        #expect(result.estate.notUnderstood.count == 2)
    }

    @Test func secureStringIsRecordedNeverKept() throws {
        let body = """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#RemoteAccessRadiusServer</T></TN>
                <Props><S N="ServerName">nps01</S><SS N="SharedSecret">76492d1116743f0423413b16050a5345MgB8AEcAVwBYAA==</SS><U32 N="Port">1812</U32></Props>
              </Obj>
            """
        let result = try TestInput.importing(TestInput.file("r.xml", Data(TestInput.clixml(body).utf8)))
        #expect(result.estate.secrets.map(\.kind) == ["SecureString"])
        let json = String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self)
        #expect(!json.contains("76492d1116743f"))
        #expect(result.estate.servers.first?.vpn.radiusServers.first?.sharedSecretPresent == true)
    }

    @Test(arguments: [
        (
            "<Objs Version=\"1.1.0.1\" xmlns=\"\(TestInput.psNamespace)\">\n<Obj RefId=\"0\">\n<Props>\n<S N=\"A\">x</S>\n",
            "truncated"
        ),
        ("<Objs Version=\"1.1.0.1\" xmlns=\"\(TestInput.psNamespace)\">\n<Ref RefId=\"9\" />\n</Objs>", "Ref"),
        ("<Objs Version=\"1.1.0.1\" xmlns=\"\(TestInput.psNamespace)\">\n<B>maybe</B>\n</Objs>", "B"),
        (
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1:1/x\">]>\n<Objs Version=\"1.1.0.1\" xmlns=\"\(TestInput.psNamespace)\">&e;</Objs>",
            "entity"
        ),
    ])
    func malformedInputNamesFileAndLine(_ input: (String, String)) throws {
        let error = #expect(throws: InputError.self) {
            try TestInput.importing(TestInput.file("bad.xml", Data(input.0.utf8)))
        }
        #expect(error?.file == "bad.xml", "\(input.1)")
        #expect((error?.line ?? 0) > 0, "\(input.1): \(String(describing: error))")
    }
}

@Suite struct RoleTests {
    @Test func vpnStatusUninstalledWinsOverNetshPorts() throws {
        let remoteAccess = TestInput.clixml(
            """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/RemoteAccess</T></TN>
                <Props><S N="DAStatus">Installed</S><S N="VpnStatus">Uninstalled</S></Props></Obj>
            """)
        let dump = "pushd ras\nset wanports device = \"WAN Miniport (SSTP)\" rasinonly = enabled maxports = 128\npopd\n"
        let result = try TestInput.importing(
            TestInput.file("da05/ra.xml", Data(remoteAccess.utf8), server: "da05"),
            TestInput.file("da05/dump.txt", Data(dump.utf8), server: "da05"))
        #expect(result.estate.server(named: "da05")?.roles == [.directAccess])
        #expect(result.estate.vpnServers.isEmpty)
    }
}
