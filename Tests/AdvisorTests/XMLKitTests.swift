import Foundation
import Testing
import XMLKit

@Suite struct XMLKitTests {
    func readAll(_ xml: String) throws {
        let reader = try XMLStreamReader(data: Data(xml.utf8), file: "test.xml")
        while try reader.read() {}
    }

    @Test func streamsElementsWithLines() throws {
        let reader = try XMLStreamReader(data: Data("<a>\n  <b x=\"1\">t</b>\n</a>".utf8), file: "t.xml")
        var seen: [String] = []
        while try reader.read() {
            guard reader.kind == .element else { continue }
            seen.append("\(reader.localName)@\(reader.line)\(reader.attribute("x").map { "x=\($0)" } ?? "")")
        }
        #expect(seen == ["a@1", "b@2x=1"])
    }

    @Test func externalEntityIsRefusedAndNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-secret-\(UUID()).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>\n<r>&x;</r>"
        let error = #expect(throws: XMLParseError.self) { try readAll(xml) }
        #expect(error?.message.contains("not allowed") == true)
        #expect(throws: XMLParseError.self) { try XMLDocumentParser.parse(Data(xml.utf8), file: "x.xml") }
    }

    @Test func entityLoopIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n" }
        xml += "]>\n<lolz>&lol9;</lolz>"
        #expect(throws: XMLParseError.self) { try readAll(xml) }
        #expect(throws: XMLParseError.self) { try XMLDocumentParser.parse(Data(xml.utf8), file: "x.xml") }
    }

    @Test func truncatedDocumentReportsLine() throws {
        let error = #expect(throws: XMLParseError.self) { try readAll("<a>\n<b>\n<c>text</c>\n") }
        #expect((error?.line ?? 0) >= 3)
        #expect(error?.file == "test.xml")
    }

    @Test func domParsesUTF16WithBOM() throws {
        var data = Data([0xFF, 0xFE])
        data.append("<root a=\"é\"><child>text</child></root>".data(using: .utf16LittleEndian)!)
        let root = try XMLDocumentParser.parse(data, file: "u.xml")
        #expect(root.name == "root")
        #expect(root.attributes["a"] == "é")
        #expect(root.child("child")?.text == "text")
    }
}
