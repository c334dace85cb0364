import Foundation
import Glibc
import InputErrors
import Testing
import XMLKit

/// Records the events of an ``XMLEventParser`` as text.
final class EventRecorder: XMLEventHandler {
    var events: [String] = []
    private var text: [UInt8] = []

    func startElement(_ name: XMLEventParser.Name, attributes: XMLEventParser.Attributes, line: Int) throws {
        flush()
        events.append("<\(name.string)@\(line)\(attributes.value("x").map { " x=\($0)" } ?? "")>")
    }

    func endElement(line: Int) throws {
        flush()
        events.append("</@\(line)>")
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws { text += bytes }

    private func flush() {
        let content = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !content.isEmpty { events.append(content) }
        text = []
    }

    static func events(_ data: Data, chunk: Int = Int.max) throws -> [String] {
        let recorder = EventRecorder()
        let parser = XMLEventParser(file: "test.xml", handler: recorder)
        var offset = 0
        while offset < data.count {
            try parser.feed(data.subdata(in: offset..<min(data.count, offset + chunk)))
            offset += chunk
        }
        try parser.finish()
        return recorder.events
    }
}

@Suite struct XMLKitTests {
    func readAll(_ xml: String) throws { _ = try EventRecorder.events(Data(xml.utf8)) }

    @Test func streamsElementsWithLinesTextAndAttributes() throws {
        let events = try EventRecorder.events(Data("<a>\n  <b x=\"1 &amp; 2\">t &lt;3</b>\n</a>".utf8))
        #expect(events == ["<a@1>", "<b@2 x=1 & 2>", "t <3", "</@2>", "</@3>"])
    }

    @Test func chunkBoundariesAnywhereGiveTheSameEventsInUTF8AndUTF16() throws {
        let xml = "<?xml version=\"1.0\"?>\n<r>\n<é x=\"ü\">日本語 text</é><e/>\n</r>\n"
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(
            xml.replacingOccurrences(of: "<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .data(using: .utf16LittleEndian)!)
        for data in [Data(xml.utf8), utf16] {
            let whole = try EventRecorder.events(data)
            #expect(whole.contains("日本語 text") && whole.contains("<é@3 x=ü>"))
            for chunk in [1, 2, 3, 5, 64] {
                #expect(try EventRecorder.events(data, chunk: chunk) == whole, "chunks of \(chunk)")
            }
        }
    }

    @Test func anUndeclaredEntityIsAnError() {
        let error = #expect(throws: InputError.self) { try readAll("<a>\n&secret;</a>") }
        #expect(error?.line == 2)
    }

    @Test func externalEntityIsRefusedAndNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-secret-\(UUID()).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>\n<r>&x;</r>"
        let error = #expect(throws: InputError.self) { try readAll(xml) }
        #expect(error?.message.contains("not allowed") == true)
        #expect(throws: InputError.self) { try XMLDocumentParser.parse(Data(xml.utf8), file: "x.xml") }
    }

    @Test func entityLoopIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        #expect(throws: InputError.self) { try readAll(xml) }
        #expect(throws: InputError.self) { try XMLDocumentParser.parse(Data(xml.utf8), file: "x.xml") }
    }

    @Test func truncatedDocumentReportsLine() throws {
        let error = #expect(throws: InputError.self) { try readAll("<a>\n<b>\n<c>text</c>\n") }
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

@Suite struct XMLSchemaTests {
    static let xsd = """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="VPNProfile">
            <xs:complexType><xs:sequence><xs:element name="ProfileName" type="xs:string"/></xs:sequence></xs:complexType>
          </xs:element>
        </xs:schema>
        """

    @Test func validatesAndNamesTheLine() throws {
        let schema = try XMLSchema(xsd: Data(Self.xsd.utf8), name: "profile.xsd")
        #expect(
            try schema.validate(Data("<VPNProfile><ProfileName>x</ProfileName></VPNProfile>".utf8), file: "ok.xml")
                .isEmpty)
        let problems = try schema.validate(Data("<VPNProfile>\n<Wrong/>\n</VPNProfile>".utf8), file: "bad.xml")
        #expect(problems.first?.line == 2)
    }

    @Test func schemaImportsNeverReachTheNetwork() throws {
        // A local listener stands in for "the network": it must see no connection.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        listen(listener, 4)
        let port = UInt16(bigEndian: address.sin_port)
        let xsd = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other">
              <xs:import namespace="urn:other" schemaLocation="http://127.0.0.1:\(port)/other.xsd"/>
              <xs:include schemaLocation="http://127.0.0.1:\(port)/included.xsd"/>
              <xs:element name="VPNProfile" type="xs:string"/>
            </xs:schema>
            """
        _ = try? XMLSchema(xsd: Data(xsd.utf8), name: "remote.xsd")
        var poll = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        #expect(Glibc.poll(&poll, 1, 200) == 0, "the schema parser connected to the listener")
    }
}
