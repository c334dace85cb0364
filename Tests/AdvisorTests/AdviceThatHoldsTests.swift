import AdvisorCore
import ClientProfileRules
import EstateModel
import Foundation
import IKEv2BaselineRules
import RuleAPI
import RulePacks
import SettingsYAML
import Testing
import XMLKit

@testable import DirectAccessRules
@testable import LoadBalancingRules
@testable import Planning

/// Advice that holds when it is followed: the report's remediation, the server scripts and the
/// profiles agree value for value, each wrong piece of advice found in the 0.3 review stays fixed,
/// and the plan closes what it claims (issue "Advice that holds").
@Suite struct AdviceThatHoldsTests {
    // MARK: - One source for the IKEv2 values

    /// The six `-Name Value` pairs of a Set-VpnServerConfiguration command in `text`.
    static func commandValues(_ text: String) -> [IKEv2Transform: String] {
        var values: [IKEv2Transform: String] = [:]
        for transform in IKEv2Transform.allCases {
            let marker = "-\(transform.rawValue) "
            guard let range = text.range(of: marker) else { continue }
            values[transform] = String(text[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" && $0 != "," })
        }
        return values
    }

    /// The `Name = 'Value'` lines of the server script's `$policy` table.
    static func scriptValues(_ script: String) -> [IKEv2Transform: String] {
        var values: [IKEv2Transform: String] = [:]
        for line in script.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for transform in IKEv2Transform.allCases where trimmed.hasPrefix("\(transform.rawValue) = '") {
                values[transform] = String(trimmed.dropFirst(transform.rawValue.count + 4).dropLast())
            }
        }
        return values
    }

    static func generatedEstate(build: Int = WindowsBuild.server2019) -> Estate {
        func server(_ name: String, _ address: String) -> Server {
            var server = Server(name: name, fqdn: "\(name).corp.example.com", roles: [.vpn])
            server.operatingSystem = OperatingSystemInfo(build: ExampleEstate.fact(build))
            server.addresses = [ExampleEstate.fact(address)]
            server.directAccess.connectToAddress = ExampleEstate.fact("vpn.example.com")
            server.vpn.ikev2Policy = ExampleEstate.customPolicy(
                auth: "SHA196", cipher: "DES3", dh: "Group2", encryption: "DES3",
                integrity: "SHA1", pfs: "None")
            server.vpn.saLifetimeSeconds = ExampleEstate.fact(86400)
            server.vpn.ports = ExampleEstate.ports([(.ikev2, 128), (.sstp, 128), (.pptp, 128), (.l2tp, 128)])
            server.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "MsChapv2", "Certificate"])
            server.vpn.pppAuthTypes = ExampleEstate.fact(["PAP", "MSCHAPv2", "EAP"])
            server.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2, ServerRegistry.ikeextParameters]
            server.registry.enableServerFragmentation = ExampleEstate.fact(0)
            server.registry.certAuthFlags = ExampleEstate.fact(0)
            return server
        }
        let servers = [server("rras01", "10.0.10.11"), server("rras02", "10.0.10.12")]
        // An F5 with every readiness problem the load balancer changes answer, plus source NAT.
        let pools = [
            ExampleEstate.pool("p500", ["10.0.10.11", "10.0.10.12"], monitors: []),
            ExampleEstate.pool("p4500", ["10.0.10.11", "10.0.10.13"]),
        ]
        let listeners = [
            ExampleEstate.listener(
                "vs500", port: 500, pool: "p500", snat: .automap, persistence: ExampleEstate.sourceIP(120),
                affinity: nil, perDatagram: true),
            ExampleEstate.listener(
                "vs4500", port: 4500, pool: "p4500", snat: .automap,
                persistence: Persistence(
                    type: "cookie", timeoutSeconds: 120, evidence: ExampleEstate.evidence("cookie")),
                affinity: nil),
        ]
        let balancer = LoadBalancer(
            vendor: .f5, name: "bigip", listeners: listeners, pools: pools, evidence: ExampleEstate.evidence("bigip"))
        return Estate(servers: servers, loadBalancers: [balancer])
    }

    static func settings(_ baseline: IKEv2Baseline) -> PlanSettings {
        var settings = PlanSettings()
        settings.profileName = "Example VPN"
        settings.vpnServers = ["vpn.example.com"]
        settings.dnsServers = ["10.0.0.10"]
        settings.dnsSuffix = ["corp.example.com"]
        settings.trustedNetworkSuffix = "corp.example.com"
        settings.routes = ["10.0.0.0/8"]
        settings.routing = .split
        settings.userAuthentication = .peapTls
        settings.ikev2Baseline = baseline
        settings.deviceTunnel = .init(enabled: true, routes: ["10.0.0.10/32"])
        settings.certificates.rootCAThumbprint = "5A89FECB5B49A70B1A5263B735EED71CC268BE4B"
        settings.certificates.npsServers = ["nps01.corp.example.com"]
        settings.expectedConnections = 2500
        return settings
    }

    /// Every built-in rule and bundled pack rule (with the baseline's pack) over `estate`.
    static func assess(_ estate: Estate, _ context: AssessmentContext) throws -> [Finding] {
        let packs = try RulePackSet.load(baseline: context.baseline?.rawValue)
        return RuleEngine(rules: RuleRegistry.all).assess(estate, context: context)
            + (try DeclarativeRule.assess(packs.flatMap(\.rules), estate))
    }

    @Test(arguments: IKEv2Baseline.allCases)
    func remediationScriptAndProfileCarryTheSameSixValues(_ baseline: IKEv2Baseline) throws {
        let estate = Self.generatedEstate()
        let settings = Self.settings(baseline)
        let findings = try Self.assess(estate, settings.assessmentContext)
        let plan = MigrationPlanner(
            environment: "example", estate: estate, findings: findings, settings: settings, generator: "test"
        ).plan()
        let expected = baseline.serverValues
        // The report's remediation of every IKEv2 policy finding.
        let policyFindings = findings.filter {
            ["ikev2-weak-encryption", "ikev2-weak-dh-group", "ikev2-below-baseline"].contains($0.ruleId)
                && $0.outcome == .finding
        }
        #expect(policyFindings.count >= 4, "\(policyFindings.map(\.ruleId))")
        for finding in policyFindings {
            #expect(Self.commandValues(finding.remediation) == expected, "\(finding.ruleId): \(finding.remediation)")
        }
        // The server scripts' -CustomPolicy.
        #expect(plan.serverScripts.count == 2)
        for script in plan.serverScripts { #expect(Self.scriptValues(script.text) == expected, "\(script.path)") }
        // The ProfileXML CryptographySuite, compared after normalising the CSP spelling.
        for profile in PlanWriter(plan: plan, generator: "test").profiles() {
            let root = try XMLDocumentParser.parse(Data(profile.xml.utf8), file: profile.name)
            let suite = try #require(root.child("NativeProfile")?.child("CryptographySuite"))
            for transform in IKEv2Transform.allCases {
                let client = try #require(suite.child(transform.rawValue)?.text)
                #expect(
                    IKEv2Vocabulary.comparable(client, transform: transform)
                        == IKEv2Vocabulary.comparable(expected[transform] ?? "", transform: transform))
            }
        }
        // The GCM baselines state the Windows Server 1803 requirement wherever they are given.
        if baseline.minimumServerBuild != nil {
            #expect(policyFindings.allSatisfy { $0.remediation.contains("1803") })
            #expect(plan.serverScripts.allSatisfy { $0.text.contains("if ($build -lt 17134) { throw") })
        }
    }

    @Test func withoutAChosenBaselineTheRemediationOffersEachBaselineFromTheTable() throws {
        let findings = try Self.assess(Self.generatedEstate(), AssessmentContext())
        let weak = try #require(findings.first { $0.ruleId == "ikev2-weak-dh-group" && $0.outcome == .finding })
        for baseline in IKEv2Baseline.allCases { #expect(weak.remediation.contains(baseline.serverCommand)) }
        #expect(
            !weak.remediation.contains("-DHGroup ECP256 -EncryptionMethod GCMAES128"),
            "the 0.3 mix of enhanced and ECP256")
    }

    @Test func aServerTooOldForTheBaselineIsToldSoAndItsScriptRefuses() throws {
        let estate = Self.generatedEstate(build: 14393)
        let settings = Self.settings(.enhanced)
        let findings = try Self.assess(estate, settings.assessmentContext)
        let weak = try #require(findings.first { $0.ruleId == "ikev2-weak-encryption" && $0.outcome == .finding })
        #expect(weak.remediation.contains("build 14393") && weak.remediation.contains("standard baseline"))
        let plan = MigrationPlanner(
            environment: "example", estate: estate, findings: findings, settings: settings, generator: "test"
        ).plan()
        let script = try #require(plan.serverScripts.first?.text)
        #expect(script.contains("NOT APPLIED") && !script.contains("Set-VpnServerConfiguration -CustomPolicy"))
        #expect(script.contains("IKEv2 fragmentation: NOT AVAILABLE on build 14393"))
        // So the plan does not claim the policy findings on these servers.
        let claimed = Set(plan.resolvedFindings.map(\.ruleId))
        #expect(!claimed.contains("ikev2-weak-encryption") && !claimed.contains("ikev2-fragmentation-disabled"))
    }

    // MARK: - The plan closes what it claims

    /// The findings claimed by the steps that use server scripts or load balancer changes.
    static func artifactClaims(_ plan: MigrationPlan) -> [ResolvedFinding] {
        plan.phases.flatMap(\.steps)
            .filter { $0.artifacts.contains { $0.hasPrefix("servers/") || $0.hasPrefix("loadbalancer/") } }
            .flatMap(\.resolvedFindings)
    }

    static func keys(_ findings: [Finding]) -> Set<ResolvedFinding> {
        Set(findings.filter(\.isActive).map { ResolvedFinding(ruleId: $0.ruleId, scope: $0.server) })
    }

    @Test(arguments: IKEv2Baseline.allCases)
    func thePlanClosesWhatItClaimsOnAGeneratedEstate(_ baseline: IKEv2Baseline) throws {
        let estate = Self.generatedEstate()
        let settings = Self.settings(baseline)
        let before = try Self.assess(estate, settings.assessmentContext)
        let plan = MigrationPlanner(
            environment: "example", estate: estate, findings: before, settings: settings, generator: "test"
        ).plan()
        let claims = Self.artifactClaims(plan)
        // The claims are real: each was a finding, and the expected ones are there.
        #expect(Set(claims).isSubset(of: Self.keys(before)))
        for id in [
            "ikev2-weak-encryption", "ikev2-below-baseline", "pptp-enabled", "mschapv2-accepted",
            "pap-or-chap-accepted",
            "ikev2-fragmentation-disabled", "ikev2-crl-check-not-enforced", "lb-snat-registry-workaround",
            "lb-port-affinity-missing", "lb-persistence-not-source-ip", "lb-persistence-timeout-short",
            "lb-per-datagram-balancing", "lb-no-health-monitor", "lb-pool-mismatch",
        ] {
            #expect(claims.contains { $0.ruleId == id }, "\(id) is not claimed")
        }
        // Source NAT needs routing the export cannot show: not claimed, and still reported after.
        #expect(!claims.contains { $0.ruleId == "lb-source-nat" })
        let after = try Self.assess(PlannedEstate.after(plan, on: estate), settings.assessmentContext)
        let remaining = Self.keys(after)
        for claim in claims {
            #expect(!remaining.contains(claim), "\(claim.ruleId) on \(claim.scope ?? "estate") is still reported")
        }
        let new = remaining.subtracting(Self.keys(before))
        #expect(new.isEmpty, "new findings after the plan: \(new)")
    }

    @Test func thePlanClosesWhatItClaimsOnTheExample() throws {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let settings = try PlanFile.load(path: TestInput.examples.appendingPathComponent("contoso.plan.yml").path)
        let assessment = try advisor.assess(
            environment: outcome.environment, packs: RulePackSet.load(baseline: settings.ikev2Baseline?.rawValue),
            context: settings.assessmentContext)
        let plan = try advisor.plan(environment: outcome.environment, settings: settings)
        let estate = try advisor.store.estate(
            environmentId: try #require(try advisor.store.environmentId(named: outcome.environment)))
        let claims = Self.artifactClaims(plan)
        #expect(!claims.isEmpty)
        // The scripts configure new servers (rras01, rras02): nothing on DA01/DA02 is claimed by them.
        #expect(!claims.contains { $0.scope?.hasPrefix("da0") == true && !$0.ruleId.hasPrefix("lb-") }, "\(claims)")
        let after = try Self.assess(PlannedEstate.after(plan, on: estate), settings.assessmentContext)
        let remaining = Self.keys(after)
        for claim in claims {
            #expect(!remaining.contains(claim), "\(claim.ruleId) on \(claim.scope ?? "estate") is still reported")
        }
        #expect(remaining.subtracting(Self.keys(assessment.findings)).isEmpty)
        // The plan never claims what its artifacts do not touch.
        let planned = PlannedEstate.declaredRuleIds
        let ids = Set(
            RuleRegistry.all.map { $0.description.id } + (try RulePackSet.bundled()).flatMap(\.rules).map(\.id))
        #expect(planned.isSubset(of: ids), "declared ids without a rule: \(planned.subtracting(ids))")
    }

    // MARK: - Each defect of the review

    @Test func automaticWithoutASuiteSaysSSTPOr800NotOnly13868() {
        var server = Server(name: "rras01", roles: [.vpn])
        server.vpn.ikev2Policy = ExampleEstate.standardPolicy
        server.vpn.ports = ExampleEstate.ports([(.ikev2, 128), (.sstp, 128)])
        let estate = ExampleEstate.profile(servers: [server]) {
            $0.servers = [ExampleEstate.fact("rras01")]
            $0.nativeProtocolType = ExampleEstate.fact("Automatic")
        }
        let finding = IKEv2ClientServerMismatchRule().run(on: estate).first { $0.outcome == .finding }
        #expect(
            finding?.message.contains("SSTP") == true && finding?.message.contains("13868") == false,
            "\(String(describing: finding))")
        var noSstp = estate
        noSstp.servers[0].vpn.ports = ExampleEstate.ports([(.ikev2, 128), (.sstp, 0)])
        #expect(IKEv2ClientServerMismatchRule().run(on: noSstp).first?.message.contains("error 800") == true)
    }

    @Test func deviceTunnelNrptIsFlaggedOnlyBesideAUserTunnel() {
        let deviceOnly = ExampleEstate.profile("Device") {
            $0.deviceTunnel = ExampleEstate.fact(true)
            $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
            $0.machineMethod = ExampleEstate.fact("Certificate")
            $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
            $0.domainNameInformation = [
                DomainNameInformation(
                    domainName: ".corp.example.com", dnsServers: ["10.0.0.10"], evidence: ExampleEstate.evidence("dni"))
            ]
        }
        #expect(ProfileDeviceTunnelInvalidRule().run(on: deviceOnly).isEmpty)
        let planned = ProfileDeviceTunnelInvalidRule().run(
            on: deviceOnly, context: AssessmentContext(plansUserTunnel: true))
        #expect(planned.first?.message.contains("the plan builds a user tunnel") == true)
    }

    @Test func theSnatWorkaroundRuleAndTheScriptReadTheSameNumber() throws {
        func estate(_ value: Int) -> Estate {
            var server = Server(name: "rras01", roles: [.vpn])
            server.addresses = [ExampleEstate.fact("10.0.10.11")]
            server.registry.exportedKeys = [ServerRegistry.ikeextParameters]
            server.registry.ikeNumEstablishedForInitialQuery = ExampleEstate.fact(value)
            return ExampleEstate.balancer(servers: [server]) { $0.listeners[0].sourceTranslation.kind = .automap }
        }
        let context = AssessmentContext(expectedConnections: 2500)
        #expect(LBSnatRegistryWorkaroundRule().run(on: estate(5000), context: context).isEmpty)
        #expect(
            LBSnatRegistryWorkaroundRule().run(on: estate(4999), context: context).first?.remediation.contains(
                "-Value 5000") == true)
        #expect(!LBSnatRegistryWorkaroundRule().run(on: estate(5000)).isEmpty, "50000 without a plan")
        var settings = Self.settings(.standard)
        settings.expectedConnections = 2500
        let plan = MigrationPlanner(
            environment: "e", estate: Self.generatedEstate(), findings: [], settings: settings, generator: "t"
        ).plan()
        let script = try #require(plan.serverScripts.first?.text)
        #expect(
            script.contains(
                "-Name 'IkeNumEstablishedForInitialQuery' -Value \(context.ikeNumEstablishedForInitialQuery)"))
        // IKEEXT is restarted after the change (it does not take effect otherwise).
        #expect(
            script.contains("$script:restartIkeext = $true") && script.contains("Restart-Service -Name IKEEXT -Force"))
    }

    @Test func theServerScriptEnablesMachineCertificatesAndRemovesWeakAuthenticationOnlyWhenThePlanSaysHow() throws {
        let estate = Self.generatedEstate()
        var settings = Self.settings(.enhanced)
        let findings = try Self.assess(estate, settings.assessmentContext)
        let plan = MigrationPlanner(
            environment: "e", estate: estate, findings: findings, settings: settings, generator: "t"
        ).plan()
        let script = try #require(plan.serverScripts.first?.text)
        #expect(
            script.contains("$wanted = @('EAP', 'Certificate')")
                && script.contains("Set-VpnAuthProtocol -UserAuthProtocolAccepted $wanted"))
        #expect(script.contains("netsh ras delete authtype type = $type"))
        #expect(
            script.contains("for IKEv2 fragmentation to take effect")
                && script.contains("$script:rebootRequired = $true"))
        #expect(plan.resolvedFindings.contains { $0.ruleId == "mschapv2-accepted" })
        // Without userAuthentication nothing touches the protocols, and nothing is claimed.
        settings.userAuthentication = nil
        let gap = MigrationPlanner(
            environment: "e", estate: estate, findings: findings, settings: settings, generator: "t"
        ).plan()
        #expect(
            !(try #require(gap.serverScripts.first?.text)).contains("Set-VpnAuthProtocol -UserAuthProtocolAccepted"))
        #expect(
            !gap.resolvedFindings.contains {
                $0.ruleId == "mschapv2-accepted" || $0.ruleId == "pap-or-chap-accepted"
                    || $0.ruleId == "ikev2-crl-check-not-enforced"
            })
    }

    @Test func crlCheckConcernsOnlyServersAcceptingMachineCertificates() {
        let eapOnly = ExampleEstate.server {
            $0.vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP", "MsChapv2"])
            $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
        }
        #expect(IKEv2CrlCheckNotEnforcedRule().run(on: eapOnly).isEmpty)
        #expect(IKEv2CrlCheckNotEnforcedRule.description.remediation.contains("CRL distribution points"))
    }

    @Test func windowsVersionIsImportedFromCimAndRegistryExports() throws {
        let cim = TestInput.clixml(
            """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem</T><T>Microsoft.Management.Infrastructure.CimInstance#Win32_OperatingSystem</T><T>Microsoft.Management.Infrastructure.CimInstance</T><T>System.Object</T></TN><ToString>Win32_OperatingSystem</ToString>
                <Props><S N="Caption">Microsoft Windows Server 2016 Standard</S><S N="Version">10.0.14393</S><S N="BuildNumber">14393</S><S N="CSName">RRAS07</S><Nil N="PSComputerName" /></Props></Obj>
            """)
        let fromCim = try TestInput.importing(TestInput.file("x/os.xml", TestInput.utf16LEWithBOM(cim))).estate
        #expect(fromCim.server(named: "rras07")?.operatingSystem?.build?.value == 14393)
        let reg =
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n\"ProductName\"=\"Windows Server 2019 Datacenter\"\r\n\"CurrentBuild\"=\"17763\"\r\n\"UBR\"=dword:00001234\r\n\r\n"
        let fromReg = try TestInput.importing(
            TestInput.file("RRAS08/currentversion.reg", TestInput.utf16LEWithBOM(reg), server: "RRAS08")
        ).estate
        let os = try #require(fromReg.server(named: "rras08")?.operatingSystem)
        #expect(os.build?.value == 17763 && os.caption?.value == "Windows Server 2019 Datacenter")
        #expect(!fromReg.notUnderstood.contains { $0.kind.contains("CurrentVersion") })
    }

    @Test func downlevelMeansWindows7AndTheDeviceTunnelNeedsEnterprise() {
        let text = DADownlevelClientsRule.description.rationale + DADownlevelClientsRule.description.title
        #expect(text.contains("Windows 7") && !text.contains("7/8"))
        #expect(
            DADownlevelClientsRule.description.rationale.contains(
                "only the device tunnel needs Enterprise or Education"))
    }

    @Test func theIPHTTPSNameIsNotReusedWhileDirectAccessRuns() throws {
        let remediation = DATransitionTechnologiesRule.description.remediation
        #expect(!remediation.contains("reuse the IP-HTTPS FQDN"))
        let estate = ExampleEstate.daServer { $0.teredoState = ExampleEstate.fact("Enabled") }
        let plan = MigrationPlanner(
            environment: "e", estate: estate, findings: [], settings: Self.settings(.standard), generator: "t"
        ).plan()
        let markdown = PlanMarkdownWriter.markdown(plan, generator: "t")
        #expect(!markdown.contains("can reuse the IP-HTTPS certificate and name"))
        #expect(markdown.contains("the IP-HTTPS name only after DirectAccess is decommissioned"))
        #expect(!markdown.contains("user tunnel with SSTP fallback"))
    }

    @Test func theIcmpFirewallCommandNamesItsRule() {
        #expect(LBIcmpMonitorFirewallRule.description.remediation.contains("New-NetFirewallRule -DisplayName"))
    }

    @Test func kempLayerAndTransparencyComeFromTheDocumentedFields() throws {
        func listvs(_ fields: String) -> Data {
            Data(
                """
                <Response stat="200" code="ok"><Success><Data><VS><Index>1</Index><VSAddress>203.0.113.10</VSAddress><VSPort>500</VSPort><Protocol>udp</Protocol>\(fields)<Persist>src</Persist><PersistTimeout>3600</PersistTimeout><NickName>ike</NickName><Rs><Addr>10.0.10.11</Addr><Port>500</Port></Rs></VS></Data></Success></Response>
                """.utf8)
        }
        func kind(_ fields: String) throws -> SourceTranslation.Kind? {
            try TestInput.importing(TestInput.file("lb/listvs.xml", listvs(fields))).estate.loadBalancers.first?
                .listeners.first?.sourceTranslation.kind
        }
        #expect(try kind("<ForceL7>Y</ForceL7><Transparent>N</Transparent>") == .proxy)
        #expect(
            try kind("<ForceL7>Y</ForceL7><Transparent>N</Transparent><SubnetOriginating>Y</SubnetOriginating>")
                == .automap)
        #expect(try kind("<ForceL7>Y</ForceL7><Transparent>Y</Transparent>") == SourceTranslation.Kind.none)
        #expect(try kind("<ForceL7>N</ForceL7>") == SourceTranslation.Kind.none)
        #expect(try kind("") == .unknown)
        let unknown = try TestInput.importing(TestInput.file("lb/listvs.xml", listvs(""))).estate
        let results = LBSourceNatRule().run(on: unknown)
        #expect(!results.contains { $0.outcome == .finding } && results.contains { $0.outcome == .notAssessed })
    }

    @Test func getDAMultiSiteAloneIsProofOfMultisite() throws {
        let xml = TestInput.clixml(
            """
              <Obj RefId="0"><TN RefId="0"><T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/DAMultiSite</T><T>Microsoft.Management.Infrastructure.CimInstance#DAMultiSite</T><T>Microsoft.Management.Infrastructure.CimInstance</T><T>System.Object</T></TN><ToString>DAMultiSite</ToString>
                <Props><S N="EnterpriseName">Contoso</S><S N="GslbFqdn">da.contoso.com</S><S N="PSComputerName">DA01</S></Props></Obj>
            """)
        let estate = try TestInput.importing(TestInput.file("DA01/Get-DAMultiSite.xml", TestInput.utf16LEWithBOM(xml)))
            .estate
        let finding = DAMultisiteRule().run(on: estate).first { $0.outcome == .finding }
        #expect(finding?.message.contains("da.contoso.com") == true, "\(String(describing: finding))")
    }

    @Test func aSplitTunnelPlanNeverSendsEveryNameToTheCorporateDNS() throws {
        var server = Server(name: "da01", roles: [.directAccess])
        server.directAccess.client.forceTunnel = ExampleEstate.fact(true)
        server.directAccess.nrptRules = [
            NrptRule(
                name: "r1", namespaces: [".corp.example.com"], directAccessDnsServers: ["fd00::1"], nameServers: [],
                source: "test", evidence: ExampleEstate.evidence("r1")),
            NrptRule(
                name: "r2", namespaces: ["."], directAccessDnsServers: ["fd00::1"], nameServers: [], source: "test",
                evidence: ExampleEstate.evidence("r2")),
        ]
        let plan = MigrationPlanner(
            environment: "e", estate: Estate(servers: [server]), findings: [], settings: Self.settings(.standard),
            generator: "t"
        ).plan()
        let xml = try #require(
            PlanWriter(plan: plan, generator: "t").profiles().first { $0.name == "ProfileXML-User.xml" }?.xml)
        #expect(!xml.contains("<DomainName>.</DomainName>"))
        #expect(xml.contains("<DomainName>.corp.example.com</DomainName>") && xml.contains("NRPT rule for '.'"))
    }

    @Test func natTPortMissingIsAsSevereAsAffinityMissing() {
        #expect(LBNatTPortMissingRule.description.severity >= LBPortAffinityMissingRule.description.severity)
    }

    @Test func theF5ChangeFileDoesNotContradictItsPersistenceTimeout() throws {
        let estate = Self.generatedEstate()
        let findings = try Self.assess(estate, AssessmentContext())
        let plan = MigrationPlanner(
            environment: "e", estate: estate, findings: findings, settings: Self.settings(.standard), generator: "t"
        ).plan()
        let text = try #require(plan.loadBalancerChanges.first?.text)
        #expect(!text.contains("longer than the IKE SA lifetime"))
        #expect(text.contains("\(LoadBalancerPlan.persistenceTimeoutSeconds) s"))
    }

    // MARK: - References anyone can open

    @Test func everyRuleCitesAPublicURLAndNothingOutsideTheRepository() throws {
        var references = RuleRegistry.all.map { ($0.description.id, $0.description.references) }
        references += try RulePackSet.bundled().flatMap(\.rules).map { ($0.id, $0.description.references) }
        for (id, refs) in references {
            #expect(refs.contains { $0.hasPrefix("https://") }, "\(id) cites no public URL: \(refs)")
            #expect(!refs.contains { $0.contains("knowledge/") }, "\(id) cites a file users do not have")
        }
        let root = TestInput.examples.deletingLastPathComponent()
        let rules = try String(contentsOf: root.appendingPathComponent("Docs/rules.md"), encoding: .utf8)
        for section in rules.components(separatedBy: "\n### ").dropFirst() {
            #expect(section.contains("https://"), "Docs/rules.md: \(section.prefix(40)) has no URL")
        }
        for folder in ["Sources", "Plugins", "Rules", "Docs", "Reports"] {
            let enumerator = FileManager.default.enumerator(
                at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard ["swift", "md", "yml", "mustache", "xsd"].contains(url.pathExtension),
                    let text = try? String(contentsOf: url, encoding: .utf8)
                else { continue }
                #expect(!text.contains("knowledge/"), "\(url.path) cites knowledge/, which users do not have")
            }
        }
    }
}
