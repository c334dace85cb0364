import AdvisorCore
import Foundation
import RuleAPI
import SettingsYAML
import Testing

@testable import Reporting

/// `report.sarif`: SARIF 2.1.0 validated against the OASIS schema (shipped in the fixtures, with
/// its source and licence) by Python's `jsonschema`, which `.ci/run` installs; an excepted
/// finding is a suppressed result; fingerprints are the diff's.
@Suite struct SARIFReportTests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sarif/sarif-schema-2.1.0.json")

    /// Validates `document` with the Draft 4 validator the schema declares; returns the errors.
    func validate(_ document: URL) throws -> [String] {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            for error in jsonschema.Draft4Validator(schema).iter_errors(document):
                print("/".join(str(p) for p in error.absolute_path) + ": " + error.message[:300])
            """
        let run = try TestInput.python(script, arguments: [Self.schema.path, document.path])
        try #require(
            run.status == 0,
            "the validator did not run (python3 with jsonschema is needed: pip install jsonschema): \(run.stderr)")
        let output = run.stdout
        return output.split(separator: "\n").map(String.init)
    }

    @Test func theReportValidatesAndAnExceptionIsASuppressedResult() throws {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let configuration = try ConfigurationFile.parse(
            ConfigurationTests.text, file: "aovpn-advisor.yml", ruleIds: ConfigurationTests.ids)
        let assessment = try advisor.assess(
            environment: outcome.environment, configuration: configuration,
            date: ConfigurationTests().date("2027-01-15"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID())")
        _ = try advisor.report(environment: outcome.environment, to: out, formats: [.sarif])
        let file = out.appendingPathComponent("report.sarif")
        #expect(try validate(file) == [])

        let sarif = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == assessment.findings.filter { $0.outcome == .finding }.count)
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        #expect(suppressed.first?["ruleId"] as? String == "pptp-enabled")
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect((suppression["justification"] as? String)?.hasPrefix("PPTP kept for the Leeds branch") == true)
        // Fingerprints, levels and locations.
        let prints = Set(assessment.findings.compactMap(\.fingerprint))
        #expect(
            results.allSatisfy { result in
                ((result["partialFingerprints"] as? [String: String])?["aovpnFinding/v1"]).map(prints.contains) == true
            })
        let critical = try #require(
            results.first { ($0["properties"] as? [String: Any])?["severity"] as? String == "critical" })
        #expect(critical["level"] as? String == "error")
        let location = try #require(
            (critical["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "EXPORTROOT")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int != nil)
        // The rules carry their help URI and default level.
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let pptp = try #require(rules.first { $0["id"] as? String == "pptp-enabled" })
        #expect((pptp["helpUri"] as? String)?.hasPrefix("https://") == true)
        #expect(((pptp["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        // Not-assessed rules are notifications, not results.
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(
            (invocation["toolExecutionNotifications"] as? [[String: Any]])?.count
                == assessment.findings.filter { $0.outcome == .notAssessed }.count)
    }

    @Test func theValidatorRejectsAnInvalidDocument() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).sarif")
        try Data(#"{"version": "2.0.0", "runs": [{"results": []}]}"#.utf8).write(to: file)
        #expect(try !validate(file).isEmpty, "a wrong version and a run without its tool are errors")
    }

    @Test func uriAndRegion() {
        #expect(SARIFReport.uri("gpo/{5B0C}/gpreport.xml") == "gpo/%7B5B0C%7D/gpreport.xml")
        #expect(SARIFReport.uri("DA01/netsh ras dump.txt") == "DA01/netsh%20ras%20dump.txt")
        #expect(SARIFReport.region("line 12, DAServer.X")?["startLine"] as? Int == 12)
        #expect(SARIFReport.region("offset 8, [key] \"v\"")?["byteOffset"] as? Int == 8)
        #expect(SARIFReport.region("RawData") == nil)
    }
}
