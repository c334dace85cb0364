import EstateModel
import Foundation
import Importers
import InputErrors
import Testing

/// An importer that lives only in this test target: it reads `# aovpn-test-host NAME` files.
/// Adding it to an import is one registry entry; nothing in the Importers target knows it.
enum TestHostImporter: Importer {
    static let format = ExportFormat(rawValue: "test-host")

    static func recognises(_ head: FileHead) -> Bool { head.firstLine.hasPrefix("# aovpn-test-host ") }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = String(decoding: try file.contents(), as: UTF8.self)
        let name = text.split(separator: "\n")[0].dropFirst("# aovpn-test-host ".count)
        guard !name.isEmpty, !name.contains(" ") else {
            throw InputError(file: file.path, line: 1, message: "no host name after the marker")
        }
        let server = Server(name: Server.identity(of: String(name)), fqdn: String(name), roles: [.vpn])
        return FileImport(
            file: file, format: format, estate: Estate(servers: [server]), objectCounts: ["test hosts": 1])
    }
}

@Suite struct ImporterRegistryTests {
    private func bundle(_ files: [(String, String)]) -> ExportBundle {
        ExportBundle(
            name: "bundle",
            files: files.map { ImportedFile(path: $0.0, data: Data($0.1.utf8), serverHint: "hint") })
    }

    @Test func aTestImporterNeedsOnlyARegistryEntry() throws {
        let files = bundle([("host.txt", "# aovpn-test-host vpn9.corp.example\n")])
        // Without the entry the file is not recognised…
        #expect(throws: InputError.self) { try EstateImporter.importBundle(files) }
        // …with it, detection, dispatch and the result all go through the test importer.
        let registry = ImporterRegistry.standard.adding(TestHostImporter.self)
        #expect(
            EstateImporter.detectFormat(Data("# aovpn-test-host x\n".utf8), registry: registry)
                == TestHostImporter.format)
        let result = try EstateImporter.importBundle(files, registry: registry)
        #expect(result.files.map(\.import.format) == [TestHostImporter.format])
        #expect(result.estate.servers.map(\.displayName) == ["vpn9.corp.example"])
        // Its errors are the one input error: refused by name and line with --keep-going.
        let bad = bundle([("bad.txt", "# aovpn-test-host \n"), ("host.txt", "# aovpn-test-host vpn9\n")])
        let kept = try EstateImporter.importBundle(bad, keepGoing: true, registry: registry)
        #expect(
            kept.refused.map { "\($0.path):\($0.line): \($0.problem)" } == ["bad.txt:1: no host name after the marker"])
        #expect(kept.files.count == 1)
    }

    @Test func everyFormatHasOneImporterAndTheRegistryOrderDecides() {
        let formats = ImporterRegistry.standard.formats
        #expect(Set(formats).count == formats.count)
        #expect(!formats.contains(.privateKey))
        // The same head read by two importers: the first listed wins.
        enum Greedy: Importer {
            static let format = ExportFormat(rawValue: "greedy")
            static func recognises(_ head: FileHead) -> Bool { true }
            static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
                FileImport(file: file, format: format, estate: Estate(), objectCounts: [:])
            }
        }
        let reg = Data("Windows Registry Editor Version 5.00\r\n".utf8)
        #expect(EstateImporter.detectFormat(reg, registry: .standard.adding(Greedy.self)) == .registry)
        #expect(EstateImporter.detectFormat(reg, registry: ImporterRegistry([Greedy.self])) == Greedy.format)
    }

    @Test func theHeadIsDecodedOnceForEveryEncodingWindowsWrites() {
        let text = "Windows Registry Editor Version 5.00\r\n"
        let utf16LE = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
        let utf16BE = Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!
        let utf8BOM = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        for data in [utf16LE, utf16BE, utf8BOM, Data(text.utf8)] {
            #expect(FileHead(data).firstLine == "Windows Registry Editor Version 5.00")
            #expect(EstateImporter.detectFormat(data) == .registry)
        }
        // A head cut in the middle of a UTF-16 code unit is still read (odd byte dropped).
        #expect(FileHead(utf16LE.dropLast()).text.hasPrefix("Windows Registry"))
    }

    @Test func aPrivateKeyCutByAChunkBoundaryIsStillFound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The chunk is 4 MiB: the marker starts 10 bytes before its end.
        var data = Data(repeating: 0x41, count: (4 << 20) - 10)
        data.append(Data("\n-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n".utf8))
        let url = directory.appendingPathComponent("server.conf")
        try data.write(to: url)
        let file = ImportedFile(path: "server.conf", url: url, serverHint: "x")
        let result = try EstateImporter.importBundle(ExportBundle(name: "b", files: [file]))
        #expect(result.files.map(\.import.format) == [.privateKey])
        #expect(result.files[0].sha256.count == 64)
    }
}
