import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import RuleAPI
import RulePacks
import SettingsYAML
import Testing

/// Declarative rule packs: the bundled packs' examples, a pack written from the docs, mistakes
/// named with their line and nearest valid name, the baselines, and the generated docs.
@Suite struct RulePackTests {
    static let builtInIds = Set(RuleRegistry.all.map { $0.description.id })
    static var docs: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs").standardized
    }

    func parse(_ text: String) throws -> RulePack {
        try RulePackLoader(reservedIds: Self.builtInIds).parse(text, file: "org.yml")
    }

    @Test func everyBundledPackRuleHasExamplesThatBehave() throws {
        let packs = try RulePackSet.bundled()
        let rules = packs.flatMap(\.rules)
        #expect(
            Set(rules.map(\.id)) == [
                "da-force-tunnel", "da-otp-in-use", "ikev2-sa-lifetime-long", "ikev2-mm-lifetime-long",
                "ikev2-below-baseline",
            ])
        #expect(packs.filter { $0.name.hasPrefix("baseline-") }.count == 3)
        for rule in rules {
            #expect(
                !rule.triggeringExamples.isEmpty && !rule.nonTriggeringExamples.isEmpty, "\(rule.id) lacks examples")
            #expect(rule.exampleFailures().isEmpty, "\(rule.exampleFailures())")
        }
    }

    /// Written as a new user would from Docs/rule-packs.md and Docs/model.md.
    static let userPack = """
        pack: contoso-policy
        rules:
          - id: org-radius-nonstandard-port
            module: org-policy
            severity: low
            title: RADIUS On A Non-Standard Port
            rationale: Our firewalls only open UDP 1812 to the NPS servers.
            message: "RADIUS server {{address}} uses port {{port}}."
            remediation: "Move {{address}} to port 1812 on {{scope}}."
            references: [Contoso network standard NS-12]
            match:
              entity: radiusServers
              when: {field: purpose, eq: Authentication}
              requires: [port]
              where: {field: port, ne: 1812}
            examples:
              triggering:
                - summary: RADIUS on 1645
                  estate: {servers: [{name: rras01, vpn: {radiusServers: [{address: nps01, purpose: Authentication, port: 1645}]}}]}
              nonTriggering:
                - summary: RADIUS on 1812
                  estate: {servers: [{name: rras01, vpn: {radiusServers: [{address: nps01, purpose: Authentication, port: 1812}]}}]}
          - id: org-server-naming
            module: org-policy
            severity: info
            title: Server Name Outside The Naming Standard
            rationale: Contoso names remote-access servers ra-<site>-<nn>.
            remediation: Rename {{name}} or record an exception.
            references: [Contoso naming standard]
            match:
              entity: servers
              where: {not: {field: name, matches: "^ra-[a-z]+-[0-9]{2}$"}}
            examples:
              triggering:
                - {summary: da01, estate: {servers: [{name: da01}]}}
              nonTriggering:
                - {summary: ra-leeds-01, estate: {servers: [{name: ra-leeds-01}]}}
        """

    @Test func aPackWrittenFromTheDocsLoadsAndFires() throws {
        let pack = try parse(Self.userPack)
        #expect(pack.rules.map(\.id) == ["org-radius-nonstandard-port", "org-server-naming"])
        for rule in pack.rules { #expect(rule.exampleFailures().isEmpty, "\(rule.exampleFailures())") }
        // On the example estate: contoso's servers are named da01/da02, and its RADIUS uses 1812.
        let advisor = try Advisor.inMemory()
        let environment = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
            .environment
        let outcome = try advisor.assess(environment: environment, packs: [pack])
        let naming = outcome.findings.filter { $0.ruleId == "org-server-naming" }
        #expect(naming.count == 2 && naming.allSatisfy { $0.outcome == .finding && $0.module == "org-policy" })
        #expect(naming.first?.remediation.hasPrefix("Rename da0") == true)
        #expect(!outcome.findings.contains { $0.ruleId == "org-radius-nonstandard-port" && $0.outcome == .finding })
        // A RADIUS port that differs fires with the netsh line as evidence.
        var estate = try advisor.store.estate(
            environmentId: try #require(try advisor.store.environmentId(named: environment)))
        estate.servers[0].vpn.radiusServers[0].port = 1645
        let findings = try pack.rules[0].assess(estate)
        let finding = try #require(findings.first { $0.outcome == .finding })
        #expect(finding.message == "RADIUS server nps01.corp.contoso.com uses port 1645.")
        #expect(finding.evidence.first?.file.hasSuffix("netsh-ras-dump.txt") == true)
    }

    func problem(_ text: String) -> InputError? {
        do {
            _ = try parse(text)
            return nil
        } catch { return error as? InputError }
    }

    @Test func aMistypedFieldNamesTheFileLineAndNearestField() throws {
        let typo = try #require(
            problem(
                Self.userPack.replacingOccurrences(
                    of: "where: {field: port, ne: 1812}", with: "where: {field: prot, ne: 1812}")))
        #expect(typo.file == "org.yml" && typo.line == 15)
        #expect(typo.message.contains("unknown field 'prot' for radiusServers (did you mean 'port'?)"))
        let deep = try #require(
            problem(
                """
                rules:
                  - id: org-lifetime
                    module: org
                    severity: low
                    title: T
                    rationale: R
                    remediation: X
                    references: [Y]
                    match:
                      entity: servers
                      where: {field: vpn.saLifetimeSecond, gt: 28800}
                    examples: {triggering: [{summary: a, estate: {}}], nonTriggering: [{summary: b, estate: {}}]}
                """))
        #expect(deep.line == 11 && deep.message.contains("did you mean 'vpn.saLifetimeSeconds'?"))
        let op = try #require(problem(Self.userPack.replacingOccurrences(of: "ne: 1812", with: "neq: 1812")))
        #expect(op.line == 15 && op.message.contains("did you mean 'ne'?"))
        let entity = try #require(
            problem(Self.userPack.replacingOccurrences(of: "entity: radiusServers", with: "entity: radiusServer")))
        #expect(entity.message.contains("did you mean 'radiusServers'?"))
        let template = try #require(
            problem(Self.userPack.replacingOccurrences(of: "uses port {{port}}", with: "uses port {{prt}}")))
        #expect(template.message.contains("unknown field 'prt'"))
        let number = try #require(problem(Self.userPack.replacingOccurrences(of: "ne: 1812", with: "gt: high")))
        #expect(number.message.contains("'gt' takes a number"))
        let clash = try #require(
            problem(Self.userPack.replacingOccurrences(of: "id: org-server-naming", with: "id: pptp-enabled")))
        #expect(clash.message.contains("already used"))
        let noExamples = try #require(
            problem(
                Self.userPack.replacingOccurrences(
                    of: "nonTriggering:\n        - {summary: ra-leeds-01, estate: {servers: [{name: ra-leeds-01}]}}",
                    with: "nonTriggering: []")))
        #expect(noExamples.message.contains("nonTriggering"))
    }

    @Test(arguments: ["standard", "enhanced", "cnsa"])
    func theChosenBaselineJudgesTheServerPolicy(_ baseline: String) throws {
        let packs = try RulePackSet.load(baseline: baseline)
        let rule = try #require(packs.flatMap(\.rules).first { $0.id == "ikev2-below-baseline" })
        func verdict(_ policy: IKEv2Policy) throws -> Bool {
            try rule.assess(ExampleEstate.server { $0.vpn.ikev2Policy = policy }).contains { $0.outcome == .finding }
        }
        let standard = ExampleEstate.standardPolicy
        let enhanced = ExampleEstate.customPolicy(
            auth: "GCMAES128", cipher: "GCMAES128", dh: "Group14", encryption: "GCMAES128", integrity: "SHA256",
            pfs: "ECP256")
        let cnsa = ExampleEstate.customPolicy(
            auth: "GCMAES256", cipher: "GCMAES256", dh: "ECP384", encryption: "GCMAES256", integrity: "SHA384",
            pfs: "ECP384")
        // -CustomPolicy accepts one suite: any difference from the chosen baseline, weaker or
        // stronger, is a finding (clients configured to the baseline fail with 13868).
        #expect(try verdict(standard) == (baseline != "standard"))
        #expect(try verdict(enhanced) == (baseline != "enhanced"))
        #expect(try verdict(cnsa) == (baseline != "cnsa"))
        #expect(throws: InputError.self) { try RulePackSet.load(baseline: "enhancd") }
    }

    @Test func theExemplarSetsEveryFieldOfTheModel() {
        var missing: [String] = []
        func walk(_ value: Any, _ path: String) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                guard let child = mirror.children.first else { return missing.append(path) }
                return walk(child.value, path)
            }
            if mirror.displayStyle == .collection || mirror.displayStyle == .set {
                guard let first = mirror.children.first else { return missing.append(path) }
                return walk(first.value, path + "[]")
            }
            if mirror.displayStyle == .dictionary {
                if mirror.children.isEmpty { missing.append(path) }
                return
            }
            guard mirror.displayStyle == .struct else { return }
            for child in mirror.children { walk(child.value, path + "." + (child.label ?? "?")) }
        }
        walk(ModelExemplar.estate(), "estate")
        #expect(missing.isEmpty, "ModelExemplar leaves these unset: \(missing)")
    }

    @Test func rulePacksSeeTheEstateExactlyAsItsJSON() throws {
        // The direct encoder must give the same tree as JSON text read back (every model field is
        // set in the exemplar, so every shape is covered: facts, optionals, sets, ranges, maps).
        var estate = ModelExemplar.estate()
        estate.servers[0].fqdn = nil  // an absent optional is left out, not null
        let direct = try JSONValue.from(estate)
        let viaText = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(estate))
        #expect(direct == viaText)
        #expect(direct.object?["servers"]?.array?.first?.object?["fqdn"] == nil)
    }

    @Test func docsModelMdAndRulesMdMatchTheCode() throws {
        let model = try String(contentsOf: Self.docs.appendingPathComponent("model.md"), encoding: .utf8)
        #expect(
            model == ModelDocWriter.markdown(),
            "Docs/model.md is stale: run 'swift run aovpn-advisor rules model-doc --output Docs/model.md'")
        #expect(model.contains("| `vpn.saLifetimeSeconds` | number | yes |"))
    }
}
