import EstateModel
import Foundation
import InputErrors
import SampleGenerator
import Testing

@testable import Importers

/// The bulk fast path (objects of the bulk classes built with the members the mapper reads only)
/// gives the very facts the general path gives, on every CLIXML file of the repository, on the
/// benchmark generator's output and on a document mixing bulk objects, their metadata and Refs.
@Suite struct BulkReadingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The estate (NRPT rules attached) and counts of one file, read one way.
    static func read(_ file: ImportedFile, bulk: Bool) throws -> (estate: Estate, counts: [String: Int]) {
        let sink = CollectingSink()
        let writer = NrptRuleWriter(sink: sink)
        let imported = try CliXmlImporter.importFile(file, nrptRules: writer, bulk: bulk)
        try writer.flush()
        try sink.finish(imported, sha256: "")
        return (sink.files[0].estate, imported.objectCounts)
    }

    static func expectSameFacts(_ file: ImportedFile) throws {
        let general = try read(file, bulk: false)
        let bulk = try read(file, bulk: true)
        #expect(bulk.counts == general.counts, "\(file.path)")
        #expect(bulk.estate == general.estate, "\(file.path)")
    }

    @Test func everyCliXmlFileOfTheRepositoryGivesTheSameFactsBothWays() throws {
        var checked = 0
        for folder in ["Examples", "Tests/AdvisorTests/Fixtures"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where url.pathExtension.lowercased() == "xml" {
                let data = try Data(contentsOf: url)
                guard EstateImporter.detectFormat(data) == .cliXml else { continue }
                let file = ImportedFile(path: url.lastPathComponent, data: data, serverHint: "DA01")
                // Files the importer refuses are refused both ways (the fuzz regressions).
                guard (try? Self.read(file, bulk: false)) != nil else {
                    #expect(throws: (any Error).self) { try Self.read(file, bulk: true) }
                    continue
                }
                try Self.expectSameFacts(file)
                checked += 1
            }
        }
        #expect(checked >= 20, "\(checked) CLIXML files")
    }

    @Test func theBenchmarkGeneratorsOutputGivesTheSameFactsBothWays() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleEstateWriter(servers: 2, nrptRules: 500).write(to: folder)
        let url = folder.appendingPathComponent("DA001/Get-DnsClientNrptRule.xml")
        let file = ImportedFile(
            path: "DA001/Get-DnsClientNrptRule.xml", data: try Data(contentsOf: url), serverHint: "DA001")
        try Self.expectSameFacts(file)
        #expect(try Self.read(file, bulk: true).estate.servers.flatMap(\.directAccess.nrptRules).count >= 500)
    }

    /// Rules with the metadata real CIM exports carry (and Refs to it across objects), a rule
    /// naming its server, addresses, and an object of another class that refers back.
    @Test func aDocumentMixingBulkObjectsMetadataAndRefsGivesTheSameFactsBothWays() throws {
        func rule(_ ref: Int, _ namespace: String, metadata: String) -> String {
            """
              <Obj RefId="\(ref)">
                <TNRef RefId="0" />
                <ToString>DnsClientNrptRule</ToString>
                <Props>
                  <U32 N="Version">2</U32>
                  <Obj N="Namespace" RefId="\(ref + 1)"><TNRef RefId="1" /><LST><S>\(namespace)</S></LST></Obj>
                  <S N="Name">{\(ref)}</S>
                  <S N="Comment">line_x000D__x000A_two</S>
                  <Obj N="DirectAccessDnsServers" RefId="\(ref + 2)"><TNRef RefId="1" /><LST><S>2001:db8::1</S></LST></Obj>
                  <Nil N="NameServers" />
                  <S N="PSComputerName">DA02.corp.contoso.com</S>
                </Props>
                <MS>\(metadata)</MS>
              </Obj>
            """
        }
        let xml = """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="100">
                <TN RefId="0">
                  <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsClientNrptRule</T>
                  <T>Microsoft.Management.Infrastructure.CimInstance</T>
                  <T>System.Object</T>
                </TN>
                <Props>
                  <Obj N="DirectAccessIPsecCARestriction" RefId="103"><TN RefId="1"><T>System.String[]</T><T>System.Array</T><T>System.Object</T></TN><LST /></Obj>
                  <S N="Name">first</S><S N="Namespace">.corp.contoso.com</S>
                </Props>
                <MS><Obj N="__ClassMetadata" RefId="101"><TN RefId="2"><T>System.Collections.ArrayList</T></TN><LST><Obj RefId="102"><MS><S N="ClassName">DnsClientNrptRule</S></MS></Obj></LST></Obj></MS>
              </Obj>
            \(rule(10, ".a.contoso.com", metadata: "<Ref N=\"__ClassMetadata\" RefId=\"101\" />"))
            \(rule(20, ".b.contoso.com", metadata: "<Obj N=\"__ClassMetadata\" RefId=\"23\"><TNRef RefId=\"2\" /><LST><Ref RefId=\"102\" /></LST></Obj>"))
              <Obj RefId="30">
                <TN RefId="3">
                  <T>Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetIPAddress</T>
                  <T>Microsoft.Management.Infrastructure.CimInstance</T>
                </TN>
                <Props><S N="IPAddress">10.0.0.5</S><U32 N="PrefixLength">24</U32><S N="PSComputerName">DA02</S></Props>
              </Obj>
              <Obj RefId="40">
                <TN RefId="4"><T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/DANetworkLocationServer</T></TN>
                <Props><S N="Url">https://nls.corp.contoso.com/</S><Ref N="Metadata" RefId="101" /><S N="PSComputerName">DA02</S></Props>
              </Obj>
            </Objs>
            """
        let file = ImportedFile(path: "DA02/mixed.xml", data: Data(xml.utf8), serverHint: "DA02")
        try Self.expectSameFacts(file)
        let estate = try Self.read(file, bulk: true).estate
        #expect(
            estate.servers.flatMap(\.directAccess.nrptRules).map(\.namespaces) == [
                [".corp.contoso.com"], [".a.contoso.com"], [".b.contoso.com"],
            ])
        #expect(estate.server(named: "da02")?.addresses.map(\.value) == ["10.0.0.5"])
    }
}

/// The two-thread CLIXML import fails as the one-thread one did: a document broken after
/// thousands of objects (several hand-overs between the threads) is refused with its file and
/// line and stores nothing, and a sink that fails stops the parse thread (no hang, no leak).
@Suite struct PipelinedCliXmlFailureTests {
    static func sampleCliXml(rules: Int) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleEstateWriter(servers: 1, nrptRules: rules).write(to: folder)
        return try Data(contentsOf: folder.appendingPathComponent("DA001/Get-DnsClientNrptRule.xml"))
    }

    @Test func aDocumentTruncatedAfterThousandsOfObjectsIsRefusedWithItsLine() throws {
        let whole = try Self.sampleCliXml(rules: 3_000)
        // Cut in the middle of an element, on a UTF-16 code unit boundary.
        let cut = whole.prefix((whole.count / 2) & ~1)
        let sink = CountingSink()
        let file = ImportedFile(path: "DA001/nrpt.xml", data: Data(cut), serverHint: "DA001")
        let error = #expect(throws: InputError.self) {
            _ = try CliXmlImporter.importFile(file, nrptRules: NrptRuleWriter(sink: sink))
        }
        #expect(error?.file == "DA001/nrpt.xml")
        #expect((error?.line ?? 0) > 1_000, "the line of the break, far into the file")
        // The objects before the break were mapped (so the threads did hand over), and the
        // caller abandons the file: EstateImporter's refusal path, tested with the store elsewhere.
        #expect(sink.received > 0)
    }

    @Test func aFailingSinkStopsTheParseThread() throws {
        let data = try Self.sampleCliXml(rules: 5_000)
        let sink = CountingSink(failAfter: 1)
        let file = ImportedFile(path: "DA001/nrpt.xml", data: data, serverHint: "DA001")
        #expect(throws: CountingSink.Failure.self) {
            _ = try CliXmlImporter.importFile(file, nrptRules: NrptRuleWriter(sink: sink))
        }
        #expect(sink.received == 1, "nothing is received after the failure")
    }
}

/// Counts the NRPT batches it receives; fails on the one after `failAfter`.
final class CountingSink: ImportSink {
    struct Failure: Error {}
    private(set) var received = 0
    let failAfter: Int?

    init(failAfter: Int? = nil) { self.failAfter = failAfter }

    func hasImported(path: String) throws -> Bool { false }
    func begin(path: String, folder: String, sha256: String?, format: ExportFormat) throws -> Bool { true }
    func receive(nrptRules: [NrptRule], server: String) throws {
        if let failAfter, received >= failAfter { throw Failure() }
        received += 1
    }
    func finish(_ file: FileImport, sha256: String) throws {}
    func abandon(path: String) throws {}
}
