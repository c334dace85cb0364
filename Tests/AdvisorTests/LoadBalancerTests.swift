import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import RuleAPI
import Testing

@testable import Importers

@Suite struct LoadBalancerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/lb")

    /// The load-balancing findings (rule id → severity) of a fixture, and the rules not assessed.
    func assess(_ name: String) throws -> (findings: [String: Severity], notAssessed: Set<String>, estate: Estate) {
        let bundle = try ExportBundle.read(path: Self.fixtures.appendingPathComponent(name).path)
        let estate = try EstateImporter.importBundle(bundle).estate
        let results = RuleEngine(rules: RuleRegistry.all).assess(estate).filter { $0.module == "load-balancing" }
        var findings: [String: Severity] = [:]
        for result in results where result.outcome == .finding { findings[result.ruleId] = result.severity }
        return (findings, Set(results.filter { $0.outcome == .notAssessed }.map(\.ruleId)), estate)
    }

    @Test(arguments: ["f5-good.conf", "citrix-good.conf", "kemp-good.xml", "nginx-good", "nlb-good.xml"])
    func correctConfigurationHasNothingAboveInfo(_ name: String) throws {
        let result = try assess(name)
        #expect(result.findings.values.allSatisfy { $0 == .info }, "\(name): \(result.findings)")
        #expect(!result.estate.loadBalancers.flatMap(\.listeners).isEmpty)
    }

    @Test(arguments: [
        (
            "f5-bad.conf",
            [
                "lb-source-nat", "lb-port-affinity-missing", "lb-persistence-timeout-short",
                "lb-per-datagram-balancing", "lb-icmp-monitor-firewall",
            ]
        ),
        (
            "citrix-bad.conf",
            [
                "lb-source-nat", "lb-port-affinity-missing", "lb-persistence-timeout-short", "lb-no-health-monitor",
                "lb-pool-mismatch",
            ]
        ),
        (
            "kemp-bad.xml",
            ["lb-port-affinity-missing", "lb-persistence-timeout-short", "lb-no-health-monitor", "lb-return-path"]
        ),
        ("nginx-bad.conf", ["lb-port-affinity-missing", "lb-return-path"]),
        ("nlb-bad.xml", ["lb-persistence-not-source-ip", "lb-port-affinity-missing"]),
    ])
    func documentedMistakesGiveExactlyTheirFindings(_ input: (String, [String])) throws {
        let result = try assess(input.0)
        #expect(Set(result.findings.keys) == Set(input.1), "\(input.0): \(result.findings.keys.sorted())")
    }

    @Test func findingsPointAtTheConfigurationLine() throws {
        let bundle = try ExportBundle.read(path: Self.fixtures.appendingPathComponent("f5-bad.conf").path)
        let estate = try EstateImporter.importBundle(bundle).estate
        let nat = LBSourceNatRuleProbe.run(estate)
        #expect(nat.first?.evidence.map(\.location) == ["line 43", "line 59"])
        #expect(nat.first?.evidence.first?.value == "source-address-translation type automap")
        #expect(nat.first?.remediation.hasPrefix("F5:") == true)
    }

    @Test func theRealFabEdgeNginxSampleYieldsSourceNat() throws {
        // A copy of ../shared/samples/lb/fabedge-nginx-stream-ike.conf (see Fixtures/samples/SOURCES.txt).
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/samples/fabedge-nginx-stream-ike.conf")
        let estate = try EstateImporter.importBundle(try ExportBundle.read(path: sample.path)).estate
        let findings = RuleEngine(rules: RuleRegistry.all).assess(estate).filter { $0.outcome == .finding }
        #expect(findings.contains { $0.ruleId == "lb-source-nat" && $0.evidence.first?.location == "line 9" })
        #expect(!findings.contains { $0.ruleId == "lb-port-affinity-missing" })  // one backend per port
    }

    @Test func f5LegacySyntaxWildcardAndIRules() throws {
        let conf = """
            ltm rule /Common/snat_rule {
                when CLIENT_ACCEPTED {
                    snat automap
                }
            }
            ltm virtual /Common/vs_any {
                destination /Common/203.0.113.10:any
                ip-protocol udp
                persist { /Common/source_addr { default yes } }
                pool /Common/p_any
                rules { /Common/snat_rule }
            }
            ltm virtual /Common/vs_v10 {
                destination 198.51.100.1:500
                ip-protocol udp
                snat automap
            }
            """
        let result = try TestInput.importing(TestInput.file("bigip.conf", Data(conf.utf8)))
        let listeners = try #require(result.estate.loadBalancers.first).listeners
        #expect(listeners.map(\.portRange) == [nil, 500...500])
        #expect(listeners[0].sourceTranslation.kind == .automap)
        #expect(listeners[0].sourceTranslation.evidence.location == "line 3")
        #expect(listeners[0].affinityGroup != nil)
        #expect(listeners[1].sourceTranslation.kind == .automap)
    }

    @Test(arguments: [
        ("bigip.conf", "ltm virtual /Common/vs {\n    destination 1.2.3.4:500\n    ip-protocol udp\n", 1),
        ("bigip.conf", "ltm pool /Common/p {\n}\n}\n", 3),
        ("nginx.conf", "stream {\n  upstream u {\n    server 10.0.0.1:500\n  }\n}\n", 3),
        ("nginx.conf", "stream {\n  server { listen 500 udp; proxy_pass u; }\n", 1),
        ("listvs.xml", "<Response stat=\"200\" code=\"ok\"><Success><Data><VS><VSAddress>1.2.3.4</VSAddress>", 1),
    ])
    func malformedConfigurationsAreErrorsWithLines(_ input: (String, String, Int)) {
        let error = #expect(throws: InputError.self) {
            try TestInput.importing(TestInput.file(input.0, Data(input.1.utf8)))
        }
        #expect(error?.file == input.0)
        #expect(error?.line == input.2, "\(String(describing: error))")
    }

    @Test func unknownNsConfCommandsAreListedNotFatal() throws {
        let conf = "add lb vserver vs1 UDP 1.2.3.4 500 -persistenceType SOURCEIP\nfrobnicate lb vserver vs1\n"
        let result = try TestInput.importing(TestInput.file("ns.conf", Data(conf.utf8)))
        #expect(result.estate.notUnderstood.map(\.evidence.location) == ["line 2"])
        #expect(result.estate.loadBalancers.first?.listeners.count == 1)
    }

    @Test func tmshOneLineOutputReadsLikeTheMultiLineForm() throws {
        let oneLine = """
            ltm persistence source-addr /Common/p_ike { app-service none defaults-from /Common/source_addr match-across-services enabled timeout 3600 }
            ltm pool /Common/pool500 { members { /Common/10.0.10.11:isakmp { address 10.0.10.11 } /Common/10.0.10.12:isakmp { address 10.0.10.12 } } monitor /Common/gateway_icmp }
            ltm pool /Common/pool4500 { members { /Common/10.0.10.11:ipsec-nat-t { address 10.0.10.11 } /Common/10.0.10.12:ipsec-nat-t { address 10.0.10.12 } } monitor /Common/gateway_icmp }
            ltm virtual /Common/vs500 { destination /Common/203.0.113.10:isakmp ip-protocol udp mask 255.255.255.255 persist { /Common/p_ike { default yes } } pool /Common/pool500 profiles { /Common/udp { } } source-address-translation { type automap } translate-address enabled }
            ltm virtual /Common/vs4500 { destination /Common/203.0.113.10:ipsec-nat-t ip-protocol udp mask 255.255.255.255 persist { /Common/p_ike { default yes } } pool /Common/pool4500 profiles { /Common/udp { } } source-address-translation { type none } translate-address enabled }
            """
        let result = try TestInput.importing(TestInput.file("tmsh.txt", Data(oneLine.utf8)))
        let balancer = try #require(result.estate.loadBalancers.first)
        #expect(balancer.listeners.map(\.sourceTranslation.kind) == [.automap, .none])
        #expect(balancer.listeners.map(\.poolName) == ["pool500", "pool4500"])
        #expect(
            balancer.listeners.allSatisfy {
                $0.affinityGroup == "f5:persistence:p_ike" && $0.persistence?.timeoutSeconds == 3600
            })
        #expect(
            balancer.pools.map(\.memberAddresses) == [["10.0.10.11", "10.0.10.12"], ["10.0.10.11", "10.0.10.12"]])
        #expect(balancer.pools.first?.monitors == ["gateway_icmp"])
    }

    @Test func kempShowvsWithOneServiceInData() throws {
        let xml =
            "<Response stat=\"200\" code=\"ok\"><Success><Data><Index>3</Index><VSAddress>203.0.113.10</VSAddress><VSPort>500</VSPort><Protocol>udp</Protocol><Layer>4</Layer><Persist>src</Persist><PersistTimeout>3600</PersistTimeout><Rs><Addr>10.0.10.11</Addr><Port>500</Port></Rs></Data></Success></Response>"
        let result = try TestInput.importing(TestInput.file("showvs.xml", Data(xml.utf8)))
        #expect(result.estate.loadBalancers.first?.listeners.first?.portRange == 500...500)
    }

    @Test func remoteAccessLoadBalancerIsRecordedOnTheServer() throws {
        let body = TestInput.clixml(
            """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/RemoteAccessLoadBalancer</T></TN>
                <Props><S N="ThirdPartyLoadBalancer">Enabled</S>
                  <Obj N="InternetVirtualIPAddress" RefId="1"><TN RefId="1"><T>System.String[]</T></TN><LST><S>203.0.113.10</S></LST></Obj>
                  <S N="PSComputerName">RRAS01</S></Props></Obj>
            """)
        let result = try TestInput.importing(TestInput.file("lb.xml", Data(body.utf8)))
        #expect(
            result.estate.server(named: "rras01")?.loadBalancing?.value
                == "third-party load balancer (virtual addresses 203.0.113.10)")
    }

    @Test func membersAreMatchedToServersForTheRegistryWorkaround() throws {
        var server = Server(name: "rras01", roles: [.vpn])
        server.addresses = [ExampleEstate.fact("10.0.10.11")]
        server.registry.exportedKeys = [ServerRegistry.ikeextParameters]
        let bundle = try ExportBundle.read(path: Self.fixtures.appendingPathComponent("f5-bad.conf").path)
        var estate = try EstateImporter.importBundle(bundle).estate
        estate.merge(Estate(servers: [server]))
        let findings = RuleEngine(rules: RuleRegistry.all).assess(estate).filter {
            $0.ruleId == "lb-snat-registry-workaround"
        }
        #expect(findings.map(\.outcome) == [.finding])
        #expect(findings.first?.server == "rras01")
    }
}

/// Runs lb-source-nat alone.
enum LBSourceNatRuleProbe {
    static func run(_ estate: Estate) -> [Finding] {
        (RuleRegistry.rule(id: "lb-source-nat")?.init().run(on: estate) ?? []).filter { $0.outcome == .finding }
    }
}

/// Source NAT through an F5 SNAT pool, in every form tmsh writes it (issue: real F5 configurations
/// were read as "none" because `type snat` was split as if `snat` were a new property).
@Suite struct F5SourceTranslationFormsTests {
    static func kinds(_ config: String) throws -> [SourceTranslation.Kind] {
        try TestInput.importing(TestInput.file("bigip.conf", Data(config.utf8))).estate.loadBalancers.first?.listeners
            .map(\.sourceTranslation.kind) ?? []
    }

    @Test func snatPoolMultiLineOneLineAndV10() throws {
        let multiLine = """
            ltm virtual /Common/vs_vpn_500 {
                destination /Common/203.0.113.10:500
                ip-protocol udp
                pool /Common/pool_vpn
                source-address-translation {
                    pool /Common/snatpool_vpn
                    type snat
                }
            }
            """
        #expect(try Self.kinds(multiLine) == [.pool])
        let evidence = try TestInput.importing(TestInput.file("bigip.conf", Data(multiLine.utf8))).estate.loadBalancers
            .first?.listeners.first?.sourceTranslation.evidence.value
        #expect(evidence == "source-address-translation type snat pool snatpool_vpn")
        let oneLine =
            "ltm virtual /Common/vs { destination /Common/203.0.113.10:500 ip-protocol udp pool /Common/p source-address-translation { pool /Common/snatpool_vpn type snat } translate-address enabled }\n"
        #expect(try Self.kinds(oneLine) == [.pool])
        let automapOneLine =
            "ltm virtual /Common/vs { destination /Common/203.0.113.10:500 ip-protocol udp source-address-translation { type automap } vlans-disabled }\n"
        #expect(try Self.kinds(automapOneLine) == [.automap])
        let v10 =
            "ltm virtual /Common/vs {\n    destination /Common/203.0.113.10:500\n    ip-protocol udp\n    snatpool /Common/snatpool_vpn\n}\n"
        #expect(try Self.kinds(v10) == [.pool])
        let none =
            "ltm virtual /Common/vs {\n    destination /Common/203.0.113.10:500\n    ip-protocol udp\n    source-address-translation {\n        type none\n    }\n}\n"
        #expect(try Self.kinds(none) == [SourceTranslation.Kind.none])
    }
}
