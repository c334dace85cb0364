import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import Planning
import RulePacks
import SettingsYAML
import Store
import Testing
import ZIPFoundation

@testable import Importers

/// The bad-input corpus: each case with its expected outcome. Every bad case must end in an
/// `InputError` naming the file (and the line where there is one), never a crash or a hang.
@Suite struct BadInputCorpusTests {
    func expectError(
        _ file: ImportedFile, line: Int? = nil, containing text: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: InputError.self, sourceLocation: sourceLocation) { try TestInput.importing(file) }
        #expect(
            error?.file.hasSuffix(file.path) == true || error?.file == file.path, "\(String(describing: error))",
            sourceLocation: sourceLocation)
        if let line { #expect(error?.line == line, "\(String(describing: error))", sourceLocation: sourceLocation) }
        if let text {
            #expect(
                error?.message.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
    }

    @Test func cliXmlTruncatedAtEveryStructuralBoundary() throws {
        let url = TestInput.examples.appendingPathComponent("contoso/DA02/Get-DAServer.xml")
        let text = try #require(String(data: try Data(contentsOf: url).dropFirst(2), encoding: .utf16LittleEndian))
        var boundaries = 0
        for index in text.indices where text[index] == ">" {
            let cut = String(text[...index])
            guard cut.count < text.trimmingCharacters(in: .whitespacesAndNewlines).count else { continue }
            boundaries += 1
            let error = #expect(throws: InputError.self) {
                try TestInput.importing(TestInput.file("DA02/cut.xml", TestInput.utf16LEWithBOM(cut)))
            }
            #expect((error?.line ?? 0) > 0, "cut at \(cut.count): \(String(describing: error))")
        }
        #expect(boundaries > 50)
    }

    @Test func regTruncatedInsideAContinuation() {
        let text =
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"Name\"=hex(7):2e,00,63,00,\\\r\n"
        expectError(TestInput.file("cut.reg", TestInput.utf16LEWithBOM(text)), line: 4)
    }

    @Test func bomOnlyZeroByteAndNULBytes() {
        expectError(TestInput.file("bom.xml", Data([0xFF, 0xFE])), containing: "no CLIXML")
        expectError(TestInput.file("empty.reg", Data()), containing: "no CLIXML")
        var nul = Data("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"A\"=\"a".utf8)
        nul.append(0)
        nul.append(Data("b\"\r\n".utf8))
        expectError(TestInput.file("nul.reg", nul), line: 4, containing: "NUL")
    }

    @Test func mixedEncodings() {
        // A UTF-16LE file whose second half was appended as UTF-8 by another tool.
        var mixed = TestInput.utf16LEWithBOM("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n")
        mixed.append(Data("\"A\"=dword:00000001\r\n".utf8))
        expectError(TestInput.file("mixed.reg", mixed))
    }

    @Test func hundredMegabyteSingleLine() {
        let huge = Data(repeating: 0x41, count: 100 << 20)
        func file(_ name: String, _ head: String, _ tail: String) -> ImportedFile {
            var data = Data(head.utf8)
            data.append(huge)
            data.append(Data(tail.utf8))
            return TestInput.file(name, data)
        }
        expectError(
            file("huge.reg", "Windows Registry Editor Version 5.00\r\n\"", "\"=\"x\"\r\n"), line: 2,
            containing: "line longer")
        expectError(
            file("huge.xml", "<Objs Version=\"1.1.0.1\" xmlns=\"\(TestInput.psNamespace)\">\n<S>", "</S></Objs>"))
        expectError(file("ns.conf", "add lb vserver v UDP 1.2.3.4 500 ", "\n"), line: 1, containing: "line longer")
    }

    /// Well-formed but absurdly deep: the streaming parser enforces the depth limit itself
    /// (libxml2 does not apply its own to a push parser with these SAX handlers).
    @Test func wellFormedCliXmlNestedTwoHundredThousandDeepIsRefused() {
        let depth = 200_000
        let body =
            String(repeating: "<Obj RefId=\"1\"><Props>\n", count: depth)
            + String(repeating: "</Props></Obj>", count: depth)
        let xml = TestInput.clixml(body)
        expectError(
            TestInput.file("deep.xml", Data(xml.utf8)), line: 129, containing: "nested more than 256 levels deep")
    }

    @Test func nestingHundredThousandDeep() {
        let depth = 100_000
        let xml = TestInput.clixml(String(repeating: "<Obj RefId=\"1\"><Props>", count: depth))
        expectError(TestInput.file("deep.xml", Data(xml.utf8)))
        let braces = "stream {\n" + String(repeating: "a {\n", count: depth)
        expectError(TestInput.file("deep.conf", Data(braces.utf8)), containing: "nested")
        let tmsh = "ltm virtual v {\n" + String(repeating: "x {\n", count: depth)
        expectError(TestInput.file("deep-bigip.conf", Data(tmsh.utf8)), containing: "nested")
    }

    @Test func externalEntitiesAndLoopsInEveryXMLFormat() {
        let doctype =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY n SYSTEM \"http://127.0.0.1:1/x\">]>\n"
        expectError(
            TestInput.file("xxe.xml", Data((doctype + TestInput.clixml("<S>&x;&n;</S>")).utf8)),
            containing: "not allowed")
        expectError(
            TestInput.file(
                "xxe-kemp.xml",
                Data((doctype + "<Response stat=\"200\"><Success><Data><VS>&x;</VS></Data></Success></Response>").utf8)),
            containing: "not allowed")
        let loop = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n"
        expectError(TestInput.file("loop.xml", Data((loop + TestInput.clixml("<S>&a;</S>")).utf8)))
    }

    func zip(_ entries: [(String, Data, Entry.EntryType)]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID()).zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data, type) in entries {
            try archive.addEntry(
                with: path, type: type, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    func expectZipError(
        _ url: URL, limits: ExportBundle.Limits = .init(), containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: InputError.self, sourceLocation: sourceLocation) {
            try ExportBundle.read(path: url.path, limits: limits)
        }
        #expect(error?.message.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.file.contains(url.lastPathComponent) == true, sourceLocation: sourceLocation)
    }

    @Test func hostileZips() throws {
        let reg = Data("REGEDIT4\r\n".utf8)
        expectZipError(try zip([("../escape.reg", reg, .file)]), containing: "..")
        expectZipError(try zip([("/etc/cron.d/x.reg", reg, .file)]), containing: "absolute")
        expectZipError(try zip([("link.reg", Data("/etc/passwd".utf8), .symlink)]), containing: "symbolic link")
        expectZipError(
            try zip([("DA01/a.reg", reg, .file), ("da01/A.reg", reg, .file)]), containing: "differs only in case")
        expectZipError(try zip([("bomb.reg", Data(count: 20 << 20), .file)]), containing: "compression-ratio")
        var few = ExportBundle.Limits()
        few.maxEntries = 3
        expectZipError(
            try zip((0..<5).map { ("f\($0).reg", reg, .file) }), limits: few, containing: "more than 3 entries")
        var small = ExportBundle.Limits()
        small.maxTotalBytes = 15
        expectZipError(try zip((0..<3).map { ("f\($0).reg", reg, .file) }), limits: small, containing: "exceeds")
    }

    @Test func badInputLeavesTheDatabaseUnchangedThroughThePipeline() throws {
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let before = try advisor.store.imports(environmentId: 1).count
        let zipURL = try zip([
            (
                "contoso/DA03/good.reg",
                Data(
                    "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters]\r\n"
                        .utf8), .file
            ),
            ("contoso/DA03/bad.xml", Data(TestInput.clixml("<Obj RefId=\"0\"><Props>").utf8), .file),
        ])
        #expect(throws: InputError.self) { try advisor.importExport(at: zipURL.path, environment: "contoso") }
        #expect(try advisor.store.imports(environmentId: 1).count == before)
    }
}

/// Hostile ProfileXML and settings files (plan, configuration, rule packs).
extension BadInputCorpusTests {
    static var realProfile: String {
        get throws { String(decoding: try ClientProfileTests.realDeviceProfile, as: UTF8.self) }
    }

    @Test func profileXmlTruncatedAtEveryElementBoundary() throws {
        let text = try Self.realProfile
        let root = try #require(text.range(of: "<VPNProfile>"))
        var boundaries = 0
        for index in text[root.upperBound...].indices where text[index] == ">" {
            let cut = String(text[...index])
            guard cut.count < text.trimmingCharacters(in: .whitespacesAndNewlines).count else { continue }
            boundaries += 1
            let error = #expect(throws: InputError.self) {
                try TestInput.importing(TestInput.file("clients/cut.xml", Data(cut.utf8)))
            }
            #expect(
                error?.file == "clients/cut.xml" && (error?.line ?? 0) > 0,
                "cut at \(cut.count): \(String(describing: error))")
        }
        #expect(boundaries > 60)
    }

    @Test func profileXmlWithEntitiesIsRefusedByName() {
        let doctype =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE VPNProfile [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY n SYSTEM \"http://127.0.0.1:1/x\">]>\n"
        expectError(
            TestInput.file(
                "clients/xxe.xml", Data((doctype + "<VPNProfile><DnsSuffix>&x;&n;</DnsSuffix></VPNProfile>").utf8)),
            containing: "not allowed")
        let loop = "<!DOCTYPE VPNProfile [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n"
        expectError(
            TestInput.file(
                "clients/loop.xml", Data((loop + "<VPNProfile><DnsSuffix>&a;</DnsSuffix></VPNProfile>").utf8)))
        expectError(
            TestInput.file(
                "clients/empty-root.xml", Data("<VPNProfile>\n<NativeProfile>\n<Servers>vpn</Servers>\n".utf8)))
    }

    @Test func aBadProfileInABundleStoresNothing() throws {
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let before = try advisor.store.imports(environmentId: 1).count
        let url = try zip([
            ("contoso/clients/good.xml", try ClientProfileTests.realDeviceProfile, .file),
            ("contoso/clients/bad.xml", Data("<VPNProfile>\n  <AlwaysOn>true</AlwaysOn>\n".utf8), .file),
        ])
        let error = #expect(throws: InputError.self) { try advisor.importExport(at: url.path, environment: "contoso") }
        #expect(error?.file.hasSuffix("bad.xml") == true)
        #expect(try advisor.store.imports(environmentId: 1).count == before)
    }

    @Test func settingsFilesThatExpandOrNestWithoutEndAreRefused() throws {
        // "Billion laughs" in YAML: nine levels of anchors, each repeating the previous ten times.
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            bomb +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        for parse in [
            { try PlanFile.parse(bomb, file: "plan.yml") as Any },
            { try ConfigurationFile.parse(bomb, file: "c.yml", ruleIds: nil) as Any },
            { try RulePackLoader(reservedIds: []).parse(bomb, file: "p.yml") as Any },
        ] {
            let error = #expect(throws: InputError.self) { _ = try parse() }
            #expect(error?.message.contains("expands to more than") == true, "\(String(describing: error))")
        }
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: InputError.self) { try PlanFile.parse(deep, file: "plan.yml") }
    }
}
