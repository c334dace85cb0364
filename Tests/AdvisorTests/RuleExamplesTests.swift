import AdvisorCore
import EstateModel
import Foundation
import RuleAPI
import Testing

/// The one generic rule test: every rule against its own examples (SwiftLint's verifyRule).
@Suite struct RuleExamplesTests {
    static let rules: [RuleBox] = RuleRegistry.all.map(RuleBox.init)

    struct RuleBox: CustomTestStringConvertible, Sendable {
        let rule: any Rule.Type
        var testDescription: String { rule.description.id }
    }

    @Test(arguments: rules)
    func triggeringExamplesFire(_ box: RuleBox) {
        let description = box.rule.description
        #expect(!description.triggeringExamples.isEmpty, "\(description.id) has no triggering example")
        for example in description.triggeringExamples {
            let results = box.rule.init().run(on: example.estate)
            #expect(
                results.contains { $0.outcome == .finding && $0.ruleId == description.id },
                "\(description.id): '\(example.summary)' (\(example.file):\(example.line)) did not fire: \(results)")
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesAreAssessedAndSilent(_ box: RuleBox) {
        let description = box.rule.description
        #expect(!description.nonTriggeringExamples.isEmpty, "\(description.id) has no non-triggering example")
        for example in description.nonTriggeringExamples {
            let results = box.rule.init().run(on: example.estate)
            #expect(
                results.isEmpty,
                "\(description.id): '\(example.summary)' (\(example.file):\(example.line)) reported \(results)")
        }
    }

    @Test(arguments: rules)
    func notAssessedExamplesSayNotAssessed(_ box: RuleBox) {
        let description = box.rule.description
        for example in description.notAssessedExamples {
            let results = box.rule.init().run(on: example.estate)
            #expect(
                !results.contains { $0.outcome == .finding } && results.contains { $0.outcome == .notAssessed },
                "\(description.id): '\(example.summary)' (\(example.file):\(example.line)) was not 'not assessed': \(results)"
            )
        }
    }

    @Test(arguments: rules)
    func absentInputIsNotAssessedNotPassed(_ box: RuleBox) {
        // A server with the role but no configuration at all: the rule must say "not assessed".
        let description = box.rule.description
        let role: ServerRole = description.module == "directaccess" ? .directAccess : .vpn
        var estate = Estate(servers: [Server(name: "empty01", roles: [role])])
        if description.module == "load-balancing" || description.module == "certificates" {
            // Two VPN servers behind one name, and no load balancer configuration (or certificate) in the export.
            var first = Server(name: "empty01", roles: [.vpn])
            var second = Server(name: "empty02", roles: [.vpn])
            first.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
            second.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
            estate = Estate(servers: [first, second])
        }
        let results = box.rule.init().run(on: estate)
        #expect(!results.contains { $0.outcome == .finding }, "\(description.id) fired on an empty server")
        if description.id != "ikev2-policy-inconsistent" {  // needs two servers in one deployment
            #expect(results.contains { $0.outcome == .notAssessed }, "\(description.id) passed silently without input")
        }
    }

    @Test func descriptionsAreCompleteAndIdsStable() throws {
        let ids = RuleRegistry.all.map { $0.description.id }
        #expect(Set(ids).count == ids.count, "duplicate rule ids")
        for rule in RuleRegistry.all {
            let description = rule.description
            #expect(
                description.id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil,
                "\(description.id) is not kebab-case")
            #expect(
                !description.rationale.isEmpty && !description.remediation.isEmpty && !description.references.isEmpty,
                "\(description.id) lacks rationale, remediation or references")
        }
        // The ids the product promises (issue 2); renaming one is a breaking change.
        let promised: Set<String> = [
            "pptp-enabled", "l2tp-enabled", "ikev2-not-enabled", "sstp-fallback-missing", "mschapv2-accepted",
            "pap-or-chap-accepted", "ikev2-default-policy", "ikev2-weak-encryption", "ikev2-weak-integrity",
            "ikev2-weak-dh-group", "ikev2-weak-pfs-group", "ikev2-invalid-transform-pairing",
            "ikev2-policy-inconsistent",
            "ikev2-fragmentation-disabled", "ikev2-crl-check-not-enforced", "da-downlevel-clients", "da-nrpt-dns64",
            "da-otp-in-use", "da-force-tunnel", "da-multisite", "da-desktops-included", "da-transition-technologies",
            "da-nls",
            // issue 3
            "lb-source-nat", "lb-nat-t-port-missing", "lb-port-affinity-missing", "lb-persistence-not-source-ip",
            "lb-pool-mismatch", "lb-persistence-timeout-short", "lb-per-datagram-balancing", "lb-no-health-monitor",
            "lb-icmp-monitor-firewall", "lb-snat-registry-workaround", "lb-return-path",
            // issue 5
            "ikev2-client-server-mismatch", "ikev2-cryptosuite-ignored", "profile-device-tunnel-invalid",
            "profile-split-without-routes", "profile-dni-without-tnd", "profile-proxy-on-split-tunnel",
            "profile-boolean-case", "profile-unknown-crypto-value", "da-vpn-fqdn-in-nrpt", "profile-schema-invalid",
            // issue 13 (real profiles)
            "profile-device-tunnel-not-always-on", "profile-ikev2-default-suite", "profile-suite-without-pfs",
            "profile-route-public-space", "profile-tnd-host-name", "profile-force-tunnel-class-route",
            // issue 15 (certificates)
            "cert-ikev2-eku-missing", "cert-expiring", "cert-weak-key", "cert-name-mismatch",
            "cert-differs-across-farm",
            "cert-issuer-not-exported", "cert-device-tunnel-root-unset", "cert-sstp-revocation-unreachable",
            "cert-sstp-certificate-not-exported", "cert-private-key-missing",
            // issue 22 (NPS and the profile's EAP)
            "nps-eap-type-mismatch", "nps-rras-server-not-radius-client", "nps-password-only-vpn-policy",
            "profile-eap-server-validation-off",
            // issue 16 (Group Policy)
            "gpo-da-nrpt-covers-vpn-namespace", "gpo-da-filtering-too-broad", "gpo-version-mismatch",
            "gpo-da-weak-ipsec", "gpo-da-client-policy-reaches-server", "gpo-da-no-wmi-filter",
            "gpo-da-applies-to-no-one",
            "gpo-da-nrpt-differs-from-server",
            // issue 4 (rule packs)
            "ikev2-sa-lifetime-long", "ikev2-mm-lifetime-long", "ikev2-below-baseline",
        ]
        // Some live in the bundled rule packs (Rules/packs) since 0.2, with the same ids.
        let packIds = try RulePackSet.bundled().flatMap(\.rules).map(\.id)
        #expect(Set(ids).isDisjoint(with: packIds))
        #expect(
            Set(ids).union(packIds) == promised, "differs: \(promised.symmetricDifference(Set(ids).union(packIds)))")
    }

    @Test func everyRuleFileIsRegistered() throws {
        let plugins = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Plugins"
        ).standardized
        let files = try FileManager.default.subpathsOfDirectory(atPath: plugins.path).filter {
            $0.hasSuffix("Rule.swift")
        }
        #expect(
            files.count == RuleRegistry.all.count, "rule files \(files.count) vs registered \(RuleRegistry.all.count)")
    }
}

/// Docs/rules.md is generated from the descriptions (`aovpn-advisor rules doc --output Docs/rules.md`).
@Suite struct RuleCatalogueTests {
    @Test func docsRulesMdMatchesTheCode() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Docs/rules.md"
        ).standardized
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == (try RuleCatalogue.markdown()),
            "Docs/rules.md is stale: run 'swift run aovpn-advisor rules doc --output Docs/rules.md'")
    }

    @Test func jsonCatalogueListsEveryRuleWithItsExamples() throws {
        let entries = try JSONDecoder().decode(
            [RuleCatalogue.Entry].self, from: Data(try RuleCatalogue.json(try RuleCatalogue.all()).utf8))
        #expect(Array(entries.map(\.id).prefix(RuleRegistry.all.count)) == RuleRegistry.all.map { $0.description.id })
        #expect(entries.contains { $0.id == "ikev2-below-baseline" })
        #expect(entries.allSatisfy { !$0.triggeringExamples.isEmpty && !$0.nonTriggeringExamples.isEmpty })
    }
}
