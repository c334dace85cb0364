import AdvisorCore
import EstateModel
import Foundation
import Importers
import InputErrors
import Reporting
import RuleAPI
import Store
import Testing

@Suite struct StoreTests {
    @Test func reimportingIdenticalFilesAddsNothingAndAssessmentsAreKept() throws {
        // Given an in-memory store with the example imported
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let path = TestInput.examples.appendingPathComponent("contoso").path
        let first = try advisor.importExport(at: path)
        // When the same export is imported again and assessed twice
        let second = try advisor.importExport(at: path)
        let a = try advisor.assess(environment: "contoso")
        let b = try advisor.assess(environment: "contoso")
        // Then nothing is duplicated and both assessments remain (28 files: 19 exports, 5 certificate
        // files, and 2 GPO backups' registry.pol and gpreport.xml; their bkupInfo.xml is read with the .pol)
        #expect(first.added.count == 29)
        #expect(second.added.isEmpty && second.alreadyImported.count == 29)
        let id = try #require(try advisor.store.environmentId(named: "contoso"))
        #expect(try advisor.store.imports(environmentId: id).count == 29)
        #expect(try advisor.store.assessments(environmentId: id).map(\.id) == [a.assessmentId, b.assessmentId])
        #expect(try advisor.store.findings(assessmentId: a.assessmentId) == a.findings)
    }

    @Test func identicalFilesOfTwoServersAreTwoImports() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("twins-\(UUID())")
        let reg = Data(
            "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters]\r\n\"IkeNumEstablishedForInitialQuery\"=dword:0000c350\r\n"
                .utf8)
        for server in ["RRAS01", "RRAS02"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(server), withIntermediateDirectories: true)
            try reg.write(to: directory.appendingPathComponent("\(server)/ikeext.reg"))
        }
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let outcome = try advisor.importExport(at: directory.path)
        #expect(outcome.added.count == 2)
        let estate = try advisor.store.estate(environmentId: outcome.environmentId)
        #expect(estate.servers.compactMap(\.registry.ikeNumEstablishedForInitialQuery?.value) == [50000, 50000])
    }

    @Test func failedImportLeavesTheDatabaseUnchanged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID())")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("DA01"), withIntermediateDirectories: true)
        let good = TestInput.examples.appendingPathComponent("contoso/DA01/Get-VpnServerConfiguration.xml")
        try FileManager.default.copyItem(at: good, to: directory.appendingPathComponent("DA01/good.xml"))
        try Data("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=dword:zz\r\n".utf8)
            .write(to: directory.appendingPathComponent("DA01/zz-broken.reg"))
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let error = #expect(throws: InputError.self) { try advisor.importExport(at: directory.path) }
        #expect(error?.file == "DA01/zz-broken.reg" && error?.line == 4)
        #expect(try advisor.store.environments().isEmpty)
    }
}

@Suite struct PipelineTests {
    func runExample() throws -> (URL, URL, Advisor.AssessmentOutcome) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("db.sqlite")
        let advisor = try Advisor(databasePath: database.path)
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let outcome = try advisor.assess(environment: "contoso")
        _ = try advisor.report(environment: "contoso", to: directory.appendingPathComponent("out"))
        return (database, directory.appendingPathComponent("out"), outcome)
    }

    @Test func exampleTriggersMostRulesWithEvidence() throws {
        let (_, out, outcome) = try runExample()
        let fired = Set(outcome.findings.filter { $0.outcome == .finding }.map(\.ruleId))
        #expect(fired.count >= 18, "\(fired.sorted())")
        for id in [
            "pptp-enabled", "ikev2-weak-dh-group", "ikev2-policy-inconsistent", "da-nrpt-dns64", "pap-or-chap-accepted",
            "ikev2-fragmentation-disabled", "da-nls", "da-otp-in-use", "lb-source-nat", "lb-port-affinity-missing",
            "lb-snat-registry-workaround",
        ] {
            #expect(fired.contains(id), "\(id) did not fire on the example")
        }
        // DA02 (Server 2019) has fragmentation configured; DA01 runs Server 2016 (build 14393), which
        // cannot fragment IKEv2 at all: only DA01 is reported, with its build.
        let fragmentation = outcome.findings.filter {
            $0.ruleId == "ikev2-fragmentation-disabled" && $0.outcome == .finding
        }
        #expect(fragmentation.map(\.server) == ["da01.corp.contoso.com"])
        #expect(fragmentation.first?.message.contains("build 14393") == true)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
            as? [String: Any]
        let findings = try #require(json?["findings"] as? [[String: Any]])
        #expect(findings.count == outcome.findings.filter { $0.outcome == .finding }.count)
        for finding in findings {
            for key in ["ruleId", "module", "severity", "title", "message", "evidence", "remediation"] {
                #expect(finding[key] != nil, "missing \(key)")
            }
            let evidence = try #require(finding["evidence"] as? [[String: Any]])
            #expect(!evidence.isEmpty, "\(finding["ruleId"] ?? "") has no evidence")
            for item in evidence {
                #expect(!((item["file"] as? String) ?? "").hasPrefix("/"), "evidence file is not relative")
            }
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }

    @Test func secretsReachNeitherDatabaseNorReports() throws {
        let (database, out, _) = try runExample()
        let secrets = ["Contoso-RADIUS-Shared-Secret-1", "Contoso-L2TP-PSK-2019"]
        for file in [
            database, out.appendingPathComponent("report.html"), out.appendingPathComponent("report.md"),
            out.appendingPathComponent("report.json"),
        ] {
            let bytes = try Data(contentsOf: file)
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(file.lastPathComponent)")
            }
        }
        let json = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(json.contains("L2TP pre-shared key") && json.contains("RADIUS shared secret"))
    }

    @Test func reportsEscapeValuesFromTheExport() throws {
        let server = Server(name: "<script>alert(1)</script>|x", roles: [.vpn])
        let finding = Finding(
            ruleId: "pptp-enabled", module: "protocols", severity: .high, server: server.name,
            title: "PPTP Is Enabled", message: "a | b\nc <img src=x>",
            evidence: [Evidence(file: "a|b.txt", location: "line 1", value: "<b>")],
            remediation: "fix", outcome: .finding)
        let input = ReportInput(
            environment: "env<1>", assessmentId: 1, assessedAt: Date(), toolVersion: "test",
            estate: Estate(servers: [server]), findings: [finding], rules: RuleRegistry.all.map { $0.description },
            imports: [])
        let writer = ReportWriter(input: input)
        let html = try writer.render(.html)
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x>"))
        #expect(html.contains("&lt;script&gt;"))
        let markdown = try writer.render(.markdown)
        #expect(markdown.contains("a \\| b<br>c \\<img src=x\\>"))
        #expect(!markdown.contains("a|b.txt"))
    }
}
