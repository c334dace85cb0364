import AdvisorCore
import ClientProfileRules
import EstateModel
import Foundation
import Importers
import InputErrors
import ProfileSchema
import RuleAPI
import Testing

/// Client profiles: the real ProfileXML sample, single mistakes in it, Get-VpnConnection CLIXML.
@Suite struct ClientProfileTests {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/profiles")
    }
    static var realDeviceProfile: Data {
        get throws { try Data(contentsOf: fixtures.appendingPathComponent("ProfileXML_Device.xml")) }
    }

    func profileFindings(_ estate: Estate) -> [Finding] {
        RuleEngine(rules: RuleRegistry.all).assess(estate).filter {
            $0.module == "client-profiles" && $0.outcome == .finding
        }
    }

    @Test func realDeviceTunnelSampleValidatesImportsAndRaisesNothing() throws {
        let data = try Self.realDeviceProfile
        #expect(try ProfileXMLSchema.validate(data, file: "ProfileXML_Device.xml").isEmpty)
        let estate = try TestInput.importing(TestInput.file("clients/ProfileXML_Device.xml", data)).estate
        let profile = try #require(estate.clientProfiles.first)
        #expect(profile.deviceTunnel?.value == true)
        #expect(profile.servers.map(\.value) == ["vpn.example.com"])
        #expect(profile.nativeProtocolType?.value == "IKEv2")
        #expect(profile.machineMethod?.value == "Certificate")
        #expect(profile.cryptographySuite?[.encryptionMethod]?.value == "AES_GCM_128")
        #expect(profile.cryptographySuite?[.encryptionMethod]?.evidence.location.hasPrefix("line 31,") == true)
        #expect(profile.routes?.count == 3)
        #expect(profile.booleanSettings.count == 9)
        #expect(profileFindings(estate).isEmpty, "\(profileFindings(estate))")
    }

    /// One mistake at a time in the real sample: exactly its finding, with the line of the mistake.
    @Test(arguments: [
        ("<AlwaysOn>true</AlwaysOn>", "<AlwaysOn>True</AlwaysOn>", Set(["profile-boolean-case"]), "line 4"),
        (
            "<EncryptionMethod>AES_GCM_128</EncryptionMethod>", "<EncryptionMethod>GCMAES128</EncryptionMethod>",
            Set(["profile-unknown-crypto-value"]), "line 31"
        ),
        (
            "<AuthenticationTransformConstants>GCMAES128</AuthenticationTransformConstants>",
            "<AuthenticationTransformConstants>GSMAES128</AuthenticationTransformConstants>",
            Set(["profile-unknown-crypto-value"]), "line 26"
        ),
        (
            "<NativeProtocolType>IKEv2</NativeProtocolType>", "<NativeProtocolType>Automatic</NativeProtocolType>",
            Set(["ikev2-cryptosuite-ignored", "profile-device-tunnel-invalid"]), "line 17"
        ),
        (
            "<RoutingPolicyType>SplitTunnel</RoutingPolicyType>", "<RoutingPolicyType>ForceTunnel</RoutingPolicyType>",
            Set(["profile-device-tunnel-invalid"]), "line 15"
        ),
        ("<TrustedNetworkDetection>", "<TrustedNetworkDetections>", Set(["profile-schema-invalid"]), "line 7"),
    ])
    func singleMistakeGivesExactlyItsFinding(original: String, mistake: String, expected: Set<String>, line: String)
        throws
    {
        var text = String(decoding: try Self.realDeviceProfile, as: UTF8.self)
        #expect(text.contains(original))
        text = text.replacingOccurrences(of: original, with: mistake)
        if mistake == "<TrustedNetworkDetections>" {
            text = text.replacingOccurrences(of: "</TrustedNetworkDetection>", with: "</TrustedNetworkDetections>")
        }
        let estate = try TestInput.importing(TestInput.file("clients/device.xml", Data(text.utf8))).estate
        let findings = profileFindings(estate)
        #expect(Set(findings.map(\.ruleId)) == expected, "\(findings)")
        #expect(
            findings.allSatisfy { $0.evidence.contains { $0.location == line || $0.location.hasPrefix(line + ",") } },
            "\(findings.map(\.evidence))")
    }

    @Test func typoSuggestsTheNearestCspValue() throws {
        let text = String(decoding: try Self.realDeviceProfile, as: UTF8.self)
            .replacingOccurrences(
                of: "<AuthenticationTransformConstants>GCMAES128", with: "<AuthenticationTransformConstants>GSMAES128"
            )
            .replacingOccurrences(of: "<EncryptionMethod>AES_GCM_128", with: "<EncryptionMethod>GCMAES128")
        let estate = try TestInput.importing(TestInput.file("clients/device.xml", Data(text.utf8))).estate
        let finding = try #require(profileFindings(estate).first { $0.ruleId == "profile-unknown-crypto-value" })
        #expect(finding.message.contains("'GSMAES128' (did you mean 'GCMAES128'?)"))
        #expect(finding.message.contains("'GCMAES128' (did you mean 'AES_GCM_128'?)"))
    }

    @Test func malformedProfileIsBadInputWithLine() throws {
        let text = "<VPNProfile>\n  <AlwaysOn>true</AlwaysOn>\n  <NativeProfile>\n</VPNProfile>\n"
        #expect(throws: InputError.self) {
            try TestInput.importing(TestInput.file("clients/broken.xml", Data(text.utf8)))
        }
        do { _ = try TestInput.importing(TestInput.file("clients/broken.xml", Data(text.utf8))) } catch let error
            as InputError
        {
            #expect(error.file == "clients/broken.xml" && error.line == 4)
        }
    }

    static let vpnConnection = TestInput.clixml(
        """
          <Obj RefId="0">
            <TN RefId="0">
              <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/Client/VpnConnection</T>
              <T>Microsoft.Management.Infrastructure.CimInstance#VpnConnection</T>
              <T>Microsoft.Management.Infrastructure.CimInstance</T>
              <T>System.Object</T>
            </TN>
            <ToString>VpnConnection</ToString>
            <Props>
              <S N="Name">Contoso VPN</S>
              <S N="ServerAddress">vpn.contoso.com</S>
              <B N="SplitTunneling">true</B>
              <S N="TunnelType">Ikev2</S>
              <Obj N="AuthenticationMethod" RefId="1">
                <TN RefId="1"><T>System.String[]</T><T>System.Array</T><T>System.Object</T></TN>
                <LST><S>Eap</S></LST>
              </Obj>
              <Obj N="IPSecCustomPolicy" RefId="2">
                <TN RefId="2"><T>Microsoft.Management.Infrastructure.CimInstance[]</T><T>System.Array</T><T>System.Object</T></TN>
                <LST>
                  <Obj RefId="3">
                    <TN RefId="3">
                      <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/Client/VpnConnectionIPsecConfiguration</T>
                      <T>Microsoft.Management.Infrastructure.CimInstance</T>
                      <T>System.Object</T>
                    </TN>
                    <ToString>VpnConnectionIPsecConfiguration</ToString>
                    <Props>
                      <S N="AuthenticationTransformConstants">SHA256128</S>
                      <S N="CipherTransformConstants">AES128</S>
                      <S N="DHGroup">Group14</S>
                      <S N="EncryptionMethod">AES128</S>
                      <S N="IntegrityCheckMethod">SHA256</S>
                      <S N="PfsGroup">PFS2048</S>
                    </Props>
                  </Obj>
                </LST>
              </Obj>
            </Props>
          </Obj>
        """)

    @Test func getVpnConnectionIsAClientProfileComparedWithTheServer() throws {
        let estate = try TestInput.importing(
            TestInput.file("client01/Get-VpnConnection.xml", TestInput.utf16LEWithBOM(Self.vpnConnection))
        ).estate
        let profile = try #require(estate.clientProfiles.first)
        #expect(profile.source == .vpnConnection && profile.name == "Contoso VPN")
        #expect(profile.routingPolicyType?.value == "SplitTunnel" && profile.nativeProtocolType?.value == "IKEv2")
        #expect(profile.userMethod?.value == "Eap" && profile.routes == nil)
        #expect(profile.cryptographySuite?[.pfsGroup]?.value == "PFS2048")

        // Against the server the profile names (vpn.contoso.com), with the enhanced policy: a
        // mismatch naming every differing value.
        var server = Server(name: "rras01", fqdn: "vpn.contoso.com", roles: [.vpn])
        server.vpn.ikev2Policy = ExampleEstate.customPolicy(
            auth: "GCMAES128", cipher: "GCMAES128", dh: "Group14",
            encryption: "GCMAES128", integrity: "SHA256", pfs: "ECP256")
        var mixed = estate
        mixed.servers = [server]
        let mismatch = try #require(profileFindings(mixed).first { $0.ruleId == "ikev2-client-server-mismatch" })
        #expect(mismatch.severity == .critical)
        #expect(mismatch.message.contains("PfsGroup client PFS2048 / server ECP256"))
        #expect(!mismatch.message.contains("DHGroup"))
        // Against the standard policy it matches: nothing.
        mixed.servers[0].vpn.ikev2Policy = ExampleEstate.standardPolicy
        #expect(profileFindings(mixed).isEmpty, "\(profileFindings(mixed))")
        // A server the profile does not name is never compared with it: not assessed.
        mixed.servers[0] = Server(name: "da01", roles: [.vpn], vpn: mixed.servers[0].vpn)
        mixed.servers[0].vpn.ikev2Policy = ExampleEstate.customPolicy(
            auth: "GCMAES128", cipher: "GCMAES128", dh: "Group14",
            encryption: "GCMAES128", integrity: "SHA256", pfs: "ECP256")
        let results = IKEv2ClientServerMismatchRule().run(on: mixed)
        #expect(
            !results.contains { $0.outcome == .finding } && results.contains { $0.outcome == .notAssessed },
            "\(results)")
    }

    @Test func nrptCoverage() {
        let rule = NrptRule(
            name: nil, namespaces: [".corp.example.com"], directAccessDnsServers: ["fd00::1"], source: "t",
            evidence: ExampleEstate.evidence("x"))
        #expect(
            rule.covers("vpn.corp.example.com") && rule.covers("VPN.Corp.Example.com.")
                && rule.covers("corp.example.com"))
        #expect(!rule.covers("vpn.example.com") && !rule.covers("xcorp.example.com"))
        let fqdn = NrptRule(
            name: nil, namespaces: ["vpn.example.com"], directAccessDnsServers: [], source: "t",
            evidence: ExampleEstate.evidence("x"))
        #expect(fqdn.covers("vpn.example.com") && !fqdn.covers("a.vpn.example.com"))
    }
}
