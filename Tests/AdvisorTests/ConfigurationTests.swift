import AdvisorCore
import Foundation
import InputErrors
import Planning
import Reporting
import RuleAPI
import SettingsYAML
import Testing

/// The configuration file: disabled rules, severity overrides, exceptions with an expiry date.
@Suite struct ConfigurationTests {
    static let ids = RuleRegistry.all.map { $0.description.id }
    static let day = 86_400.0

    func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: "\(text)T12:00:00Z")!
    }

    func contoso() throws -> (Advisor, String) {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        return (advisor, outcome.environment)
    }

    static let text = """
        version: 1
        disable: [da-multisite]
        severity:
          lb-return-path: low
        exceptions:
          - rule: pptp-enabled
            server: DA01
            reason: PPTP kept for the Leeds branch until its routers are replaced
            owner: netops@contoso.com
            expires: 2027-03-31
        """

    @Test func anExceptionSilencesExactlyItsFindingUntilItsExpiryDate() throws {
        let (advisor, environment) = try contoso()
        let configuration = try ConfigurationFile.parse(Self.text, file: "aovpn-advisor.yml", ruleIds: Self.ids)
        let plain = try advisor.assess(environment: environment, date: date("2026-11-29")).findings
        let pptp = plain.filter { $0.ruleId == "pptp-enabled" && $0.isActive }
        #expect(pptp.count == 2, "contoso has PPTP on both servers: \(pptp.map(\.server))")

        let before = try advisor.assess(
            environment: environment, configuration: configuration, date: date("2027-03-31")
        ).findings
        let silenced = before.filter(\.isExcepted)
        #expect(silenced.map(\.ruleId) == ["pptp-enabled"])
        #expect(silenced.first?.server?.hasPrefix("da01") == true)
        #expect(before.contains { $0.ruleId == "pptp-enabled" && $0.isActive && $0.server?.hasPrefix("da02") == true })
        // Everything else is unchanged, apart from the disabled rule and the overridden severity.
        let others = { (findings: [Finding]) in
            findings.filter { $0.ruleId != "pptp-enabled" && $0.ruleId != "da-multisite" }.map {
                "\($0.ruleId)|\($0.server ?? "")|\($0.isActive)"
            }.sorted()
        }
        #expect(others(before) == others(plain))
        #expect(!before.contains { $0.ruleId == "da-multisite" })
        #expect(before.filter { $0.ruleId == "lb-return-path" }.allSatisfy { $0.severity == .low })

        // Stored as marked, and read back the same.
        let id = try #require(try advisor.store.environmentId(named: environment))
        let latest = try #require(try advisor.store.latestAssessment(environmentId: id)?.id)
        #expect(try advisor.store.findings(assessmentId: latest) == before)

        // The day after the expiry it no longer applies and says so.
        let after = try advisor.assess(environment: environment, configuration: configuration, date: date("2027-04-01"))
            .findings
        #expect(!after.contains { $0.isExcepted })
        let expired = try #require(after.first { $0.ruleId == "pptp-enabled" && $0.exception != nil })
        #expect(expired.isActive && expired.exception?.expired == true)
    }

    @Test func theReportShowsExceptionsInTheirOwnSection() throws {
        let (advisor, environment) = try contoso()
        let configuration = try ConfigurationFile.parse(Self.text, file: "aovpn-advisor.yml", ruleIds: Self.ids)
        _ = try advisor.assess(environment: environment, configuration: configuration, date: date("2027-01-01"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exceptions-\(UUID())")
        _ = try advisor.report(environment: environment, to: dir)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(
            html.contains("<h2 id=\"exceptions\">Exceptions</h2>") && html.contains("netops@contoso.com")
                && html.contains("2027-03-31"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json")))
                as? [String: Any])
        let excepted = try #require(json["excepted"] as? [[String: Any]])
        #expect(excepted.count == 1 && excepted.first?["ruleId"] as? String == "pptp-enabled")
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["ruleId"] as? String == "pptp-enabled" }.count == 1)

        _ = try advisor.assess(environment: environment, configuration: configuration, date: date("2027-05-01"))
        _ = try advisor.report(environment: environment, to: dir)
        let later = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(later.contains("Expired exceptions") && !later.contains("<h2 id=\"exceptions\">"))
    }

    @Test func mistakesNameTheLineAndTheNearestRule() throws {
        func problem(_ text: String) -> InputError? {
            do {
                _ = try ConfigurationFile.parse(text, file: "c.yml", ruleIds: Self.ids)
                return nil
            } catch { return error as? InputError }
        }
        let typo = try #require(problem("disable:\n  - pptp-enabeld\n"))
        #expect(typo.line == 2 && typo.message.contains("did you mean 'pptp-enabled'?"))
        let key = try #require(problem("exceptions:\n  - rule: pptp-enabled\n    reasn: x\n"))
        #expect(key.line == 3 && key.message.contains("did you mean 'reason'?"))
        let missing = try #require(
            problem("exceptions:\n  - rule: pptp-enabled\n    reason: x\n    expires: 2027-01-01\n"))
        #expect(missing.message.contains("needs owner"))
        let badDate = try #require(
            problem("exceptions:\n  - {rule: pptp-enabled, reason: x, owner: y, expires: 31/03/2027}\n"))
        #expect(badDate.message.contains("YYYY-MM-DD"))
        let severity = try #require(problem("severity:\n  lb-return-path: hgh\n"))
        #expect(severity.line == 2 && severity.message.contains("did you mean 'high'?"))
    }
}
