import AdvisorCore
import EstateModel
import Foundation
import Reporting
import RuleAPI
import Testing

/// Plants secrets in every format, runs the real CLI, and scans everything it wrote.
@Suite struct SecretsAndOutputSafetyTests {
    static let secrets = [
        "SS-76492d1116743f0423413b16050a5345", "CLIXML-RADIUS-SECRET-1", "NETSH-RADIUS-SECRET-2", "NETSH-L2TP-PSK-3",
        "REG-SHARED-SECRET-4", "NSCONF-MONITOR-PASSWORD-5", "NSCONF-UNKNOWN-PASSWORD-6",
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "PFX-PRIVATE-KEY-BYTES-7", "NPS-CLIENT-SECRET-8", "NPS-REMOTE-SECRET-9",
    ]

    /// A PFX as Export-PfxCertificate lays it out (SEQUENCE { INTEGER 3, ContentInfo pkcs7-data
    /// [0] { OCTET STRING } }), the octets standing for the protected key bags.
    static func pfx() -> Data {
        let secret = Array("PFX-PRIVATE-KEY-BYTES-7".utf8)
        let octets: [UInt8] = [0x04, UInt8(secret.count)] + secret
        let explicit: [UInt8] = [0xA0, UInt8(octets.count)] + octets
        let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        let info: [UInt8] = [0x30, UInt8(oid.count + explicit.count)] + oid + explicit
        let body: [UInt8] = [0x02, 0x01, 0x03] + info
        return Data([0x30, UInt8(body.count)] + body)
    }

    func plantedBundle() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID())/estate")
        let server = root.appendingPathComponent("RRAS09")
        try FileManager.default.createDirectory(at: server, withIntermediateDirectories: true)
        let clixml = TestInput.clixml(
            """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/RemoteAccessRadiusServer</T></TN>
                <Props><S N="ServerName">nps01</S><S N="SharedSecret">CLIXML-RADIUS-SECRET-1</S><U32 N="Port">1812</U32></Props></Obj>
              <Obj RefId="1"><TN RefId="1"><T>System.Management.Automation.PSCredential</T></TN>
                <Props><S N="UserName">CORP\\svc</S><SS N="Password">SS-76492d1116743f0423413b16050a5345</SS></Props></Obj>
            """)
        try TestInput.utf16LEWithBOM(clixml).write(to: server.appendingPathComponent("radius.xml"))
        try TestInput.utf16LEWithBOM(
            """
            pushd ras
            set wanports device = "WAN Miniport (IKEv2)" rasinonly = enabled maxports = 128
            popd
            pushd ras aaaa
            add authserver name = nps01 secret = "NETSH-RADIUS-SECRET-2" init-score = 30 port = 1812 timeout = 5 signature = disabled
            set ipsecpolicy psk = enabled secret = NETSH-L2TP-PSK-3
            popd
            """
        ).write(to: server.appendingPathComponent("dump.txt"))
        try TestInput.utf16LEWithBOM(
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2]\r\n\"SharedSecret\"=\"REG-SHARED-SECRET-4\"\r\n"
        )
        .write(to: server.appendingPathComponent("ikev2.reg"))
        try Data(
            """
            add server rras09 10.0.10.19
            add lb monitor mon_radius RADIUS -userName probe -password NSCONF-MONITOR-PASSWORD-5 -encrypted
            add serviceGroup sg500 UDP -usip YES
            add lb vserver vs500 UDP 203.0.113.9 500 -persistenceType SOURCEIP -timeout 60
            bind lb vserver vs500 sg500
            bind serviceGroup sg500 rras09 500
            frobnicate system user nsroot -password NSCONF-UNKNOWN-PASSWORD-6
            """.utf8
        ).write(to: root.appendingPathComponent("ns.conf"))
        try Data("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n".utf8)
            .write(to: server.appendingPathComponent("vpn.key"))
        try Self.pfx().write(to: server.appendingPathComponent("vpn.pfx"))
        // Export-NpsConfiguration writes RADIUS client and remote RADIUS server secrets in clear text.
        let nps = root.appendingPathComponent("NPS01")
        try FileManager.default.createDirectory(at: nps, withIntermediateDirectories: true)
        let dt = "xmlns:dt=\"urn:schemas-microsoft-com:datatypes\""
        try Data(
            """
            <?xml version="1.0"?>
            <Root \(dt)><Children><Microsoft_Internet_Authentication_Service name="Microsoft_Internet_Authentication_Service"><Children>
            <Protocols name="Protocols"><Children><Microsoft_Radius_Protocol name="Microsoft Radius Protocol"><Children>
            <Clients name="Clients"><Children><RRAS09 name="RRAS09"><Properties><IP_Address \(dt) dt:dt="string">10.0.10.19</IP_Address><Shared_Secret \(dt) dt:dt="string">NPS-CLIENT-SECRET-8</Shared_Secret></Properties></RRAS09></Children></Clients>
            </Children></Microsoft_Radius_Protocol></Children></Protocols>
            <RadiusServerGroups name="RadiusServerGroups"><Children><Upstream name="Upstream"><Children><NPS02 name="NPS02"><Properties><Address \(dt) dt:dt="string">10.0.20.2</Address><Shared_Secret \(dt) dt:dt="string">NPS-REMOTE-SECRET-9</Shared_Secret></Properties></NPS02></Children></Upstream></Children></RadiusServerGroups>
            </Children></Microsoft_Internet_Authentication_Service></Children></Root>
            """.utf8
        ).write(to: nps.appendingPathComponent("npsconfig.xml"))
        return root
    }

    @Test func plantedSecretsReachNoDatabaseLogOrReport() throws {
        let root = try plantedBundle()
        let work = root.deletingLastPathComponent()
        let database = work.appendingPathComponent("db.sqlite")
        let out = work.appendingPathComponent("out")
        let run = try CommandLineTests().run(["run", root.path, "--db", database.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        var scanned: [(String, Data)] = [("stdout", Data(run.stdout.utf8)), ("stderr", Data(run.stderr.utf8))]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            scanned.append((name, try Data(contentsOf: out.appendingPathComponent(name))))
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: work.path) where file.hasPrefix("db.sqlite") {
            scanned.append((file, try Data(contentsOf: work.appendingPathComponent(file))))
        }
        #expect(scanned.count >= 7)
        for (name, data) in scanned {
            for secret in Self.secrets {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) leaked into \(name)")
            }
        }
        let json = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        for kind in [
            "SecureString", "RADIUS shared secret", "L2TP pre-shared key", "registry secret SharedSecret",
            "private key",
        ] {
            #expect(json.contains(kind), "presence of \(kind) not recorded")
        }
        #expect(json.contains("PKCS#12 container"), "the .pfx is not recorded as a private key")
        #expect(
            json.contains("RADIUS client RRAS09") && json.contains("remote RADIUS server NPS02"),
            "NPS secrets' presence")
    }

    @Test func csvCellsCannotStartAFormula() throws {
        let server = Server(name: "=cmd|' /C calc'!A0", roles: [.vpn])
        let finding = Finding(
            ruleId: "pptp-enabled", module: "protocols", severity: .high, server: server.name,
            title: "PPTP Is Enabled", message: "+SUM(1,2)",
            evidence: [Evidence(file: "@x.txt", location: "-1", value: "\"q\"")],
            remediation: "fix", outcome: .finding)
        let input = ReportInput(
            environment: "e", assessmentId: 1, assessedAt: Date(), toolVersion: "t",
            estate: Estate(servers: [server]), findings: [finding], rules: [], imports: [])
        let csv = try ReportWriter(input: input).render(.csv)
        let row = try #require(csv.split(separator: "\r\n").dropFirst().first)
        #expect(row.hasPrefix("\"pptp-enabled\""))
        #expect(row.contains("\"'=cmd|' /C calc'!A0\""))
        #expect(row.contains("\"'+SUM(1,2)\""))
        #expect(row.contains("\"'@x.txt -1: \"\"q\"\"\""))
    }

    @Test func nothingIsWrittenOutsideTheOutputFolder() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID())")
        let out = work.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let run = try CommandLineTests().run([
            "run", TestInput.examples.appendingPathComponent("contoso").path, "-e", "../../escape/<x>",
            "--db", work.appendingPathComponent("db.sqlite").path, "--out", out.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == [
                "report.html", "report.md", "report.json", "report.csv", "report.sarif",
            ])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: work.path)) == ["db.sqlite", "reports"])
    }
}
