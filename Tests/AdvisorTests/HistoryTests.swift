import AdvisorCore
import EstateModel
import Foundation
import RuleAPI
import Testing

/// The migration tracked over time: fingerprints that survive a re-export, resolved and new
/// findings, the diff command, the gate on new findings, trends and SARIF.
@Suite struct HistoryTests {
    /// A copy of the example export that a test may change.
    func exampleCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID())")
        try FileManager.default.copyItem(at: TestInput.examples.appendingPathComponent("contoso"), to: folder)
        return folder
    }

    /// Rewrites a text file in its own encoding (UTF-16LE with BOM, as `netsh` writes through a
    /// PowerShell redirection, or UTF-8/ASCII) and line ends (CRLF kept).
    func edit(_ file: URL, _ change: (String) -> String) throws {
        let data = try Data(contentsOf: file)
        let utf16 = data.starts(with: [0xFF, 0xFE])
        let text =
            utf16
            ? String(
                decoding: data.dropFirst(2).withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }, as: UTF16.self)
            : String(decoding: data, as: UTF8.self)
        let crlf = text.contains("\r\n")
        var changed = change(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if crlf { changed = changed.replacingOccurrences(of: "\n", with: "\r\n") }
        let encoded = utf16 ? Data([0xFF, 0xFE]) + changed.data(using: .utf16LittleEndian)! : Data(changed.utf8)
        try encoded.write(to: file)
    }

    /// Prepends `lines`, as a re-export with a longer header would.
    func prepend(_ lines: String, to file: URL) throws {
        try edit(file) { lines + $0 }
    }

    func replace(_ old: String, with new: String, in file: URL) throws {
        try edit(file) { text in
            #expect(text.contains(old), "\(file.lastPathComponent) holds \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    @Test func aReExportWithShiftedLinesGivesNoNewFinding() throws {
        let export = try exampleCopy()
        let advisor = try Advisor.inMemory()
        _ = try advisor.importExport(at: export.path, environment: "contoso")
        let first = try advisor.assess(environment: "contoso")
        // The same settings written again with more header lines: every line number moves.
        for server in ["DA01", "DA02"] {
            try prepend("#\n# exported again\n#\n", to: export.appendingPathComponent("\(server)/netsh-ras-dump.txt"))
        }
        try prepend(
            "#TMSH-VERSION: 16.1.3\n# re-exported\n\n", to: export.appendingPathComponent("loadbalancer/bigip.conf"))
        let reimport = try advisor.importExport(at: export.path, environment: "contoso")
        #expect(reimport.added.count == 3, "the three changed files: \(reimport.added)")
        let second = try advisor.assess(environment: "contoso")
        let moved = second.findings.filter { finding in
            finding.evidence.contains { $0.file == "loadbalancer/bigip.conf" }
        }
        #expect(!moved.isEmpty)
        #expect(
            moved.allSatisfy { finding in
                !first.findings.contains { $0.fingerprint == finding.fingerprint && $0.evidence == finding.evidence }
            }, "the evidence moved to other lines")
        let changes = try advisor.changes(environment: "contoso")
        #expect(changes.new.isEmpty, "\(changes.new.map(\.ruleId))")
        #expect(changes.resolved.isEmpty, "\(changes.resolved.map(\.ruleId))")
        #expect(changes.unchanged.count == first.findings.filter { $0.outcome == .finding }.count)
    }

    @Test func aFixedProblemIsResolvedAndANewOneIsNew() throws {
        let export = try exampleCopy()
        let advisor = try Advisor.inMemory()
        _ = try advisor.importExport(at: export.path, environment: "contoso")
        let first = try advisor.assess(environment: "contoso")
        #expect(first.findings.contains { $0.ruleId == "pap-or-chap-accepted" && $0.server?.hasPrefix("da02") == true })
        // DA02 stops accepting PAP; DA01 starts accepting it.
        try replace("add authtype type = PAP\n", with: "", in: export.appendingPathComponent("DA02/netsh-ras-dump.txt"))
        try replace(
            "add authtype type = EAP\n", with: "add authtype type = EAP\nadd authtype type = PAP\n",
            in: export.appendingPathComponent("DA01/netsh-ras-dump.txt"))
        _ = try advisor.importExport(at: export.path, environment: "contoso")
        _ = try advisor.assess(environment: "contoso")
        let changes = try advisor.changes(environment: "contoso")
        #expect(changes.resolved.map(\.ruleId) == ["pap-or-chap-accepted"])
        #expect(changes.resolved.first?.server?.hasPrefix("da02") == true)
        #expect(changes.new.map(\.ruleId) == ["pap-or-chap-accepted"])
        #expect(changes.new.first?.server?.hasPrefix("da01") == true)
        // The old netsh dump no longer counts: the estate is made of the latest version of each file.
        #expect(
            try advisor.latestFindings(environment: "contoso").filter { $0.ruleId == "pap-or-chap-accepted" }.count == 1
        )
        // Both directions of the comparison, by id.
        let backwards = try advisor.changes(environment: "contoso", from: 2, to: 1)
        #expect(backwards.new.first?.server?.hasPrefix("da02") == true)
        #expect(throws: AdvisorError.unknownAssessment(9, "contoso")) {
            try advisor.changes(environment: "contoso", from: 9)
        }
    }

    @Test func aFirstAssessmentHasNothingToCompare() throws {
        let advisor = try Advisor.inMemory()
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path, environment: "c")
        let first = try advisor.assess(environment: "c")
        #expect(throws: AdvisorError.nothingToCompare("c")) { try advisor.changes(environment: "c") }
        #expect(try advisor.newFindings(environment: "c").count == first.findings.filter(\.isActive).count)
        _ = try advisor.assess(environment: "c")
        #expect(try advisor.newFindings(environment: "c").isEmpty)
        let history = try advisor.history(environment: "c")
        #expect(history.map(\.assessmentId) == [1, 2])
        #expect(history[0].activeBySeverity == history[1].activeBySeverity)
        #expect(history[1].activeBySeverity.values.reduce(0, +) == first.findings.filter(\.isActive).count)
        #expect(history[1].overallReadiness != nil)
    }

    @Test func fingerprintsIgnoreLineNumbersAndCountRepeats() {
        #expect(
            FindingFingerprint.stableLocation("line 85, DAClient.ClientSettings.ForceTunnel")
                == "DAClient.ClientSettings.ForceTunnel")
        #expect(FindingFingerprint.stableLocation("offset 8, [Software\\X] \"Name\"") == "[Software\\X] \"Name\"")
        #expect(FindingFingerprint.stableLocation("line 13 (add authtype)") == "add authtype")
        #expect(FindingFingerprint.stableLocation("lines 4-9, ltm virtual vs") == "ltm virtual vs")
        func finding(_ location: String, server: String = "da01") -> Finding {
            Finding(
                ruleId: "r", module: "m", severity: .low, server: server, title: "t", message: "m",
                evidence: [Evidence(file: "f.txt", location: location, value: "v")], remediation: "", outcome: .finding)
        }
        let prints = FindingFingerprint.assign([
            finding("line 1"), finding("line 2"), finding("line 3", server: "da02"),
        ])
        #expect(prints[0].hasPrefix("v1:") && prints[1] == prints[0] + "#2" && prints[2] != prints[0])
        #expect(FindingFingerprint.assign([finding("line 40")]) == [prints[0]], "the line does not matter")
    }
}

/// `diff`, `--fail-on-new` and `environments list` as a user runs them.
@Suite struct HistoryCommandLineTests {
    @Test func theGateFailsOnlyOnNewFindingsAndDiffShowsTheChange() throws {
        let cli = CommandLineTests()
        let work = try cli.scratch()
        let db = work.appendingPathComponent("db.sqlite").path
        let export = try HistoryTests().exampleCopy()
        let first = try cli.run([
            "run", export.path, "--db", db, "--out", work.appendingPathComponent("1").path, "--fail-on-new", "critical",
        ])
        #expect(first.status == 1, "the first assessment: every finding is new (\(first.stderr))")
        #expect(first.stderr.contains("new finding(s) at or above critical"))
        let second = try cli.run([
            "run", export.path, "--db", db, "--out", work.appendingPathComponent("2").path, "--fail-on-new", "info",
        ])
        #expect(second.status == 0, "nothing new: \(second.stderr)")
        // A regression in the export: DA01 starts accepting PAP (high).
        try HistoryTests().replace(
            "add authtype type = EAP\n", with: "add authtype type = EAP\nadd authtype type = PAP\n",
            in: export.appendingPathComponent("DA01/netsh-ras-dump.txt"))
        let third = try cli.run([
            "run", export.path, "--db", db, "--out", work.appendingPathComponent("3").path, "--fail-on-new", "critical",
        ])
        #expect(third.status == 0, "the new finding is high, below the gate: \(third.stderr)")
        let gate = try cli.run(["assess", "--db", db, "--fail-on-new", "high"])
        #expect(gate.status == 0, "assessed again: the PAP finding is no longer new")
        let diff = try cli.run(["diff", "--db", db, "--from", "2", "--to", "3"])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("#2") && diff.stdout.contains("#3") && diff.stdout.contains("1 new, 0 resolved"))
        #expect(diff.stdout.contains("pap-or-chap-accepted da01"))
        let json = try cli.run(["diff", "--db", db, "--from", "1", "--to", "3", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["fromAssessmentId"] as? Int == 1 && (object["new"] as? [Any])?.count == 1)
        let markdown = try cli.run(["diff", "--db", db, "--to", "3", "--format", "md"])
        #expect(markdown.stdout.contains("## New") && markdown.stdout.contains("| high | pap-or-chap-accepted |"))
        let unknown = try cli.run(["diff", "--db", db, "--from", "42"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no assessment #42"))
        let list = try cli.run(["environments", "list", "--db", db])
        #expect(list.stdout.contains("4 assessment(s)") && list.stdout.contains("latest #4: readiness "))
        // The report of the third run shows the change and the trend.
        let report = try String(contentsOf: work.appendingPathComponent("3/report.md"), encoding: .utf8)
        #expect(report.contains("## Since the previous assessment") && report.contains("## Trends"))
        let html = try String(contentsOf: work.appendingPathComponent("3/report.html"), encoding: .utf8)
        #expect(html.contains("<polyline") && html.contains("New since the previous assessment"))
        let reportJSON = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("3/report.json")))
                as? [String: Any])
        let changes = try #require(reportJSON["changes"] as? [String: Any])
        #expect(changes["toAssessmentId"] as? Int == 3 && (changes["new"] as? [Any])?.count == 1)
    }
}
