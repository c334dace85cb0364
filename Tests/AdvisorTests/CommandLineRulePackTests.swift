import Foundation
import Testing

/// Rule packs, baselines, configuration and plugins through the real binary.
extension CommandLineTests {
    @Test func rulesCheckAndTestAPackDirectory() throws {
        let dir = try scratch()
        let packs = dir.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try Data(RulePackTests.userPack.utf8).write(to: packs.appendingPathComponent("contoso.yml"))
        let check = try run(["rules", "check", packs.path])
        #expect(check.status == 0 && check.stdout.contains("2 rule(s)"), "\(check.stderr)")
        let test = try run(["rules", "test", packs.path])
        #expect(test.status == 0 && test.stdout.contains("ok   org-server-naming"), "\(test.stderr)")

        // A wrong example makes `rules test` fail; a typo makes `rules check` fail with 65 and the line.
        try Data(
            RulePackTests.userPack.replacingOccurrences(
                of: "{summary: ra-leeds-01, estate: {servers: [{name: ra-leeds-01}]}}",
                with: "{summary: ra-leeds-01, estate: {servers: [{name: leeds01}]}}"
            ).utf8
        )
        .write(to: packs.appendingPathComponent("contoso.yml"))
        let failing = try run(["rules", "test", packs.path])
        #expect(failing.status == 1 && failing.stderr.contains("non-triggering example 'ra-leeds-01'"))
        try Data(RulePackTests.userPack.replacingOccurrences(of: "field: port, ne", with: "field: prot, ne").utf8)
            .write(to: packs.appendingPathComponent("contoso.yml"))
        let typo = try run(["rules", "check", packs.path])
        #expect(
            typo.status == 65 && typo.stderr.contains("contoso.yml:15:") && typo.stderr.contains("did you mean 'port'?")
        )
    }

    @Test func runWithABaselineAPackAConfigurationAndAPlugin() throws {
        let dir = try scratch()
        let packs = dir.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try Data(RulePackTests.userPack.utf8).write(to: packs.appendingPathComponent("contoso.yml"))
        let config = dir.appendingPathComponent("aovpn-advisor.yml")
        try Data(
            """
            disable: [lb-icmp-monitor-firewall]
            exceptions:
              - {rule: org-server-naming, server: da02, reason: Renamed in the 2027 refresh, owner: ops, expires: 2099-12-31}
              - {rule: org-single-radius-server, server: da01, reason: Second NPS in Q3, owner: ops, expires: 2099-12-31}
            """.utf8
        ).write(to: config)
        let result = try run([
            "run", TestInput.examples.appendingPathComponent("contoso").path, "--baseline", "cnsa",
            "--rules", packs.path, "--config", config.path,
            "--plugin", TestInput.examples.appendingPathComponent("plugins/python/redundancy.py").path,
            "--db", dir.appendingPathComponent("a.sqlite").path, "--out", dir.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
                as? [String: Any])
        let ids = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String })
        #expect(
            ids.isSuperset(of: [
                "ikev2-below-baseline", "org-server-naming", "org-single-radius-server", "da-force-tunnel",
                "da-otp-in-use",
            ]))
        let excepted = json["excepted"] as? [[String: Any]] ?? []
        #expect(
            Set(excepted.compactMap { $0["ruleId"] as? String }) == ["org-server-naming", "org-single-radius-server"])
        #expect(excepted.count == 2, "\(excepted)")
        // The rule set that ran is stored with the assessment and read back by the report: the
        // baseline, the disabled rule (never "ready"), the user's pack and the plugin.
        let ruleSet = try #require(json["ruleSet"] as? [String: Any])
        #expect(ruleSet["baseline"] as? String == "cnsa")
        #expect(ruleSet["disabled"] as? [String] == ["lb-icmp-monitor-firewall"])
        let packNames = Set((ruleSet["packs"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(packNames == ["baseline-cnsa", "contoso-policy", "directaccess", "ikev2-lifetimes"], "\(packNames)")
        #expect((ruleSet["packs"] as? [[String: Any]] ?? []).allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect((ruleSet["plugins"] as? [[String: Any]])?.first?["name"] as? String == "redundancy")
        let ran = (ruleSet["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(
            ran.contains("org-server-naming") && ran.contains("org-single-radius-server")
                && ran.contains("ikev2-below-baseline"))
        #expect(!ran.contains("lb-icmp-monitor-firewall"))
        // A report written again later reads the same rule set back (not the code's current rules).
        let again = try run([
            "report", "--db", dir.appendingPathComponent("a.sqlite").path, "--out",
            dir.appendingPathComponent("out3").path,
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let json2 = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out3/report.json")))
                as? [String: Any])
        #expect(NSDictionary(dictionary: json2["ruleSet"] as? [String: Any] ?? [:]).isEqual(to: ruleSet))
        let markdown = try String(contentsOf: dir.appendingPathComponent("out3/report.md"), encoding: .utf8)
        #expect(markdown.contains("| org-policy |"), "the user pack's module is in the readiness table")
        let unknown = try run([
            "run", TestInput.examples.appendingPathComponent("contoso").path, "--baseline", "enhancd",
            "--db", dir.appendingPathComponent("b.sqlite").path, "--out", dir.appendingPathComponent("out2").path,
        ])
        #expect(unknown.status == 65 && unknown.stderr.contains("did you mean 'enhanced'?"))
    }
}
