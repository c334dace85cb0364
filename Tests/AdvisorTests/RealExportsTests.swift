import AdvisorCore
import EstateModel
import Foundation
import Importers
import InputErrors
import Planning
import ProfileSchema
import Reporting
import RuleAPI
import Testing

/// Real public files written by other people (sources and licences in Fixtures/profiles/SOURCES.txt):
/// Windows accepts them, so the advisor must too, and what it says about them must be true.
@Suite struct RealExportsTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: ClientProfileTests.fixtures.appendingPathComponent(name))
    }

    static func findings(_ name: String) throws -> [Finding] {
        let estate = try TestInput.importing(TestInput.file("clients/\(name)", try fixture(name))).estate
        return RuleEngine(rules: RuleRegistry.all).assess(estate).filter { $0.outcome == .finding }
    }

    @Test func hicksUserTemplateValidatesAndGetsOnlyTrueFindings() throws {
        // MachineMethod EAP (Intune on Windows 11) and Proxy with both Manual and AutoConfigUrl are
        // allowed by Microsoft's XSD: no schema problem.
        #expect(
            try ProfileXMLSchema.validate(try Self.fixture("ProfileXML_User.xml"), file: "ProfileXML_User.xml").isEmpty)
        let ids = Set(try Self.findings("ProfileXML_User.xml").map(\.ruleId))
        // Automatic with a CryptographySuite (Hicks' own error 800 article), and a proxy on a split
        // tunnel (the template's own comment: "ignored if split tunneling is enabled"). Nothing else.
        #expect(ids == ["ikev2-cryptosuite-ignored", "profile-proxy-on-split-tunnel"], "\(ids)")
    }

    @Test func hicksLockDownProfileIsAForceTunnelByDefault() throws {
        #expect(
            try ProfileXMLSchema.validate(try Self.fixture("ProfileXML_LockDown.xml"), file: "ProfileXML_LockDown.xml")
                .isEmpty)
        let ids = Set(try Self.findings("ProfileXML_LockDown.xml").map(\.ruleId))
        #expect(!ids.contains("profile-split-without-routes"), "no RoutingPolicyType means ForceTunnel: \(ids)")
        #expect(!ids.contains("profile-schema-invalid"))
    }

    @Test func aProfileWithoutServersDoesNotValidate() throws {
        let xml = Data(
            "<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>IKEv2</NativeProtocolType>\n  </NativeProfile>\n</VPNProfile>\n"
                .utf8)
        let problems = try ProfileXMLSchema.validate(xml, file: "p.xml")
        #expect(
            problems.count == 1 && problems.first?.line == 2 && problems.first?.message.contains("Servers") == true,
            "\(problems)")
    }

    @Test func schemaMessagesSayWhereAnElementBelongs() throws {
        let xml = Data(
            """
            <VPNProfile>
              <NativeProfile>
                <Servers>vpn.example.com</Servers>
                <Route><Address>10.0.0.0</Address><PrefixSize>8</PrefixSize></Route>
              </NativeProfile>
              <TrustedNetworkDetections>corp.example.com</TrustedNetworkDetections>
            </VPNProfile>
            """.utf8)
        let problems = try ProfileXMLSchema.validate(xml, file: "p.xml")
        #expect(
            problems.contains { $0.line == 4 && $0.message.contains("Route belongs directly under VPNProfile") },
            "\(problems)")
        #expect(
            problems.contains {
                $0.line == 6 && $0.message.contains("did you mean TrustedNetworkDetection (under VPNProfile)?")
            }, "\(problems)")
    }

    @Test func aCapitalisedBooleanIsOneFinding() throws {
        var text = String(decoding: try Self.fixture("ProfileXML_LockDown.xml"), as: UTF8.self)
        text = text.replacingOccurrences(of: "<RegisterDNS>true</RegisterDNS>", with: "<RegisterDNS>True</RegisterDNS>")
        let estate = try TestInput.importing(TestInput.file("clients/lockdown.xml", Data(text.utf8))).estate
        let ids = RuleEngine(rules: RuleRegistry.all).assess(estate).filter { $0.outcome == .finding }.map(\.ruleId)
        #expect(ids.contains("profile-boolean-case") && !ids.contains("profile-schema-invalid"), "\(ids)")
    }

    /// "Not assessed, never a pass": a module whose input is not in the export reports every rule
    /// as not assessed, so no module shows "ready" on input it never saw.
    @Test func aModuleWithoutItsInputIsNotAssessedNotReady() throws {
        let dnsOnly = """
            ltm pool /Common/dns { members { /Common/10.0.0.53:53 { address 10.0.0.53 } } monitor /Common/udp }
            ltm virtual /Common/vs_dns { destination /Common/203.0.113.53:53 ip-protocol udp pool /Common/dns }
            """
        let estate = try TestInput.importing(TestInput.file("lb/bigip.conf", Data(dnsOnly.utf8))).estate
        let results = RuleEngine(rules: RuleRegistry.all).assess(estate)
        for rule in RuleRegistry.all {
            let mine = results.filter { $0.ruleId == rule.description.id }
            #expect(!mine.isEmpty && mine.allSatisfy { $0.outcome == .notAssessed }, "\(rule.description.id): \(mine)")
        }
        let lb = results.first { $0.module == "load-balancing" }
        #expect(lb?.message.contains("no virtual server for UDP 500 or 4500") == true)
        let input = ReportInput(
            environment: "e", assessmentId: 1, assessedAt: Date(), toolVersion: "t", estate: estate, findings: results,
            rules: RuleRegistry.all.map { $0.description }, imports: [])
        #expect(input.moduleReadiness.allSatisfy { $0.assessed == 0 }, "\(input.moduleReadiness)")
    }
}

/// Secrets in load balancer configurations are listed as present, and never kept.
@Suite struct LoadBalancerSecretsTests {
    @Test func f5AndCitrixSecretsAreListedNotKept() throws {
        let f5 = """
            ltm profile client-ssl /Common/vpn_ssl {
                cert-key-chain {
                    default {
                        cert /Common/vpn.crt
                        key /Common/vpn.key
                        passphrase $M$Zq$cGxhbnRlZHNlY3JldA==
                    }
                }
            }
            ltm virtual /Common/vs500 {
                destination /Common/203.0.113.10:500
                ip-protocol udp
            }
            """
        let f5Estate = try TestInput.importing(TestInput.file("lb/bigip.conf", Data(f5.utf8))).estate
        #expect(f5Estate.secrets.map(\.kind) == ["F5 passphrase"])
        #expect(f5Estate.secrets.first?.evidence.location == "line 6")
        let citrix = """
            add system user nsroot 3f1a9e0c7b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e -encrypted -encryptmethod ENCMTHD_3 -hashmethod SHA512
            add ssl certKey vpn -cert vpn.crt -key vpn.key
            add lb vserver vs_ike_500 UDP 203.0.113.10 500 -persistenceType SOURCEIP -timeout 60
            """
        let citrixEstate = try TestInput.importing(TestInput.file("lb/ns.conf", Data(citrix.utf8))).estate
        #expect(citrixEstate.secrets.map(\.kind) == ["Citrix ADC -encrypted"], "\(citrixEstate.secrets)")
        let json =
            String(decoding: try JSONEncoder().encode(citrixEstate), as: UTF8.self)
            + String(decoding: try JSONEncoder().encode(f5Estate), as: UTF8.self)
        #expect(!json.contains("3f1a9e0c7b2d") && !json.contains("cGxhbnRlZHNlY3JldA"))
    }
}

/// One odd file must not block a bundle: every value type a .reg file may hold is read, and
/// --keep-going imports the good files, refusing and listing the malformed ones.
@Suite struct KeepGoingTests {
    static func bundle() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keepgoing-\(UUID())")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("clients"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("RRAS01"), withIntermediateDirectories: true)
        try RealExportsTests.fixture("ProfileXML_User.xml").write(
            to: root.appendingPathComponent("clients/ProfileXML_User.xml"))
        try Data("<VPNProfile>\n  <AlwaysOn>true</AlwaysOn>\n  <NativeProfile>\n</VPNProfile>\n".utf8)
            .write(to: root.appendingPathComponent("clients/broken.xml"))
        let reg =
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2]\r\n"
            + "\"EnableServerFragmentation\"=dword:00000001\r\n\"Limit\"=qword:00000000000000ff\r\n\"Link\"=hex(6):5c,00\r\n\"Odd\"=sz:abc\r\n\r\n"
        try TestInput.utf16LEWithBOM(reg).write(to: root.appendingPathComponent("RRAS01/ikev2.reg"))
        return root
    }

    @Test func withoutTheFlagNothingLandsAndTheErrorCountsTheGoodFiles() throws {
        let advisor = try Advisor.inMemory()
        do {
            _ = try advisor.importExport(at: try Self.bundle().path, environment: "kg")
            Issue.record("the malformed profile did not fail the import")
        } catch let error as InputError {
            #expect(error.file == "clients/broken.xml" && error.line == 4)
            #expect(
                error.message.contains("2 other file(s) were fine") && error.message.contains("--keep-going"),
                "\(error)")
        }
        #expect(try advisor.store.environmentId(named: "kg") == nil)
    }

    @Test func withTheFlagTheGoodFilesLandAndTheReportsListTheRest() throws {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: try Self.bundle().path, environment: "kg", keepGoing: true)
        #expect(Set(outcome.added) == ["clients/ProfileXML_User.xml", "RRAS01/ikev2.reg"])
        #expect(outcome.refused.map(\.path) == ["clients/broken.xml"] && outcome.refused.first?.line == 4)
        // Every value type is read; the one no tool defines is listed, never fatal.
        #expect(
            outcome.notUnderstood.contains {
                $0.kind == "registry value of a type not understood" && $0.evidence.value == "sz:abc"
            })
        _ = try advisor.assess(environment: "kg")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kg-out-\(UUID())")
        _ = try advisor.report(environment: "kg", to: out)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
            as? [String: Any]
        let problems = try #require(json?["importProblems"] as? [[String: Any]])
        #expect(
            problems.contains {
                $0["file"] as? String == "clients/broken.xml" && $0["kind"] as? String == "refused"
                    && $0["line"] as? Int == 4
            })
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(markdown.contains("## Files not imported") && markdown.contains("clients/broken.xml"))
        #expect(html.contains("Files not imported") && html.contains("clients/broken.xml"))
    }
}

/// Recognition and noise: what a file is, said plainly; a full configuration does not flood the report.
@Suite struct RecognitionTests {
    @Test func aTmshFileWithOnlyAMonitorIsRecognised() {
        let monitor =
            "ltm monitor gateway-icmp /Common/vpn_icmp {\n    defaults-from /Common/gateway_icmp\n    interval 5\n}\n"
        #expect(EstateImporter.detectFormat(Data(monitor.utf8)) == .f5)
    }

    @Test func aGpresultHtmlReportIsNamedWhenSkipped() throws {
        // gpresult /h writes UTF-16 HTML in the GPMC report style.
        let html =
            "<html dir=\"ltr\" xmlns:v=\"urn:schemas-microsoft-com:vml\" gpmc_reportInitialized=\"false\">\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-16\" />\r\n<title>CORP\\admin on RRAS01</title>\r\n</head><body></body></html>\r\n"
        let data = Data([0xFF, 0xFE]) + html.data(using: .utf16LittleEndian)!
        let result = try TestInput.importing(
            TestInput.file("RasData/rras01_gpresult.htm", data),
            TestInput.file("clients/ProfileXML_User.xml", try RealExportsTests.fixture("ProfileXML_User.xml")))
        let reason = try #require(result.skipped.first?.reason)
        #expect(
            reason.hasPrefix("Group Policy HTML report (gpresult /h") && reason.contains("gpresult /x"), "\(reason)")
    }

    @Test func loadBalancersAreNamedAfterTheDeviceOrTheFile() throws {
        let f5 =
            "sys global-settings {\n    hostname bigip01.example.com\n}\nltm virtual /Common/vs500 {\n    destination /Common/203.0.113.10:500\n    ip-protocol udp\n}\n"
        #expect(
            try TestInput.importing(TestInput.file("lb/bigip.conf", Data(f5.utf8))).estate.loadBalancers.first?.name
                == "bigip01.example.com")
        let citrix = "set ns hostName adc01\nadd lb vserver vs_ike_500 UDP 203.0.113.10 500 -persistenceType SOURCEIP\n"
        #expect(
            try TestInput.importing(TestInput.file("lb/ns.conf", Data(citrix.utf8))).estate.loadBalancers.first?.name
                == "adc01")
        let bare = "ltm virtual /Common/vs500 {\n    destination /Common/203.0.113.10:500\n    ip-protocol udp\n}\n"
        #expect(
            try TestInput.importing(TestInput.file("lb/bigip.conf", Data(bare.utf8))).estate.loadBalancers.first?.name
                == "lb/bigip.conf")
    }

    @Test func notUnderstoodObjectsAreGroupedInTheMarkdownReport() throws {
        var config = "ltm virtual /Common/vs500 {\n    destination /Common/203.0.113.10:500\n    ip-protocol udp\n}\n"
        for index in 0..<300 { config += "sys db tm.option\(index) {\n    value \"x\"\n}\n" }
        let advisor = try Advisor.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("noise-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(config.utf8).write(to: directory.appendingPathComponent("bigip.conf"))
        _ = try advisor.importExport(at: directory.path, environment: "noise")
        _ = try advisor.assess(environment: "noise")
        let out = directory.appendingPathComponent("out")
        _ = try advisor.report(environment: "noise", to: out)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(
            markdown.contains("| tmsh sys db | bigip.conf | 300 |"),
            "\(markdown.components(separatedBy: "## Not understood").last?.prefix(600) ?? "")")
        #expect(markdown.components(separatedBy: "tmsh sys db").count == 2)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
            as? [String: Any]
        #expect((json?["notUnderstood"] as? [Any])?.count == 300)
    }
}

/// Citrix ADC source translation in each documented form: USIP per service, per service group,
/// changed later with `set`, or global; a virtual server with no bound service is unknown.
@Suite struct CitrixSourceTranslationFormsTests {
    static func kind(_ config: String) throws -> SourceTranslation.Kind? {
        try TestInput.importing(TestInput.file("lb/ns.conf", Data(config.utf8))).estate.loadBalancers.first?.listeners
            .first?.sourceTranslation.kind
    }

    @Test func usipFormsAndUnboundVirtualServers() throws {
        let base =
            "add server rras01 10.0.10.11\nadd service svc_ike rras01 UDP 500%@\nadd lb vserver vs_ike_500 UDP 203.0.113.10 500 -persistenceType SOURCEIP\nbind lb vserver vs_ike_500 svc_ike\n"
        #expect(try Self.kind(base.replacingOccurrences(of: "%@", with: "")) == .automap, "USNIP by default")
        #expect(try Self.kind(base.replacingOccurrences(of: "%@", with: " -usip YES")) == SourceTranslation.Kind.none)
        #expect(
            try Self.kind("enable ns mode FR L3 USIP\n" + base.replacingOccurrences(of: "%@", with: ""))
                == SourceTranslation.Kind.none)
        #expect(
            try Self.kind(base.replacingOccurrences(of: "%@", with: "") + "set service svc_ike -usip YES\n")
                == SourceTranslation.Kind.none)
        #expect(
            try Self.kind(
                "enable ns mode USIP\n" + base.replacingOccurrences(of: "%@", with: "")
                    + "set service svc_ike -usip NO\n") == .automap)
        let group =
            "add serviceGroup sg_ike UDP -usip YES\nbind serviceGroup sg_ike 10.0.10.11 500\nadd lb vserver vs_ike_500 UDP 203.0.113.10 500\nbind lb vserver vs_ike_500 sg_ike\n"
        #expect(try Self.kind(group) == SourceTranslation.Kind.none)
        #expect(try Self.kind("add lb vserver vs_ike_500 UDP 203.0.113.10 500\n") == .unknown)
    }
}

/// A client's policy export is a client fact: no phantom server, the transition rule speaks, and
/// every value it does not read is listed.
@Suite struct ClientPolicyExportTests {
    @Test func aClientsV6TransitionExportIsAClientHostNotAServer() throws {
        let reg =
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\TCPIP\\v6Transition]\r\n"
            + "\"Teredo_State\"=\"Disabled\"\r\n\"ISATAP_State\"=\"Disabled\"\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\TCPIP\\v6Transition\\IPHTTPS\\IPHTTPSInterface]\r\n"
            + "\"IPHTTPS_ClientState\"=dword:00000002\r\n\"IPHTTPS_ClientUrl\"=\"https://da.contoso.com:443/IPHTTPS\"\r\n\r\n"
        let advisor = try Advisor.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("client-\(UUID())/CLIENT07")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try TestInput.utf16LEWithBOM(reg).write(to: directory.appendingPathComponent("v6transition.reg"))
        let outcome = try advisor.importExport(at: directory.deletingLastPathComponent().path, environment: "clients")
        #expect(
            outcome.notUnderstood.contains {
                $0.kind == "registry value not read (IPv6 transition policy)"
                    && $0.evidence.location.contains("ISATAP_State")
            })
        let assessment = try advisor.assess(environment: "clients")
        #expect(
            assessment.findings.contains {
                $0.ruleId == "da-transition-technologies" && $0.outcome == .finding && $0.server == "client07"
            })
        let out = directory.deletingLastPathComponent().appendingPathComponent("out")
        _ = try advisor.report(environment: "clients", to: out)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
            as? [String: Any]
        #expect((json?["servers"] as? [Any])?.isEmpty == true)
        #expect(json?["clientHosts"] as? [String] == ["client07"])
    }
}

@Suite struct ExampleLeftoversTests {
    /// The bundled example has no unexplained leftovers: its Get-NetIPHttpsConfiguration export is
    /// read (the IP-HTTPS URL feeds the SSTP row of the mapping).
    @Test func theExampleIsUnderstoodWhole() throws {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        #expect(outcome.notUnderstood.isEmpty, "\(outcome.notUnderstood.map(\.kind))")
        let plan = try advisor.plan(
            environment: outcome.environment,
            settings: PlanFile.load(path: TestInput.examples.appendingPathComponent("contoso.plan.yml").path))
        #expect(
            plan.mapping.contains {
                $0.directAccessValue == "https://da.contoso.com:443/IPHTTPS" && $0.alwaysOnValue == "vpn.contoso.com"
            })
    }
}
