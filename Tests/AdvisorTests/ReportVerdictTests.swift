import AdvisorCore
import EstateModel
import Foundation
import Planning
import Reporting
import RuleAPI
import Testing

/// The report people read: the verdict by its three documented rules, one action per distinct
/// remediation, and the HTML and Markdown in the order verdict, actions, findings, each finding's
/// evidence folded.
@Suite struct ReportVerdictTests {
    /// The example assessed, with the plan its plan file makes (no gap) and one made from nothing.
    func example() throws -> (findings: [Finding], complete: MigrationPlan, empty: MigrationPlan) {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let findings = try advisor.assess(environment: outcome.environment).findings
        let estate = try advisor.store.estate(
            environmentId: try #require(try advisor.store.environmentId(named: "contoso")))
        let settings = try PlanFile.load(path: TestInput.examples.appendingPathComponent("contoso.plan.yml").path)
        func plan(_ settings: PlanSettings) -> MigrationPlan {
            MigrationPlanner(
                environment: "contoso", estate: estate, findings: findings, settings: settings, generator: "test"
            )
            .plan()
        }
        return (findings, plan(settings), plan(PlanSettings()))
    }

    let assessedEverywhere = [ModuleReadiness(module: "protocols", ready: 3, assessed: 4)]

    @Test func theVerdictFollowsItsThreeRules() throws {
        let (findings, complete, empty) = try example()
        #expect(complete.gaps.isEmpty)
        let blocked = MigrationVerdict(findings: findings, plan: complete, readiness: assessedEverywhere)
        #expect(blocked.status == .blocked)
        #expect(blocked.reasons.count == 1 && blocked.reasons[0].hasPrefix("2 critical finding(s): lb-"))

        let noCritical = findings.filter { $0.severity != .critical }
        let pilot = MigrationVerdict(findings: noCritical, plan: complete, readiness: assessedEverywhere)
        #expect(pilot.status == .readyToPilot)
        #expect(pilot.reasons.first?.contains("high finding(s)") == true)

        let gapsBlock = MigrationVerdict(findings: noCritical, plan: empty, readiness: assessedEverywhere)
        #expect(gapsBlock.status == .blocked)
        #expect(
            gapsBlock.reasons.contains {
                $0.contains("user tunnel profile cannot be built") && $0.contains("vpnServers")
            })
        #expect(MigrationVerdict(findings: noCritical, plan: nil, readiness: assessedEverywhere).status == .blocked)

        let noHigh = findings.filter { $0.severity < .high }
        #expect(
            MigrationVerdict(findings: noHigh, plan: complete, readiness: assessedEverywhere).status == .readyToMigrate)
        let unassessed = MigrationVerdict(
            findings: noHigh, plan: complete,
            readiness: assessedEverywhere + [ModuleReadiness(module: "nps", ready: 0, assessed: 0)])
        #expect(
            unassessed.status == .readyToPilot
                && unassessed.reasons == [
                    "No rule of nps could be assessed: export their input before production."
                ])
        // An excepted critical finding does not block.
        let excepted = findings.map { finding -> Finding in
            var finding = finding
            if finding.severity == .critical {
                finding.exception = AppliedException(reason: "r", owner: "o", expires: "2099-01-01", expired: false)
            }
            return finding
        }
        #expect(
            MigrationVerdict(findings: excepted, plan: complete, readiness: assessedEverywhere).status == .readyToPilot)
    }

    @Test func eachRemediationIsOneActionOrderedBySeverityThenPlan() throws {
        let (findings, complete, _) = try example()
        let list = ActionList(findings: findings, plan: complete)
        let active = findings.filter(\.isActive)
        #expect(Set(list.actions.map(\.remediation)).count == list.actions.count, "no remediation twice")
        #expect(list.actions.map(\.findings.count).reduce(0, +) == active.count, "every active finding in one action")
        #expect(list.actions.map(\.id) == (1...list.actions.count).map { "A\($0)" })
        #expect(list.actions.map(\.severity) == list.actions.map(\.severity).sorted(by: >))
        let pptp = try #require(list.actions.first { $0.findings.contains { $0.ruleId == "pptp-enabled" } })
        #expect(pptp.findings.count == 2, "both servers' PPTP findings share their remediation")
        let lb = try #require(list.actions.first { $0.findings.contains { $0.ruleId == "lb-port-affinity-missing" } })
        #expect(lb.phase == "2. Build RRAS beside DirectAccess" && lb.artifacts == ["loadbalancer/f5-big-ip.txt"])
        for finding in active { #expect(list.action(for: finding) != nil, "\(finding.ruleId)") }
    }

    @Test func theHTMLOpensWithTheVerdictAndFoldsEveryFinding() throws {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let findings = try advisor.assess(environment: outcome.environment).findings
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-\(UUID())")
        let settings = try PlanFile.load(path: TestInput.examples.appendingPathComponent("contoso.plan.yml").path)
        _ = try advisor.report(environment: outcome.environment, to: out, planSettings: settings)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let verdict = try #require(html.range(of: "<section class=\"verdict\""))
        let actions = try #require(html.range(of: "<h2 id=\"actions\">"))
        let findingsHeading = try #require(html.range(of: "<h2 id=\"findings\">"))
        #expect(verdict.lowerBound < actions.lowerBound && actions.lowerBound < findingsHeading.lowerBound)
        #expect(html.contains(">Blocked</h2>"))
        // Each remediation once, in the action list (the HTML escapes its text).
        let escaped = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
        for remediation in Set(findings.filter(\.isActive).map(\.remediation)) {
            #expect(html.components(separatedBy: escaped(remediation)).count - 1 == 1, "\(remediation.prefix(60))")
        }
        // Every finding is a <details> and its evidence table is inside it.
        let active = findings.filter(\.isActive)
        #expect(html.components(separatedBy: "<details class=\"finding\"").count - 1 == active.count)
        let evidenceHeader = "<tr><th>File</th><th>Location</th><th>Value</th></tr>"
        let findingsPart = String(html[findingsHeading.upperBound...])
        let section = String(findingsPart[..<(findingsPart.range(of: "<h2")?.lowerBound ?? findingsPart.endIndex)])
        var outside = ""
        var inside = 0
        for (index, piece) in section.components(separatedBy: "<details class=\"finding\"").enumerated() {
            guard index > 0, let closed = piece.range(of: "</details>") else {
                outside += piece
                continue
            }
            inside += piece[..<closed.lowerBound].components(separatedBy: evidenceHeader).count - 1
            outside += piece[closed.upperBound...]
        }
        #expect(inside == active.filter { !$0.evidence.isEmpty }.count, "each finding's evidence inside its <details>")
        #expect(!outside.contains(evidenceHeader), "no evidence table outside a <details>")
        // The print stylesheet.
        #expect(html.contains("@media print") && html.contains("size: A4"))

        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        let order = ["## Verdict: Blocked", "## Actions", "## Findings", "## Findings by severity"].map {
            markdown.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
                as? [String: Any])
        #expect((json["verdict"] as? [String: Any])?["status"] as? String == "blocked")
        let jsonActions = try #require(json["actions"] as? [[String: Any]])
        #expect(jsonActions.first?["id"] as? String == "A1" && jsonActions.first?["severity"] as? String == "critical")
    }
}
