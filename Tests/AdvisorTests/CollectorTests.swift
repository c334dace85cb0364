import AdvisorCore
import Foundation
import InputErrors
import Testing

@testable import Importers

/// The collector script: generated from the advisor's list of inputs (the committed file is the
/// generated one), valid PowerShell by the tree-sitter grammar, every item read by an importer
/// from a file of its exact shape, and a bundle laid out as it writes one imports with its
/// manifest's failures as not-assessed reasons.
@Suite struct CollectorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized
    static let script = root.appendingPathComponent("Scripts/Export-AovpnEstate.ps1")

    @Test func theCommittedScriptIsTheGeneratedOne() throws {
        let committed = try String(contentsOf: Self.script, encoding: .utf8)
        #expect(
            committed == CollectorScript.render(version: Advisor.version),
            "run: aovpn-advisor collector --output Scripts/Export-AovpnEstate.ps1")
        let cli = CommandLineTests()
        let out = try cli.scratch().appendingPathComponent("collector.ps1")
        let run = try cli.run(["collector", "--output", out.path])
        #expect(run.status == 0)
        #expect(try Data(contentsOf: out) == Data(contentsOf: Self.script), "the same bytes")
    }

    /// Parses PowerShell with tree-sitter-powershell (PyPI; `.ci/run` installs it) and returns
    /// the places of error or missing nodes.
    func grammarErrors(_ sources: [String]) throws -> [String] {
        let program = """
            import json, sys
            import tree_sitter_powershell as tsp
            from tree_sitter import Language, Parser
            parser = Parser(Language(tsp.language()))
            out = []
            for index, source in enumerate(json.load(sys.stdin)):
                stack = [parser.parse(source.encode("utf-8")).root_node]
                while stack:
                    node = stack.pop()
                    if node.type == "ERROR" or node.is_missing:
                        out.append(f"{index}:{node.start_point[0] + 1}:{node.start_point[1] + 1} {node.type}")
                    stack.extend(node.children)
            print("\\n".join(out))
            """
        let run = try TestInput.python(program, input: try JSONEncoder().encode(sources))
        try #require(
            run.status == 0,
            "the grammar check did not run (pip install tree-sitter tree-sitter-powershell): \(run.stderr)")
        let text = run.stdout
        return text.split(separator: "\n").map(String.init)
    }

    @Test func theScriptAndEveryItemParseWithThePowerShellGrammar() throws {
        let script = try String(contentsOf: Self.script, encoding: .utf8)
        #expect(try grammarErrors([script] + CollectorItem.all.map(\.script)) == [])
        // The check can fail: an unclosed block is an error node.
        #expect(try !grammarErrors(["function f { if ($true) { 'x' }"]).isEmpty)
    }

    @Test func everyItemIsReadByAnImporterFromAFileOfItsShape() throws {
        let items = CollectorItem.all
        #expect(Set(items.map(\.file)).count == items.count, "one file per item")
        #expect(Set(items.map(\.id)).count == items.count)
        let formats = Set(ImporterRegistry.standard.formats.map(\.rawValue))
        for item in items {
            #expect(formats.contains(item.format), "\(item.id): no importer reads \(item.format)")
            let data = try Data(contentsOf: Self.root.appendingPathComponent(item.fixture))
            #expect(EstateImporter.detectFormat(data)?.rawValue == item.format, "\(item.id): \(item.fixture)")
        }
        // Secrets stay on the server: the netsh dump and the NPS export are redacted before writing.
        let netsh = try #require(items.first { $0.id == "netsh-ras-dump" })
        #expect(netsh.script.contains("redacted by Export-AovpnEstate"))
        // Get-RemoteAccessRadius returns the RADIUS shared secret as a string property.
        let radius = try #require(items.first { $0.id == "Get-RemoteAccessRadius" })
        #expect(radius.script.contains("$_.SharedSecret = '(redacted by Export-AovpnEstate)'"))
        #expect(try #require(items.first { $0.format == "nps-xml" }).script.contains("redacted by Export-AovpnEstate"))
        #expect(
            !items.contains {
                $0.script.lowercased().contains("export-pfxcertificate") || $0.script.contains("SecureString")
            })
    }

    @Test func theRedactionMarkerIsRecordedAsASecretPresent() throws {
        // What the collector's netsh item writes: the secret replaced on the server by the marker,
        // with the same regular expression the script runs (checked here in Foundation's dialect).
        let dump = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/contoso/DA02/netsh-ras-dump.txt"), encoding: .utf8)
        let redacted = dump.replacingOccurrences(
            of: #"(?im)((?:secret|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)"#,
            with: "$1\"(redacted by Export-AovpnEstate)\"", options: .regularExpression)
        #expect(!redacted.contains("Contoso-RADIUS-Shared-Secret-1") && !redacted.contains("Contoso-L2TP-PSK-2019"))
        #expect(
            CollectorItem.all.first { $0.id == "netsh-ras-dump" }?.script.contains(
                #"(?im)((?:secret|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)"#) == true)
        let result = try TestInput.importing(
            TestInput.file("DA02/netsh-ras-dump.txt", Data(redacted.utf8), server: "DA02"))
        let kinds = result.estate.secrets.map(\.kind)
        #expect(kinds.filter { $0 == "RADIUS shared secret" }.count == 2 && kinds.contains("L2TP pre-shared key"))
        #expect(!String(decoding: try JSONEncoder().encode(result.estate), as: UTF8.self).contains("redacted by"))
    }

    @Test func aManifestAsWindowsPowerShellWritesItIsRead() throws {
        let url = Self.root.appendingPathComponent("Tests/AdvisorTests/Fixtures/collector/DA01/manifest.json")
        let data = try Data(contentsOf: url)
        #expect(EstateImporter.detectFormat(data) == .collectorManifest)
        let result = try TestInput.importing(TestInput.file("DA01/manifest.json", data, server: "DA01"))
        let manifest = try #require(result.estate.collections.first)
        #expect(manifest.host == "DA01" && manifest.collectorVersion == "0.5.0-dev" && manifest.osBuild == "14393")
        #expect(manifest.items.map(\.id) == ["Get-RemoteAccess", "Get-DAMultiSite", "netsh-ras-dump"])
        #expect(
            manifest.items.filter(\.failed).map(\.expected) == ["multisite is not enabled (a single-site deployment)"])
        #expect(manifest.items[0].error == nil && manifest.evidence.file == "DA01/manifest.json")
    }

    @Test func aMalformedManifestIsRefusedWithItsProblemAndNothingLands() throws {
        func refuse(_ text: String) throws -> String? {
            let advisor = try Advisor.inMemory()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID())/DA01")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent("manifest.json"))
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("Examples/contoso/DA01/Get-RemoteAccess.xml"),
                to: folder.appendingPathComponent("Get-RemoteAccess.xml"))
            do {
                _ = try advisor.importExport(at: folder.deletingLastPathComponent().path, environment: "m")
                return nil
            } catch let error as InputError {
                #expect(try advisor.store.environmentId(named: "m") == nil, "an import lands whole or not at all")
                return "\(error.file):\(error.line): \(error.message)"
            }
        }
        let cut = try refuse(
            #"{ "collector": "Export-AovpnEstate", "collectorVersion": "0.5.0", "host": "DA01", "items": ["#)
        #expect(cut?.hasPrefix("DA01/manifest.json:1: not valid JSON") == true, "\(String(describing: cut))")
        let noHost = try refuse(#"{ "collector": "Export-AovpnEstate", "collectorVersion": "0.5.0", "items": [] }"#)
        #expect(noHost?.contains("the manifest has no 'host'") == true, "\(String(describing: noHost))")
        let wrongType = try refuse(
            #"{ "collector": "Export-AovpnEstate", "collectorVersion": "0.5.0", "host": "DA01", "items": "none" }"#)
        #expect(wrongType?.contains("'items' has the wrong type") == true, "\(String(describing: wrongType))")
    }

    @Test func everyCmdletTheCliXmlImporterUnderstandsIsCollected() {
        let commands = CollectorItem.all.map(\.command).joined(separator: "\n")
        for (cimClass, cmdlet) in CliXmlMapper.cmdletOfClass where cmdlet != "Get-WinEvent" {
            #expect(commands.contains(cmdlet), "\(cimClass) is written by \(cmdlet), which the collector does not run")
        }
        #expect(CollectorItem.all.contains { $0.format == "windows-event-xml" }, "events through wevtutil")
    }

    @Test func aCollectedBundleImportsWithItsFailuresAsNotAssessedReasons() throws {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("collected-\(UUID())")
        let server = bundle.appendingPathComponent("DA01")
        try FileManager.default.createDirectory(at: server, withIntermediateDirectories: true)
        var manifestItems: [[String: Any?]] = []
        for item in CollectorItem.all where item.scope == .server {
            let failed = ["Get-DAMultiSite", "Get-DAEntryPoint"].contains(item.id)
            let ofDA01 = ["Examples/contoso/DA01/", "Tests/AdvisorTests/Fixtures/collector/DA01/"].contains {
                item.fixture.hasPrefix($0)
            }
            if !failed, ofDA01 {
                try FileManager.default.copyItem(
                    at: Self.root.appendingPathComponent(item.fixture), to: server.appendingPathComponent(item.file))
            }
            manifestItems.append([
                "id": item.id, "command": item.command, "file": item.file, "format": item.format,
                "status": failed ? "failed" : "ok",
                "error": failed ? "The term 'Get-DAMultiSite' is not recognized: multisite is not configured." : nil,
                "expected": failed ? item.expectedFailure : nil,
            ])
        }
        let manifest: [String: Any] = [
            "collector": "Export-AovpnEstate", "collectorVersion": Advisor.version, "host": "DA01",
            "osBuild": "14393", "osCaption": "Microsoft Windows Server 2016 Datacenter",
            "collectedAt": "2026-11-30T09:15:00.0000000Z",
            "items": manifestItems.map { $0.compactMapValues { $0 } },
        ]
        // Windows PowerShell 5.1's Set-Content -Encoding UTF8 writes a BOM.
        try
            (Data([0xEF, 0xBB, 0xBF])
            + JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]))
            .write(to: server.appendingPathComponent("manifest.json"))

        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: bundle.path, environment: "collected")
        #expect(outcome.skipped.isEmpty, "\(outcome.skipped)")
        let assessment = try advisor.assess(environment: "collected")
        let multisite = try #require(
            assessment.findings.first { $0.ruleId == "da-multisite" && $0.outcome == .notAssessed })
        #expect(multisite.message.contains("Get-DAMultiSite failed on DA01 when collected: The term"))
        #expect(multisite.message.contains("Get-DAEntryPoint failed on DA01"))
        #expect(multisite.message.contains("(expected when multisite is not enabled (a single-site deployment))"))
        let out = bundle.appendingPathComponent("report")
        _ = try advisor.report(environment: "collected", to: out)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
                as? [String: Any])
        let collections = try #require(json["collections"] as? [[String: Any]])
        #expect(collections.first?["host"] as? String == "DA01")
        #expect(
            (collections.first?["items"] as? [[String: Any]])?.filter { $0["status"] as? String == "failed" }.count == 2
        )
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("What was collected") && html.contains("<code>Get-DAMultiSite</code>"))
    }

    /// The files written for the items that had none import as the facts they carry, secrets as
    /// "present" only and user names not at all.
    @Test func theCollectorFixturesImportAsTheirFacts() throws {
        let folder = Self.root.appendingPathComponent("Tests/AdvisorTests/Fixtures/collector")
        let estate = try EstateImporter.importBundle(ExportBundle.read(path: folder.path)).estate
        let da01 = try #require(estate.server(named: "da01"))
        let suffixes = da01.directAccess.nrptRules.flatMap(\.namespaces)
        #expect(suffixes.contains(".corp.contoso.com") && suffixes.contains("nls.corp.contoso.com"))
        #expect(
            da01.directAccess.nrptRules.first { $0.namespaces == [".corp.contoso.com"] }?.directAccessDnsServers
                == ["2001:db8:1:1::5"])
        #expect(da01.directAccess.nrptGlobal.queryPolicy?.value == "Disable")
        #expect(da01.directAccess.multiSite?.enterpriseName?.value == "Contoso Enterprise")
        #expect(Set(da01.directAccess.entryPoints.map(\.name)) == ["Europe", "North America"])
        #expect(
            da01.loadBalancing?.value
                == "Windows NLB (virtual addresses 203.0.113.20/255.255.255.0; nodes DA01.corp.contoso.com, DA02.corp.contoso.com)"
        )
        let radius = da01.vpn.radiusServers.map { "\($0.address) \($0.purpose) \($0.sharedSecretPresent)" }
        #expect(radius.sorted() == ["10.10.0.25 Otp true", "10.10.0.26 Accounting true"])
        #expect(estate.secrets.filter { $0.kind == "RADIUS shared secret" }.count == 2)
        let nlb = try #require(estate.loadBalancers.first { $0.vendor == .windowsNLB })
        #expect(nlb.listeners.map(\.portRange) == [443...443, 500...500, 4500...4500])
        #expect(nlb.listeners.allSatisfy { $0.affinityGroup != nil && $0.address == "203.0.113.20" })
        let profile = try #require(estate.clientProfiles.first { $0.name == "Contoso Device Tunnel" })
        #expect(profile.nativeProtocolType?.value == "IKEv2")
        let events = estate.events.filter { $0.provider == "RemoteAccess" }
        #expect(events.map(\.eventId) == [20271, 20272])
        #expect(events.allSatisfy { !$0.evidence.value.contains("alice") && !$0.evidence.value.contains("bob") })
        #expect(events.first?.detail?.contains("198.51.100.23") == true)
        #expect(estate.eventUserCounts.map(\.users).reduce(0, +) == 2)
        #expect(estate.notUnderstood.isEmpty, "\(estate.notUnderstood.map(\.kind))")
    }
}
