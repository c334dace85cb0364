import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import Planning
import ProfileSchema
import RuleAPI
import SettingsYAML
import Testing
import XMLKit

/// The Always On VPN plan on the bundled example and on plan files written as a user would.
@Suite struct PlanTests {
    static let planFile = TestInput.examples.appendingPathComponent("contoso.plan.yml").path

    func contoso() throws -> (Advisor, String) {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        _ = try advisor.assess(environment: outcome.environment)
        return (advisor, outcome.environment)
    }

    func profile(_ plan: MigrationPlan, _ name: String) throws -> XMLElement {
        let xml = try #require(PlanWriter(plan: plan, generator: "test").profiles().first { $0.name == name }?.xml)
        // A plan without vpnServers writes an incomplete profile (the gap is noted in it): valid
        // otherwise, but never called valid as it stands.
        let incomplete = plan.gaps.contains { $0.key == "vpnServers" }
        #expect(
            try ProfileXMLSchema.validate(Data(xml.utf8), file: name, incomplete: incomplete).isEmpty,
            "\(name) does not validate")
        #expect(try ProfileXMLSchema.validate(Data(xml.utf8), file: name).isEmpty == !incomplete)
        return try XMLDocumentParser.parse(Data(xml.utf8), file: name)
    }

    @Test func contosoNrptMovesToDomainNameInformationWithThePlansDnsServersAndNoDns64() throws {
        let (advisor, environment) = try contoso()
        let settings = try PlanFile.load(path: Self.planFile)
        let plan = try advisor.plan(environment: environment, settings: settings)
        #expect(plan.gaps.isEmpty, "\(plan.gaps)")
        let user = try profile(plan, "ProfileXML-User.xml")
        let estate = try advisor.store.estate(
            environmentId: try #require(try advisor.store.environmentId(named: environment)))
        let rules = estate.directAccessServers.flatMap(\.directAccess.nrptRules)
        let namespaces = Set(rules.filter { !$0.isExemption }.flatMap(\.namespaces).map { $0.lowercased() })
        #expect(!namespaces.isEmpty)
        let dni = user.children(named: "DomainNameInformation")
        #expect(Set(dni.compactMap { $0.child("DomainName")?.text }) == namespaces)
        for rule in dni { #expect(rule.child("DnsServers")?.text == settings.dnsServers.joined(separator: ",")) }
        // No DNS64 (or any DirectAccess DNS server) address survives anywhere in the profile.
        let xml = try #require(PlanWriter(plan: plan, generator: "test").profiles().first?.xml)
        for address in Set(rules.flatMap(\.directAccessDnsServers)) {
            #expect(!xml.contains(address), "\(address) left in the profile")
        }
        // Exemptions (the NLS name) are dropped.
        for exemption in rules.filter(\.isExemption).flatMap(\.namespaces) {
            #expect(!xml.contains("<DomainName>\(exemption)<"))
        }
        #expect(plan.mapping.contains { $0.alwaysOnSetting == "DomainNameInformation" && !$0.evidence.isEmpty })
    }

    @Test(arguments: IKEv2Baseline.allCases)
    func cryptographySuiteEqualsTheChosenBaselineInBothTunnelsAndTheScripts(_ baseline: IKEv2Baseline) throws {
        let (advisor, environment) = try contoso()
        var settings = try PlanFile.load(path: Self.planFile)
        settings.ikev2Baseline = baseline
        let plan = try advisor.plan(environment: environment, settings: settings)
        for name in ["ProfileXML-User.xml", "ProfileXML-Device.xml"] {
            let suite = try #require(try profile(plan, name).child("NativeProfile")?.child("CryptographySuite"))
            #expect(suite.children.map(\.name) == IKEv2Transform.allCases.map(\.rawValue), "CSP element order")
            for transform in IKEv2Transform.allCases {
                let client = try #require(suite.child(transform.rawValue)?.text)
                #expect(
                    IKEv2Vocabulary.comparable(client, transform: transform)
                        == IKEv2Vocabulary.comparable(baseline.serverValues[transform] ?? "", transform: transform))
                #expect(transform.profileValues.contains(client), "\(client) is not spelled as the CSP wants")
            }
        }
        let script = try #require(plan.serverScripts.first)
        for (transform, value) in baseline.serverValues {
            #expect(script.text.contains("\(transform.rawValue) = '\(value)'"))
        }
        #expect(script.text.contains("IkeNumEstablishedForInitialQuery' -Value 5000"))
    }

    @Test func deviceTunnelFollowsTheCspRules() throws {
        let (advisor, environment) = try contoso()
        let plan = try advisor.plan(environment: environment, settings: try PlanFile.load(path: Self.planFile))
        let device = try profile(plan, "ProfileXML-Device.xml")
        let native = try #require(device.child("NativeProfile"))
        #expect(device.child("DeviceTunnel")?.text == "true")
        #expect(native.child("NativeProtocolType")?.text == "IKEv2")
        #expect(native.child("RoutingPolicyType")?.text == "SplitTunnel")
        #expect(native.child("Authentication")?.child("MachineMethod")?.text == "Certificate")
        #expect(native.child("Authentication")?.child("UserMethod") == nil)
        #expect(device.children(named: "DomainNameInformation").isEmpty)
        #expect(device.children(named: "Route").count == 3)
        // The generated profile passes the project's own client-profile rules.
        var estate = Estate()
        for (name, xml) in PlanWriter(plan: plan, generator: "test").profiles() {
            estate.merge(try TestInput.importing(TestInput.file(name, Data(xml.utf8))).estate)
        }
        let findings = RuleEngine(rules: RuleRegistry.all).assess(estate).filter {
            $0.module == "client-profiles" && $0.outcome == .finding
        }
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func withoutAPlanFileEveryArtifactIsWrittenAndTheGapsListedNothingInvented() throws {
        let (advisor, environment) = try contoso()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID())")
        let result = try advisor.writePlan(environment: environment, settings: PlanSettings(), to: dir)
        let keys = Set(result.plan.gaps.map(\.key))
        for key in [
            "vpnServers", "dnsServers", "trustedNetworkSuffix", "ikev2Baseline", "userAuthentication",
            "certificates.rootCAThumbprint", "certificates.npsServers", "deviceTunnel.enabled", "rrasServers",
        ] {
            #expect(keys.contains(key), "\(key) not listed as a gap")
        }
        let names = Set(result.files.map { $0.path.replacingOccurrences(of: dir.path + "/", with: "") })
        #expect(
            names.contains("ProfileXML-User.xml") && names.contains("plan.md")
                && names.contains("loadbalancer/f5-big-ip.txt"))
        let user = try profile(result.plan, "ProfileXML-User.xml")
        #expect(user.child("NativeProfile")?.child("Servers") == nil, "a server name was invented")
        #expect(user.child("NativeProfile")?.child("CryptographySuite") == nil, "a baseline was invented")
        #expect(user.child("TrustedNetworkDetection") == nil)
        #expect(user.children(named: "DomainNameInformation").allSatisfy { $0.child("DnsServers") == nil })
        let markdown = try String(contentsOf: dir.appendingPathComponent("plan.md"), encoding: .utf8)
        #expect(markdown.contains("`vpnServers`") && markdown.contains("## Phases"))
    }

    @Test func planInitRoundTripsAndItsEmptyValuesStayGaps() throws {
        let (advisor, environment) = try contoso()
        let text = try advisor.planTemplate(environment: environment)
        let settings = try PlanFile.parse(text, file: "aovpn-plan.yml")
        #expect(settings.dnsSuffix == ["corp.contoso.com"])
        // The example's pilot profile pre-fills what clients already use, with its name in a comment.
        #expect(
            settings.vpnServers == ["vpn-pilot.corp.contoso.com"] && settings.trustedNetworkSuffix == "corp.contoso.com"
        )
        #expect(settings.routes == ["10.0.0.0/8"] && settings.dnsServers == ["10.10.0.2", "10.10.0.3"])
        #expect(text.contains("Pre-filled from the pilot profile ProfileXML-Pilot (clients/ProfileXML-Pilot.xml)"))
        #expect(settings.ikev2Baseline == nil)
        #expect(settings.rrasServers.isEmpty, "DA01/DA02 run DirectAccess and must not be offered as VPN servers")
        let plan = try advisor.plan(environment: environment, settings: settings)
        #expect(plan.gaps.contains { $0.key == "ikev2Baseline" } && plan.gaps.contains { $0.key == "rrasServers" })
        #expect(!plan.gaps.contains { $0.key == "vpnServers" })
    }

    @Test func aMistypedKeyNamesFileLineAndTheNearestKey() throws {
        let text = "version: 1\nvpnServers: [vpn.example.com]\ndnsServer: [10.0.0.1]\n"
        #expect(
            throws: InputError(
                file: "p.yml", line: 3,
                message:
                    "unknown key 'dnsServer' in the plan (did you mean 'dnsServers'?); valid keys: \(SettingsKeysForTest.all)"
            )
        ) {
            try PlanFile.parse(text, file: "p.yml")
        }
        do { _ = try PlanFile.parse("certificates:\n  rootCAThumbprnt: ab\n", file: "p.yml") } catch let error
            as InputError
        {
            #expect(error.line == 2 && error.message.contains("did you mean 'rootCAThumbprint'?"))
        }
        do { _ = try PlanFile.parse("ikev2Baseline: enhancd\n", file: "p.yml") } catch let error as InputError {
            #expect(error.line == 1 && error.message.contains("did you mean 'enhanced'?"))
        }
        do { _ = try PlanFile.parse("routes: [10.0.0.0/33]\n", file: "p.yml") } catch let error as InputError {
            #expect(error.line == 1 && error.message.contains("10.0.0.0/33"))
        }
        do { _ = try PlanFile.parse("routes: [10.0.0.0/8\n", file: "p.yml") } catch let error as InputError {
            #expect(error.message.hasPrefix("not valid YAML"))
        }
    }

    @Test func serverNamesCannotBreakOutOfTheScript() throws {
        let (advisor, environment) = try contoso()
        var settings = try PlanFile.load(path: Self.planFile)
        settings.rrasServers = ["rras01'; Remove-Item C:\\ -Recurse #> <#"]
        let script = try #require(try advisor.plan(environment: environment, settings: settings).serverScripts.first)
        #expect(!script.text.contains("'; Remove-Item") && !script.text.contains("#> <#"))
        #expect(
            script.path.split(separator: "/").count == 2 && script.path.hasPrefix("servers/rras01_"), "\(script.path)")
    }

    @Test func aVpnNameInsideADirectAccessNamespaceIsFlaggedInThePlan() throws {
        let (advisor, environment) = try contoso()
        var settings = try PlanFile.load(path: Self.planFile)
        settings.vpnServers = ["vpn.corp.contoso.com"]
        let plan = try advisor.plan(environment: environment, settings: settings)
        let coexistence = try #require(plan.phases.first { $0.title.contains("Coexistence") })
        #expect(coexistence.steps[0].text.contains("NRPT exemption for vpn.corp.contoso.com"))
    }
}

/// The valid top-level keys, as the error message lists them.
enum SettingsKeysForTest {
    static let all =
        "version, profileName, vpnServers, rrasServers, dnsServers, dnsSuffix, trustedNetworkSuffix, routes, routing, userAuthentication, ikev2Baseline, deviceTunnel, certificates, expectedConnections, certificateWindowDays"
}
