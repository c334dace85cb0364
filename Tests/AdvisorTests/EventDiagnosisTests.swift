import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import RuleAPI
import Testing

@testable import Importers

/// Pilot failures: Windows event exports in both encodings read as the same events, user names
/// counted unless kept, malformed exports refused with their line, and the diagnosis that names
/// the findings consistent with each code (and what to collect when none is).
@Suite struct EventDiagnosisTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events")
    static let codes = [809, 13868, 800, 13801, 13806, 13825, 812, 691, 720, 829, 868]

    func read(_ name: String, keepUserNames: Bool = false) throws -> FileImport {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let file = ImportedFile(path: "events/\(name)", data: data, serverHint: "events")
        #expect(EstateImporter.detectFormat(data) == .windowsEventXml, "recognised from its content")
        var context = ImportContext(bundle: [file], nrptRules: NrptRuleWriter(sink: CollectingSink()))
        context.keepUserNames = keepUserNames
        return try WindowsEventXmlImporter.importFile(file, context: context)
    }

    @Test func bothEncodingsGiveTheSameFailures() throws {
        let utf8 = try read("rasclient-failures.xml").estate.events
        let utf16 = try read("rasclient-failures-utf16.xml").estate.events
        let failures = utf8.filter(\.isFailure)
        #expect(failures.compactMap(\.code) == Self.codes)
        #expect(utf16.filter(\.isFailure).compactMap(\.code) == Self.codes, "RenderedXml in UTF-16LE")
        #expect(utf8.count == 22 && utf8.filter { $0.eventId == 20221 }.allSatisfy { !$0.isFailure })
        let first = try #require(failures.first)
        #expect(
            first.connection == "Contoso VPN" && first.codeKind == .rasError
                && first.computer == "LAPTOP01.corp.contoso.com")
        #expect(first.recordId == 4101 && first.time == "2026-11-10T00:10:00.1234567Z")
        #expect(first.evidence.location == "line 1, RasClient 20227 record 4101")
        #expect(utf16.first?.evidence.location == "line 1, RasClient 20227 record 4101")
        #expect(utf16.last?.evidence.location.hasPrefix("line 11,") == true, "one event per line")
    }

    @Test func getWinEventExportClixmlGivesTheSameFailures() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("rasclient-failures-clixml.xml"))
        #expect(EstateImporter.detectFormat(data) == .cliXml)
        let file = ImportedFile(path: "events/clixml.xml", data: data, serverHint: "events")
        let imported = try CliXmlImporter.importFile(file, nrptRules: NrptRuleWriter(sink: CollectingSink()))
        let events = imported.estate.events
        #expect(events.compactMap(\.code) == Self.codes)
        #expect(events.allSatisfy { $0.isFailure && $0.connection == "Contoso VPN" && $0.user == nil })
        #expect(events.first?.computer == "LAPTOP01.corp.contoso.com" && events.first?.recordId == 4101)
        #expect(events.first?.evidence.location.hasPrefix("line 2, RasClient 20227 record 4101") == true)
        #expect(imported.estate.notUnderstood.isEmpty && imported.estate.eventUserCounts.count == Self.codes.count)
    }

    @Test func userNamesAreCountedUnlessKept() throws {
        let counted = try read("rasclient-failures.xml")
        #expect(counted.estate.events.allSatisfy { $0.user == nil })
        let encoded = String(decoding: try JSONEncoder().encode(counted.estate), as: UTF8.self)
        #expect(!encoded.contains("alice") && !encoded.contains("bob"), "no user name is stored")
        let count809 = try #require(counted.estate.eventUserCounts.first { $0.code == 809 })
        #expect(count809.users == 1 && count809.codeKind == .rasError)
        let kept = try read("rasclient-failures.xml", keepUserNames: true)
        #expect(kept.estate.events.first { $0.code == 809 }?.user == "CONTOSO\\alice")
    }

    @Test func npsDecisionsCarryTheirReasonCode() throws {
        let events = try read("nps-decisions.xml").estate.events
        #expect(events.map(\.eventId) == [6273, 6273, 6272])
        #expect(events.filter(\.isFailure).allSatisfy { $0.code == 66 && $0.codeKind == .npsReason })
        #expect(events[0].connection == "Always On VPN" && events[0].detail?.hasPrefix("The user attempted") == true)
        #expect(!events[2].isFailure)
    }

    @Test func malformedExportsNameTheirLine() throws {
        func refuse(_ text: String) -> InputError? {
            let file = ImportedFile(path: "bad.xml", data: Data(text.utf8), serverHint: "x")
            let context = ImportContext(bundle: [file], nrptRules: NrptRuleWriter(sink: CollectingSink()))
            do {
                _ = try WindowsEventXmlImporter.importFile(file, context: context)
                return nil
            } catch let error as InputError { return error } catch { return nil }
        }
        let namespace = "http://schemas.microsoft.com/win/2004/08/events/event"
        let cut = refuse("<Event xmlns='\(namespace)'><System><EventID>20227</EventID>\n<Computer>A</Comp")
        #expect(cut?.line == 2, "\(String(describing: cut))")
        let id = refuse("<Event xmlns='\(namespace)'>\n<System>\n<EventID>twenty</EventID></System></Event>")
        #expect(id?.line == 3 && id?.message.contains("EventID is 'twenty'") == true)
        let entity = refuse(
            "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><Event xmlns='\(namespace)'><System><EventID>1</EventID></System><EventData><Data>&e;</Data></EventData></Event>"
        )
        #expect(entity != nil, "DTDs and entities are refused")
        #expect(
            EstateImporter.knownButNotRead(Data("ElfFile\0\0\0".utf8))?.contains(
                "wevtutil qe FILE.evtx /lf:true /f:xml")
                == true)
    }

    @Test func eachCodeIsExplainedByTheRightFindingOrSaysWhatToCollect() throws {
        let advisor = try Advisor.inMemory()
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path, environment: "c")
        _ = try advisor.importExport(at: Self.folder.path, environment: "c")
        _ = try advisor.assess(environment: "c")
        let diagnosis = try advisor.diagnose(environment: "c")
        func group(_ code: Int) -> Diagnosis.Group? {
            diagnosis.groups.first { $0.code == code && $0.kind == "ras-error" }
        }
        // The fixtures' events are in two files (two encodings): each attempt counts once.
        #expect(group(13801)?.failures == 1)
        // 809 behind an F5 with source NAT automap: lb-source-nat first.
        let timeout = try #require(group(809))
        #expect(timeout.explanations.first?.ruleId == "lb-source-nat")
        #expect(timeout.explanations.allSatisfy { $0.relation == "consistent with" })
        #expect(timeout.failures == 4, "three in the example's pilot, one in the fixtures")
        #expect(diagnosis.groups.first?.code == 809, "the largest group first")
        #expect(group(13868)?.explanations.map(\.ruleId).contains("ikev2-default-policy") == true)
        #expect(group(868)?.explanations.first?.ruleId == "da-vpn-fqdn-in-nrpt")
        #expect(group(13801)?.explanations.first?.ruleId == "cert-ikev2-eku-missing")
        // No finding of the example explains these: the table's "collect next", never a guess.
        for code in [13806, 812, 691, 720] {
            let unexplained = try #require(group(code))
            #expect(unexplained.explanations.isEmpty && unexplained.collectNext?.isEmpty == false, "\(code)")
            #expect(unexplained.meaning != nil && unexplained.sources.allSatisfy { $0.hasPrefix("https://") })
        }
        let nps = try #require(diagnosis.groups.first { $0.kind == "nps-reason" && $0.code == 66 })
        #expect(nps.failures == 2 && nps.explanations.isEmpty, "the example has no NPS export")
        #expect(diagnosis.text(environment: "c").contains("Consistent with lb-source-nat [critical]"))
    }

    @Test func everyCodeIsExplainedByItsRankedFindings() throws {
        // For each code of the table: an estate whose findings are the table's first and last
        // explaining rules (listed last first) gives them in the table's order; without them, the
        // table's "collect next".
        let table = try Advisor.errorCodeTable()
        for entry in table.codes where !entry.explainedBy.isEmpty {
            let event = VpnEvent(
                provider: entry.kind == .npsReason ? "Microsoft-Windows-Security-Auditing" : "RasClient",
                eventId: entry.kind == .npsReason ? 6273 : 20227, time: "2026-11-20T10:00:00Z", computer: "pilot01",
                code: entry.code, codeKind: entry.kind, evidence: Evidence(file: "e.xml", location: "line 1", value: "")
            )
            let expected = [entry.explainedBy.first!, entry.explainedBy.last!].orderedUnique
            let ranked = expected.reversed().map { ruleId in
                Finding(
                    ruleId: ruleId, module: "m", severity: .high, server: "da01", title: ruleId, message: "m",
                    evidence: [Evidence(file: "x", location: "line 1", value: "")], remediation: "r", outcome: .finding)
            }
            let explained = Diagnosis(events: [event], userCounts: [], findings: ranked, table: table)
            let group = try #require(explained.groups.first)
            #expect(group.explanations.first?.ruleId == entry.explainedBy.first, "\(entry.code)")
            #expect(group.explanations.map(\.ruleId) == expected, "\(entry.code): ranked as the table ranks them")
            #expect(group.collectNext == nil)
            let unexplained = Diagnosis(events: [event], userCounts: [], findings: [], table: table)
            #expect(unexplained.groups.first?.collectNext == entry.collectNext, "\(entry.code)")
        }
    }

    @Test func anUnknownCodeSaysHowToFindOut() throws {
        let event = VpnEvent(
            provider: "RasClient", eventId: 20227, time: "2026-11-01T00:00:00Z", computer: "a", code: 4242,
            codeKind: .rasError, evidence: Evidence(file: "f", location: "line 1", value: ""))
        let diagnosis = Diagnosis(
            events: [event], userCounts: [], findings: [], table: try Advisor.errorCodeTable())
        #expect(diagnosis.groups.first?.collectNext?.contains("not in the advisor's table") == true)
        #expect(diagnosis.groups.first?.meaning == nil)
    }

    @Test func theTableCitesSourcesAndNamesRealRules() throws {
        let table = try Advisor.errorCodeTable()
        var ids = Set(RuleRegistry.all.map { $0.description.id })
        for pack in try RulePackSet.load(baseline: "enhanced") { ids.formUnion(pack.rules.map(\.id)) }
        for entry in table.codes {
            #expect(!entry.sources.isEmpty && entry.sources.allSatisfy { $0.hasPrefix("https://") }, "\(entry.code)")
            for rule in entry.explainedBy { #expect(ids.contains(rule), "\(entry.code) names \(rule)") }
        }
        #expect(Set(Self.codes).isSubset(of: Set(table.codes.filter { $0.kind == .rasError }.map(\.code))))
    }
}
