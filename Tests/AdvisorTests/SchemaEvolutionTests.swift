import EstateModel
import Foundation
import GRDB
import Store
import Testing

@Suite struct SchemaEvolutionTests {
    func copy(_ name: String) throws -> URL {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/db/\(name)")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID()).sqlite")
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    @Test func aVersion1DatabaseOpensAndUpgradesKeepingItsHistory() throws {
        // Given a database written by schema v1 (one import of the example and one assessment)
        let url = try copy("schema-v1.sqlite")
        // When this version opens it
        let store = try AdvisorStore(path: url.path)
        // Then it is upgraded, the history is intact and the new column is filled in
        #expect(try store.integrityCheck() == "ok")
        let id = try #require(try store.environmentId(named: "contoso"))
        let assessments = try store.assessments(environmentId: id)
        #expect(assessments.count == 1)
        let findings = try store.findings(assessmentId: try #require(assessments.first?.id))
        #expect(!findings.isEmpty)
        #expect(assessments.first?.findingCount == findings.filter { $0.outcome == .finding }.count)
        let estate = try store.estate(environmentId: id)
        #expect(!estate.servers.isEmpty)
        // NRPT rules stored inside the model (before schema v6 gave them a table) are still read
        #expect(estate.servers.contains { !$0.directAccess.nrptRules.isEmpty })
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID()).sqlite")
        _ = try AdvisorStore(path: url.path)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()
        let error = #expect(throws: StoreError.self) { try AdvisorStore(path: url.path) }
        #expect(error?.description.contains("v99-from-the-future") == true)
        #expect(error?.description.contains("newer aovpn-advisor") == true)
    }
}
