import AdvisorCore
import CertificateRules
import Crypto
import EstateModel
import Foundation
import Importers
import InputErrors
import Planning
import RuleAPI
import Store
import Testing

@Suite struct CertificateImportTests {
    private func bundle(_ files: [(String, Data)]) -> ExportBundle {
        ExportBundle(
            name: "estate",
            files: files.map { path, data in
                ImportedFile(
                    path: path, data: data,
                    serverHint: path.contains("/") ? String(path.split(separator: "/")[0]) : "estate")
            })
    }

    @Test(arguments: ["utf16", "utf8"])
    func aStoreExportIsReadFromItsRawData(encoding: String) throws {
        let ca = try TestCertificates.authority()
        let der = try TestCertificates.server(names: ["vpn.example.com", "vpn2.example.com"], issuer: ca)
        let text = TestCertificates.cliXml([der, ca.der])
        let data = encoding == "utf16" ? TestCertificates.utf16(text) : Data(text.utf8)
        let result = try EstateImporter.importBundle(bundle([("RRAS01/Get-ChildItem-Cert-My.xml", data)]))
        let certificates = result.estate.certificates
        #expect(certificates.count == 2)
        let server = try #require(certificates.first)
        #expect(server.thumbprint == TestCertificates.thumbprint(der))
        #expect(server.host == "rras01")
        #expect(server.store == "LocalMachine\\My")
        #expect(server.dnsNames == ["vpn.example.com", "vpn2.example.com"])
        #expect(server.commonName == "vpn.example.com")
        #expect(
            server.enhancedKeyUsages == [MachineCertificate.serverAuthentication, MachineCertificate.ikeIntermediate])
        #expect(server.crlDistributionPoints == ["http://crl.example.com/issuing.crl"])
        #expect(server.keyAlgorithm == "ECDSA P-256" && server.signatureAlgorithm == "ecdsa-with-SHA256")
        #expect(server.issuer == "CN=Test Issuing CA" && server.isCertificateAuthority == false)
        #expect(server.evidence.location.hasPrefix("line ") && server.evidence.value == server.thumbprint)
        #expect(certificates[1].isCertificateAuthority == true)
        // A certificate never creates a server: the estate has none until an export shows one.
        #expect(result.estate.remoteAccessServers.isEmpty)
    }

    @Test func derAndPemFilesAndBundlesAreRead() throws {
        let ca = try TestCertificates.authority()
        let first = try TestCertificates.server(issuer: ca)
        let weak = try TestCertificates.server(names: ["old.example.com"], rsaBits: 1024, issuer: ca)
        let result = try EstateImporter.importBundle(
            bundle([
                ("RRAS01/vpn.cer", Data(first)),
                (
                    "RRAS01/chain.pem",
                    Data(("subject=CN=x\n" + TestCertificates.pem(weak) + TestCertificates.pem(ca.der)).utf8)
                ),
            ]))
        #expect(result.files.map(\.import.format) == [.certificate, .certificate])
        let byName = Dictionary(uniqueKeysWithValues: result.estate.certificates.map { ($0.commonName ?? "", $0) })
        #expect(byName["vpn.example.com"]?.evidence.location == "DER certificate")
        // An RSA 1024 key, which swift-certificates' Certificate refuses, is read and measured.
        #expect(byName["old.example.com"]?.keyAlgorithm == "RSA" && byName["old.example.com"]?.keyBits == 1024)
        #expect(byName["old.example.com"]?.evidence.location == "PEM certificate 1 (line 2)")
        #expect(byName["Test Issuing CA"]?.isCertificateAuthority == true)
    }

    @Test func aPfxIsRecordedAsAPrivateKeyAndNeverRead() throws {
        // A PFX as Export-PfxCertificate writes it: SEQUENCE { INTEGER 3, ContentInfo (pkcs7-data) … }.
        let pfx = Data([
            0x30, 0x82, 0x00, 0x14, 0x02, 0x01, 0x03, 0x30, 0x82, 0x00, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7,
            0x0D, 0x01, 0x07, 0x01, 0xA0, 0x00,
        ])
        let ca = try TestCertificates.authority()
        let result = try EstateImporter.importBundle(
            bundle([("RRAS01/vpn.pfx", pfx), ("RRAS01/vpn.cer", Data(try TestCertificates.server(issuer: ca)))]))
        #expect(result.files.map(\.import.format) == [.privateKey, .certificate])
        #expect(result.estate.secrets.map(\.evidence.location) == ["PKCS#12 container"])
    }

    @Test func malformedCertificatesNameTheirFileAndPlace() throws {
        let ca = try TestCertificates.authority()
        let der = try TestCertificates.server(issuer: ca)
        let cases: [(String, Data, Int, String)] = [
            ("RRAS01/truncated.cer", Data(der.prefix(120)), 0, "DER certificate: not a valid X.509 certificate"),
            (
                "RRAS01/bad.pem", Data("\n-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n".utf8),
                2,
                "PEM certificate is not valid Base64"
            ),
            (
                "RRAS01/open.pem", Data("-----BEGIN CERTIFICATE-----\nMIIB\n".utf8), 1,
                "PEM certificate without -----END CERTIFICATE-----"
            ),
            (
                "RRAS01/store.xml",
                Data(TestCertificates.cliXml([Array("not a certificate".utf8)]).utf8), 2,
                "line 2, RawData: not a valid X.509 certificate"
            ),
        ]
        for (path, data, line, message) in cases {
            let error = #expect(throws: InputError.self) { try EstateImporter.importBundle(bundle([(path, data)])) }
            #expect(error?.file == path, "\(path)")
            #expect(error?.line == line, "\(path): \(String(describing: error))")
            #expect(error?.message.hasPrefix(message) == true, "\(path): \(String(describing: error))")
        }
    }

    /// Each certificate rule on real certificates: triggering and not.
    @Test func theRulesFireOnRealCertificatesAndStayQuietOnGoodOnes() throws {
        let ca = try TestCertificates.authority()
        func estate(_ certificates: [String: [UInt8]], profileServer: String = "vpn.example.com") throws -> Estate {
            var files: [(String, Data)] = certificates.map { ("\($0.key.uppercased())/cert.cer", Data($0.value)) }
            files.append(("CA/ca.cer", Data(ca.der)))
            var estate = try EstateImporter.importBundle(bundle(files)).estate
            for host in certificates.keys.sorted() {
                var server = Server(name: host, roles: [.vpn])
                server.directAccess.connectToAddress = Fact(
                    "vpn.example.com", Evidence(file: "x", location: "x", value: "x"))
                estate.merge(Estate(servers: [server]))
            }
            var profile = ClientProfile(
                name: "User", source: .profileXML, evidence: Evidence(file: "p.xml", location: "line 1", value: ""))
            profile.servers = [Fact(profileServer, Evidence(file: "p.xml", location: "line 3", value: profileServer))]
            estate.clientProfiles = [profile]
            return estate
        }
        let good = try estate([
            "rras01": try TestCertificates.server(issuer: ca), "rras02": try TestCertificates.server(issuer: ca),
        ])
        let cases: [(any Rule.Type, Estate)] = [
            (
                CertIKEv2EkuMissingRule.self,
                try estate(["rras01": try TestCertificates.server(ikeIntermediate: false, issuer: ca)])
            ),
            (CertExpiringRule.self, try estate(["rras01": try TestCertificates.server(daysLeft: 20, issuer: ca)])),
            (CertWeakKeyRule.self, try estate(["rras01": try TestCertificates.server(rsaBits: 1024, issuer: ca)])),
            (
                CertNameMismatchRule.self,
                try estate(["rras01": try TestCertificates.server(names: ["rras01.corp.example.com"], issuer: ca)])
            ),
            (
                CertDiffersAcrossFarmRule.self,
                try estate([
                    "rras01": try TestCertificates.server(issuer: ca),
                    "rras02": try TestCertificates.server(
                        names: ["vpn.example.com", "rras02.example.com"], issuer: ca),
                ])
            ),
            (
                CertIssuerNotExportedRule.self,
                try estate(["rras01": try TestCertificates.server(issuer: try TestCertificates.authority("Other CA"))])
            ),
        ]
        for (rule, triggering) in cases {
            let id = rule.description.id
            #expect(rule.init().run(on: triggering).contains { $0.outcome == .finding }, "\(id) did not fire")
            let quiet = rule.init().run(on: good)
            #expect(!quiet.contains { $0.outcome != .finding && $0.outcome != .notAssessed }, "\(id)")
            #expect(
                quiet.allSatisfy { $0.outcome != .finding }, "\(id) fired on good certificates: \(quiet.map(\.message))"
            )
            #expect(quiet.allSatisfy { $0.outcome != .notAssessed }, "\(id) not assessed on good certificates")
        }
    }
}

@Suite struct CertificateExampleTests {
    /// The bundled example's certificate stores trigger four certificate rules, and report.json
    /// lists each certificate with the findings that name it.
    @Test func theExampleShowsItsCertificateProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let outcome = try advisor.assess(environment: "contoso")
        let fired = Set(outcome.findings.filter { $0.outcome == .finding && $0.module == "certificates" }.map(\.ruleId))
        #expect(fired == ["cert-ikev2-eku-missing", "cert-expiring", "cert-weak-key", "cert-differs-across-farm"])
        _ = try advisor.report(environment: "contoso", to: directory, formats: [.json, .html])
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("report.json")))
        let certificates = try #require((json as? [String: Any])?["certificates"] as? [[String: Any]])
        #expect(certificates.count == 7)
        let weak = certificates.filter { ($0["findings"] as? [String])?.contains("cert-weak-key") == true }
        #expect(weak.map { $0["host"] as? String } == ["da02.corp.contoso.com"])
        #expect(weak.first?["key"] as? String == "RSA 1024 bits")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Certificates</h2>") && html.contains("IP security IKE intermediate"))
    }
}

@Suite struct CertificateRoleTests {
    /// Get-VpnAuthProtocol as Windows PowerShell writes it, with RootCertificateNameToAccept as the
    /// root's DER bytes (`<BA>`) or `<Nil>`.
    static func vpnAuthProtocol(root: [UInt8]?) -> String {
        let value =
            root.map { "<BA N=\"RootCertificateNameToAccept\">\(Data($0).base64EncodedString())</BA>" }
            ?? "<Nil N=\"RootCertificateNameToAccept\" />"
        return """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <TN RefId="0">
                  <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/VpnAuthProtocol</T>
                  <T>Microsoft.Management.Infrastructure.CimInstance#VpnAuthProtocol</T>
                  <T>Microsoft.Management.Infrastructure.CimInstance</T>
                  <T>System.Object</T>
                </TN>
                <ToString>VpnAuthProtocol</ToString>
                <Props>
                  <Obj N="UserAuthProtocolAccepted" RefId="1">
                    <TN RefId="1"><T>System.String[]</T><T>System.Array</T><T>System.Object</T></TN>
                    <LST><S>EAP</S><S>Certificate</S></LST>
                  </Obj>
                  <S N="TunnelAuthProtocolsAdvertised">Certificates</S>
                  \(value)
                  <Nil N="CertificateAdvertised" />
                  <Nil N="PSComputerName" />
                </Props>
              </Obj>
            </Objs>
            """
    }

    private func estate(_ files: [(String, Data)], ports: Bool = true) throws -> Estate {
        let bundle = ExportBundle(
            name: "estate",
            files: files.map { ImportedFile(path: "RRAS01/\($0.0)", data: $0.1, serverHint: "RRAS01") })
        var estate = try EstateImporter.importBundle(bundle).estate
        var server = Server(name: "rras01", roles: [.vpn])
        if ports {
            server.vpn.ports = [
                WanPortAllocation(
                    tunnel: .sstp, maxPorts: 128, remoteAccessEnabled: true,
                    evidence: Evidence(file: "netsh.txt", location: "line 1", value: "maxports = 128"))
            ]
        }
        estate.merge(Estate(servers: [server]))
        return estate
    }

    @Test func theDeviceTunnelRootIsReadFromGetVpnAuthProtocol() throws {
        let root = try TestCertificates.authority("Contoso Root CA")
        let set = try estate([("auth.xml", TestCertificates.utf16(Self.vpnAuthProtocol(root: root.der)))])
        #expect(set.servers.first?.vpn.rootCertificateToAccept?.value == TestCertificates.thumbprint(root.der))
        #expect(set.certificates.first?.store == "VpnAuthProtocol\\RootCertificateNameToAccept")
        #expect(
            !CertDeviceTunnelRootUnsetRule().run(on: set).contains {
                $0.outcome != .notAssessed && $0.outcome == .finding
            })
        let unset = try estate([("auth.xml", Data(Self.vpnAuthProtocol(root: nil).utf8))])
        #expect(unset.servers.first?.vpn.rootCertificateToAccept?.value == "")
        #expect(CertDeviceTunnelRootUnsetRule().run(on: unset).map(\.outcome) == [.finding])
        // A server certificate named as the root: no device certificate chains to it.
        let leaf = try TestCertificates.server(issuer: root)
        let wrong = try estate([("auth.xml", Data(Self.vpnAuthProtocol(root: leaf).utf8))])
        #expect(CertDeviceTunnelRootUnsetRule().run(on: wrong).first?.message.contains("not a CA") == true)
    }

    /// SstpSvc\Parameters as `reg export` writes it (UTF-16LE), naming `der`'s hashes.
    static func sstpRegistry(_ der: [UInt8]) -> Data {
        func hex(_ bytes: some Sequence<UInt8>) -> String {
            bytes.map { String(format: "%02x", $0) }.joined(separator: ",")
        }
        let text = """
            Windows Registry Editor Version 5.00\r
            \r
            [HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters]\r
            "SHA1CertificateHash"=hex:\(hex(Insecure.SHA1.hash(data: der)))\r
            "SHA256CertificateHash"=hex:\(hex(SHA256.hash(data: der)))\r
            \r

            """
        return TestCertificates.utf16(text)
    }

    @Test func theSstpCertificateIsFoundByItsRegistryHashAndItsRevocationChecked() throws {
        let ca = try TestCertificates.authority()
        let good = try TestCertificates.server(issuer: ca)
        let ldapOnly = try TestCertificates.server(
            crl: "ldap:///CN=Test Issuing CA,CN=CDP,CN=Public Key Services", issuer: ca)
        let other = try TestCertificates.server(names: ["old.example.com"], issuer: ca)
        // Bound to the certificate with an HTTP CDP: nothing to report.
        let fine = try estate([
            ("my.xml", Data(TestCertificates.cliXml([good, ldapOnly]).utf8)), ("sstp.reg", Self.sstpRegistry(good)),
        ])
        #expect(CertSstpRevocationUnreachableRule().run(on: fine).isEmpty)
        #expect(CertSstpCertificateNotExportedRule().run(on: fine).isEmpty)
        // Bound to the one whose only CDP is LDAP: clients on the Internet cannot check it.
        let ldap = try estate([
            ("my.xml", Data(TestCertificates.cliXml([good, ldapOnly]).utf8)), ("sstp.reg", Self.sstpRegistry(ldapOnly)),
        ])
        let revocation = CertSstpRevocationUnreachableRule().run(on: ldap)
        #expect(revocation.map(\.outcome) == [.finding])
        #expect(revocation.first?.message.contains("ldap:///") == true)
        // Bound to a certificate the store export does not hold.
        let missing = try estate([
            ("my.xml", Data(TestCertificates.cliXml([good]).utf8)), ("sstp.reg", Self.sstpRegistry(other)),
        ])
        #expect(CertSstpCertificateNotExportedRule().run(on: missing).map(\.outcome) == [.finding])
        // Without the port configuration, whether SSTP is offered is unknown.
        let unknown = try estate([("my.xml", Data(TestCertificates.cliXml([ldapOnly]).utf8))], ports: false)
        #expect(CertSstpRevocationUnreachableRule().run(on: unknown).map(\.outcome) == [.notAssessed])
    }
}

@Suite struct CertificatePlanTests {
    /// An RRAS server (VPN only) whose exported store holds `certificates`.
    private func estate(_ certificates: [[UInt8]]) throws -> Estate {
        let bundle = ExportBundle(
            name: "estate",
            files: [
                ImportedFile(
                    path: "RRAS07/my.xml", data: Data(TestCertificates.cliXml(certificates).utf8), serverHint: "RRAS07")
            ])
        var estate = try EstateImporter.importBundle(bundle).estate
        estate.merge(Estate(servers: [Server(name: "rras07", fqdn: "rras07.corp.example.com", roles: [.vpn])]))
        return estate
    }

    private func script(_ estate: Estate, vpnServers: [String] = ["vpn.example.com"]) -> String {
        var settings = PlanSettings()
        settings.vpnServers = vpnServers
        let plan = MigrationPlanner(
            environment: "e", estate: estate, findings: [], settings: settings, generator: "test"
        ).plan()
        return plan.serverScripts.first?.text ?? ""
    }

    @Test func theScriptBindsSstpOnlyToTheOneCertificateTheExportIdentifies() throws {
        let ca = try TestCertificates.authority()
        let vpn = try TestCertificates.server(names: ["vpn.example.com"], issuer: ca)
        let withoutIke = try TestCertificates.server(names: ["vpn.example.com"], ikeIntermediate: false, issuer: ca)
        let thumbprint = TestCertificates.thumbprint(vpn)
        // One qualifying certificate (the other lacks the IKE EKU): bound by thumbprint.
        let one = script(try estate([vpn, withoutIke]))
        #expect(one.contains("Get-Item -Path 'Cert:\\LocalMachine\\My\\\(thumbprint)'"))
        #expect(one.contains("Set-RemoteAccess -SslCertificate $certificate"))
        // Two qualify: the script does not guess.
        let second = try TestCertificates.server(names: ["vpn.example.com"], issuer: ca)
        let two = script(try estate([vpn, second]))
        #expect(!two.contains("Set-RemoteAccess -SslCertificate $certificate"))
        #expect(two.contains("2 certificates qualify"))
        // None names the VPN name of the plan.
        let none = script(try estate([vpn]), vpnServers: ["vpn.contoso.com"])
        #expect(!none.contains("Set-RemoteAccess -SslCertificate $certificate"))
        #expect(none.contains("enrol one first"))
    }

    @Test func theCertificatePhaseNamesWhatTheAssessedCertificatesLack() throws {
        let ca = try TestCertificates.authority()
        let estate = try estate([try TestCertificates.server(ikeIntermediate: false, rsaBits: 1024, issuer: ca)])
        let findings = RuleEngine(rules: CertificateRules.all).assess(estate, context: AssessmentContext())
        var settings = PlanSettings()
        settings.vpnServers = ["vpn.example.com"]
        let plan = MigrationPlanner(
            environment: "e", estate: estate, findings: findings, settings: settings, generator: "test"
        ).plan()
        let step = try #require(plan.phases.first?.steps.first?.text)
        #expect(step.contains("lack IP security IKE intermediate) (cert-ikev2-eku-missing)"))
        #expect(step.contains("RSA 2048 bits or more"))
        #expect(!step.contains("cert-expiring"))
    }
}

@Suite struct TlsBindingTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/certificates/netsh-http-sslcert.txt")

    @Test func netshHttpShowSslcertIsRead() throws {
        let data = try Data(contentsOf: Self.fixture)
        #expect(EstateImporter.detectFormat(data) == .netshHttpSslCert)
        let file = ImportedFile(path: "RRAS01/netsh-http-sslcert.txt", data: data, serverHint: "RRAS01")
        let result = try EstateImporter.importBundle(ExportBundle(name: "e", files: [file]))
        let bindings = result.estate.tlsBindings
        #expect(bindings.map(\.endpoint) == ["0.0.0.0:443", "[::]:443", "0.0.0.0:5986"])
        #expect(bindings.first?.certificateHash == "2ACE368A90D2117BE7A0065DFE259B2E8C94F538")
        #expect(bindings.first?.applicationId == TlsBinding.sstpApplicationId)
        #expect(bindings.first?.evidence.location == "line 5, 0.0.0.0:443")
        #expect(bindings.map(\.host) == ["rras01", "rras01", "rras01"])
        // The SSTP bindings name a certificate the store export does not hold.
        let ca = try TestCertificates.authority()
        let store = ImportedFile(
            path: "RRAS01/my.xml", data: Data(TestCertificates.cliXml([try TestCertificates.server(issuer: ca)]).utf8),
            serverHint: "RRAS01")
        var estate = try EstateImporter.importBundle(ExportBundle(name: "e", files: [file, store])).estate
        estate.merge(Estate(servers: [Server(name: "rras01", roles: [.vpn])]))
        let findings = CertSstpCertificateNotExportedRule().run(on: estate)
        #expect(findings.map(\.outcome) == [.finding])
        #expect(findings.first?.evidence.map(\.location) == ["line 5, 0.0.0.0:443", "line 22, [::]:443"])
    }

    @Test func aBindingWithoutAHashIsRefusedWithItsLine() throws {
        let text =
            "SSL Certificate bindings:\r\n-------------------------\r\n\r\n    IP:port : 0.0.0.0:443\r\n    Certificate Hash : not-a-hash\r\n"
        let file = ImportedFile(path: "RRAS01/sslcert.txt", data: Data(text.utf8), serverHint: "RRAS01")
        let error = #expect(throws: InputError.self) {
            try EstateImporter.importBundle(ExportBundle(name: "e", files: [file]))
        }
        #expect(error?.line == 4)
        #expect(error?.message.contains("is not a SHA-1 or SHA-256") == true)
    }
}

@Suite struct CertificateWindowTests {
    @Test func thePlanSetsTheMigrationWindowCertificatesMustOutlive() throws {
        let settings = try PlanFile.parse("certificateWindowDays: 400\n", file: "p.yml")
        #expect(settings.assessmentContext.certificateWindowDays == 400)
        let estate = ExampleEstate.with([ExampleEstate.certificate(daysLeft: 300)], ExampleEstate.server())
        #expect(CertExpiringRule().run(on: estate).isEmpty)
        let findings = CertExpiringRule().run(on: estate, context: settings.assessmentContext)
        #expect(findings.map(\.outcome) == [.finding])
        #expect(findings.first?.message.contains("expiring within 400 days") == true)
        let error = #expect(throws: InputError.self) {
            try PlanFile.parse("routing: split\ncertificateWindowDays: 0\n", file: "p.yml")
        }
        #expect(error?.line == 2)
    }
}

@Suite struct PrivateKeyStateTests {
    /// `Get-ChildItem Cert:\LocalMachine\My | Select-Object Thumbprint, HasPrivateKey | Export-Clixml`.
    static func selected(_ thumbprint: String, hasKey: Bool) -> String {
        """
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0">
              <T>Selected.System.Security.Cryptography.X509Certificates.X509Certificate2</T>
              <T>System.Management.Automation.PSCustomObject</T>
              <T>System.Object</T>
            </TN>
            <ToString>@{Thumbprint=\(thumbprint); HasPrivateKey=\(hasKey ? "True" : "False")}</ToString>
            <Obj RefId="1">
              <TNRef RefId="0" />
              <MS>
                <S N="Thumbprint">\(thumbprint)</S>
                <B N="HasPrivateKey">\(hasKey ? "true" : "false")</B>
              </MS>
            </Obj>
            <MS>
              <S N="Thumbprint">\(thumbprint)</S>
              <B N="HasPrivateKey">\(hasKey ? "true" : "false")</B>
            </MS>
          </Obj>
        </Objs>
        """
    }

    @Test func aSelectObjectExportSaysWhetherTheKeyIsThere() throws {
        let ca = try TestCertificates.authority()
        let der = try TestCertificates.server(issuer: ca)
        func estate(hasKey: Bool?) throws -> Estate {
            var files = [
                ImportedFile(
                    path: "RRAS01/my.xml", data: Data(TestCertificates.cliXml([der]).utf8), serverHint: "RRAS01")
            ]
            if let hasKey {
                files.append(
                    ImportedFile(
                        path: "RRAS01/keys.xml",
                        data: TestCertificates.utf16(Self.selected(TestCertificates.thumbprint(der), hasKey: hasKey)),
                        serverHint: "RRAS01"))
            }
            var estate = try EstateImporter.importBundle(ExportBundle(name: "e", files: files)).estate
            estate.merge(Estate(servers: [Server(name: "rras01", roles: [.vpn])]))
            return estate
        }
        #expect(CertPrivateKeyMissingRule().run(on: try estate(hasKey: false)).map(\.outcome) == [.finding])
        #expect(CertPrivateKeyMissingRule().run(on: try estate(hasKey: true)).isEmpty)
        #expect(CertPrivateKeyMissingRule().run(on: try estate(hasKey: nil)).map(\.outcome) == [.notAssessed])
    }
}

@Suite struct CertificateRecognitionTests {
    @Test func crlsAndRequestsAreNotTakenForCertificates() throws {
        // A CRL (RFC 5280 §5.1) and a PKCS#10 request start their body with an INTEGER version.
        let crl = Data([0x30, 0x82, 0x01, 0x10, 0x30, 0x81, 0xF0, 0x02, 0x01, 0x01, 0x30, 0x0D, 0x06, 0x09])
        let request = Data([0x30, 0x82, 0x02, 0x90, 0x30, 0x82, 0x01, 0x78, 0x02, 0x01, 0x00, 0x30, 0x1A, 0x31])
        #expect(EstateImporter.detectFormat(crl) == nil)
        #expect(EstateImporter.detectFormat(request) == nil)
        let ca = try TestCertificates.authority()
        #expect(EstateImporter.detectFormat(Data(try TestCertificates.server(issuer: ca))) == .certificate)
        #expect(EstateImporter.detectFormat(Data(TestCertificates.pem(ca.der).utf8)) == .certificate)
    }
}
