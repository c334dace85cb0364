import Foundation
import Testing

/// The plan and client-profile features through the real binary, as a new user would use them.
extension CommandLineTests {
    @Test func theExamplesPilotProfileYieldsItsFindingsOnceEach() throws {
        let dir = try scratch()
        let result = try run([
            "run", TestInput.examples.appendingPathComponent("contoso").path,
            "--db", dir.appendingPathComponent("a.sqlite").path, "--out", dir.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
            as? [String: Any]
        let findings = try #require(json?["findings"] as? [[String: Any]])
        let pilot = findings.filter { ($0["server"] as? String)?.contains("ProfileXML-Pilot") == true }.compactMap {
            $0["ruleId"] as? String
        }
        // Automatic with a suite is one root cause (ikev2-cryptosuite-ignored, error 800), not also a
        // 13868 mismatch; and the pilot targets vpn-pilot, which is not in the export, so its suite
        // is not compared with DA01/DA02: not assessed, never a finding against the wrong servers.
        // Its NRPT entry for .corp.contoso.com is also taken by the DirectAccess client GPO while it
        // applies (a separate cause: coexistence, not the server name).
        #expect(Set(pilot) == ["ikev2-cryptosuite-ignored", "da-vpn-fqdn-in-nrpt", "gpo-da-nrpt-covers-vpn-namespace"])
        let notAssessed = try #require(json?["notAssessed"] as? [[String: Any]])
        #expect(
            notAssessed.contains {
                ($0["server"] as? String)?.contains("ProfileXML-Pilot") == true
                    && $0["ruleId"] as? String == "ikev2-client-server-mismatch"
            } == false,
            "Automatic with a suite is left to ikev2-cryptosuite-ignored")
        let html = try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("Always On VPN plan") && html.contains("Plan gaps"))
    }

    @Test func runWithAPlanWritesTheArtifactsThatValidate() throws {
        let dir = try scratch()
        let out = dir.appendingPathComponent("out")
        let result = try run([
            "run", TestInput.examples.appendingPathComponent("contoso").path, "--plan",
            TestInput.examples.appendingPathComponent("contoso.plan.yml").path,
            "--db", dir.appendingPathComponent("a.sqlite").path, "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Plan complete: no plan gaps."))
        for path in [
            "plan/ProfileXML-User.xml", "plan/ProfileXML-Device.xml", "plan/plan.md",
            "plan/servers/rras01.corp.contoso.com.ps1", "plan/loadbalancer/f5-big-ip.txt",
        ] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "\(path) missing")
        }
        let validate = try run([
            "plan", "validate", out.appendingPathComponent("plan/ProfileXML-User.xml").path,
            out.appendingPathComponent("plan/ProfileXML-Device.xml").path,
        ])
        #expect(validate.status == 0, "\(validate.stdout)")
        // The DirectAccess GPOs of the backups: mapped, moved away from device by device, deleted.
        let plan = try String(contentsOf: out.appendingPathComponent("plan/plan.md"), encoding: .utf8)
        #expect(
            plan.contains(
                "| DirectAccess client GPO | DirectAccess Client Settings {0E3F6A1C-9B2D-4C7E-8F10-2A3B4C5D6E7F}"))
        #expect(plan.contains("| DirectAccess server GPO | DirectAccess Server Settings"))
        #expect(
            plan.contains(
                "(DirectAccess Client Settings (linked to corp.contoso.com/Laptops; applying to CONTOSO\\DirectAccess Clients))"
            ))
        #expect(plan.contains("their links to corp.contoso.com/Laptops, corp.contoso.com/Remote Access"))
    }

    @Test func planValidateNamesTheLineOfABadProfileAndExits65() throws {
        let dir = try scratch()
        let bad = dir.appendingPathComponent("bad.xml")
        try Data("<VPNProfile>\n  <AlwaysOn>True</AlwaysOn>\n</VPNProfile>\n".utf8).write(to: bad)
        let result = try run(["plan", "validate", bad.path])
        #expect(result.status == 65)
        #expect(result.stdout.contains("bad.xml:2:") && result.stdout.contains("AlwaysOn"))
    }

    @Test func aBadPlanFileExits65BeforeImporting() throws {
        let dir = try scratch()
        let planFile = dir.appendingPathComponent("p.yml")
        try Data("version: 1\nikev2Baseline: enhanced\nvpnServer: [vpn.example.com]\n".utf8).write(to: planFile)
        let database = dir.appendingPathComponent("a.sqlite")
        let result = try run([
            "run", TestInput.examples.appendingPathComponent("contoso").path, "--plan", planFile.path,
            "--db", database.path, "--out", dir.appendingPathComponent("out").path,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("p.yml:3:") && result.stderr.contains("did you mean 'vpnServers'?"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func planInitThenPlanListsTheGaps() throws {
        let dir = try scratch()
        let database = dir.appendingPathComponent("a.sqlite").path
        _ = try run(["import", TestInput.examples.appendingPathComponent("contoso").path, "--db", database])
        let planFile = dir.appendingPathComponent("contoso.plan.yml").path
        let initResult = try run(["plan", "init", "-e", "contoso", "--db", database, "--output", planFile])
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let again = try run(["plan", "init", "-e", "contoso", "--db", database, "--output", planFile])
        #expect(again.status == 64, "plan init must not overwrite without --force")
        let plan = try run([
            "plan", "-e", "contoso", "--db", database, "--plan", planFile, "--out",
            dir.appendingPathComponent("plan").path,
        ])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan gap(s)") && plan.stdout.contains("ikev2Baseline"))
    }
}

extension CommandLineTests {
    /// `assess`, `report` and `plan` without -e use the database's only environment; with several,
    /// the error lists them (exit 64).
    @Test func theOnlyEnvironmentIsUsedWithoutDashE() throws {
        let dir = try scratch()
        let database = dir.appendingPathComponent("a.sqlite").path
        _ = try run(["import", TestInput.examples.appendingPathComponent("contoso").path, "--db", database])
        let assess = try run(["assess", "--db", database])
        #expect(assess.status == 0 && assess.stdout.contains("Assessment #1"), "\(assess.stderr)")
        let report = try run(["report", "--db", database, "--out", dir.appendingPathComponent("out").path])
        #expect(report.status == 0, "\(report.stderr)")
        let plan = try run(["plan", "--db", database, "--out", dir.appendingPathComponent("plan").path])
        #expect(plan.status == 0, "\(plan.stderr)")
        _ = try run([
            "import", TestInput.examples.appendingPathComponent("contoso/DA01").path, "-e", "second", "--db", database,
        ])
        let ambiguous = try run(["assess", "--db", database])
        #expect(
            ambiguous.status == 64 && ambiguous.stderr.contains("2 environments (contoso, second)"),
            "\(ambiguous.stderr)")
    }
}
