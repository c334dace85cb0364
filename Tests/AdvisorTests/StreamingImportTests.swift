import AdvisorCore
import EstateModel
import Foundation
import Importers
import InputErrors
import RuleAPI
import SampleGenerator
import Store
import Testing

/// The store's import streams: NRPT rules are written in batches while a file is read. What it
/// stores must be exactly what the in-memory import makes of the same files.
@Suite struct StreamingImportTests {
    func sampleBundle(servers: Int = 3, rules: Int = 2_500) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID())")
        try SampleEstateWriter(servers: servers, nrptRules: rules, cliXmlMegabytes: 1, regMegabytes: 1).write(
            to: directory)
        return directory
    }

    @Test(arguments: ["sample", "contoso"])
    func storedEstateEqualsTheInMemoryImport(_ bundleName: String) throws {
        // Given a bundle whose NRPT rules span several batches (sample) or mix formats (contoso)
        let path =
            bundleName == "sample"
            ? try sampleBundle().path
            : TestInput.examples.appendingPathComponent("contoso").path
        let inMemory = try EstateImporter.importBundle(try ExportBundle.read(path: path)).estate
        // When it is imported through the store and read back
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let outcome = try advisor.importExport(at: path, environment: "e")
        let stored = try advisor.store.estate(environmentId: outcome.environmentId)
        // Then it is the same estate, NRPT rules in the same order on the same servers
        let rules = inMemory.servers.reduce(0) { $0 + $1.directAccess.nrptRules.count }
        #expect(rules > (bundleName == "sample" ? 2 * 1_000 : 0))
        #expect(stored.servers.map(\.name) == inMemory.servers.map(\.name))
        for (mine, theirs) in zip(stored.servers, inMemory.servers) {
            #expect(mine.directAccess.nrptRules == theirs.directAccess.nrptRules, "\(mine.name)")
        }
        #expect(stored == inMemory)
    }

    /// Beyond the rules an estate holds, they stay in the store and are read a page at a time:
    /// the same estate, the same findings, whichever way it was read.
    @Test(arguments: ["sample", "contoso"])
    func rulesReadFromTheStoreInPagesAreTheRulesHeld(_ bundleName: String) throws {
        let path =
            bundleName == "sample"
            ? try sampleBundle(servers: 2, rules: 2_600).path
            : TestInput.examples.appendingPathComponent("contoso").path
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let outcome = try advisor.importExport(at: path, environment: "e")
        let held = try advisor.store.estate(environmentId: outcome.environmentId, holdingNrptRules: .max)
        let paged = try advisor.store.estate(environmentId: outcome.environmentId, holdingNrptRules: 0)
        let pagedLists = paged.servers.map(\.directAccess.nrptRules).filter { !$0.isEmpty }
        #expect(!pagedLists.isEmpty && pagedLists.allSatisfy(\.isStored))
        #expect(held.servers.allSatisfy { !$0.directAccess.nrptRules.isStored })
        #expect(paged == held)
        for (mine, theirs) in zip(paged.servers, held.servers) {
            // Iterated, indexed from either end, and read past page boundaries alike.
            #expect(Array(mine.directAccess.nrptRules) == Array(theirs.directAccess.nrptRules))
            if let last = theirs.directAccess.nrptRules.indices.last {
                #expect(mine.directAccess.nrptRules[last] == theirs.directAccess.nrptRules[last])
                #expect(mine.directAccess.nrptRules.first == theirs.directAccess.nrptRules.first)
            }
        }
        let engine = RuleEngine(rules: RuleRegistry.all)
        #expect(engine.assess(paged) == engine.assess(held))
    }

    @Test func listsWithLineBreaksBackslashesAndEmptyItemsRoundTrip() throws {
        let evidence = Evidence(file: "f.xml", location: "line 3", value: "a\\b\nc")
        let odd = NrptRule(
            name: nil, namespaces: [".corp\\x", "line\nbreak", "", "\\e", "cr\rlf"],
            directAccessDnsServers: [], nameServers: [""], source: "test", evidence: evidence)
        let plain = NrptRule(
            name: "r2", namespaces: ["."], directAccessDnsServers: ["fd00::1", "fd00::2"],
            source: "test", evidence: evidence)
        let store = try AdvisorStore.inMemory()
        let summary = try store.recordImport(environment: "e") { transaction in
            let importId = try #require(
                try transaction.beginFile(path: "f.xml", folder: "da01", sha256: "00", format: "clixml"))
            try transaction.addNrptRules([odd, plain], server: "da01", importId: importId)
            try transaction.finishFile(
                importId: importId, sha256: "00", objectCounts: [:], estate: Estate(servers: [Server(name: "da01")]))
        }
        #expect(
            try store.estate(environmentId: summary.environmentId).servers[0].directAccess.nrptRules == [odd, plain])
    }

    @Test func aBadFileAfterStreamedRulesStoresNothing() throws {
        // Given a bundle whose first file streams thousands of NRPT rules, then a broken file
        let directory = try sampleBundle(servers: 1)
        try Data("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=dword:zz\r\n".utf8)
            .write(to: directory.appendingPathComponent("DA001/zz-broken.reg"))
        // When it is imported into a database file
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID()).sqlite")
        let advisor = try Advisor(databasePath: database.path)
        let error = #expect(throws: InputError.self) { try advisor.importExport(at: directory.path) }
        // Then the error names the file and line, and no environment, import or rule was kept
        #expect(error?.file == "DA001/zz-broken.reg" && error?.line == 4)
        #expect(try advisor.store.environments().isEmpty)
        #expect(try AdvisorStore(path: database.path).integrityCheck() == "ok")
    }

    @Test func filesAlreadyImportedAreNotReadAgain() throws {
        let directory = try sampleBundle(servers: 2, rules: 1_200)
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        let first = try advisor.importExport(at: directory.path, environment: "e")
        let before = try advisor.store.estate(environmentId: first.environmentId)
        // A file added since: only it is read
        try FileManager.default.copyItem(
            at: directory.appendingPathComponent("RRAS001/ikev2.reg"),
            to: directory.appendingPathComponent("RRAS001/ikev2-again.reg"))
        let second = try advisor.importExport(at: directory.path, environment: "e")
        #expect(second.added == ["RRAS001/ikev2-again.reg"])
        #expect(second.alreadyImported.count == first.added.count)
        let after = try advisor.store.estate(environmentId: first.environmentId)
        #expect(
            after.servers.map { $0.directAccess.nrptRules.count }
                == before.servers.map { $0.directAccess.nrptRules.count })
    }
}
