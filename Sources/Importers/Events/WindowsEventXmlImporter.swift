import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Reads Windows events as `wevtutil qe LOG /q:… /f:xml` (or `/f:RenderedXml`) writes them:
/// `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>` elements back to back,
/// with no root and no declaration, in UTF-8 or (through a PowerShell redirection) UTF-16LE with
/// BOM; also one event per line as `Get-WinEvent … | ForEach-Object { $_.ToXml() }` prints them,
/// or under any root element. The events of VPN connection attempts become ``VpnEvent``s (see
/// ``WindowsEventMapping``); other providers' events are counted as not read.
enum WindowsEventXmlImporter: Importer {
    static let format = ExportFormat.windowsEventXml
    static let eventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event"

    static func recognises(_ head: FileHead) -> Bool {
        guard head.isMarkup else { return false }
        let start = head.start
        return start.contains(eventNamespace)
            && (start.hasPrefix("<Event ") || start.hasPrefix("<Event>")
                || start.hasPrefix("<?xml") || start.hasPrefix("<Events"))
            && start.contains("<System>")
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        // Events back to back are not one XML document: drop declarations, wrap them in one root.
        // The wrapper adds no line before the first event, so lines in errors stay the file's.
        var body = text
        while let declaration = body.range(of: "<?xml"),
            let end = body.range(of: "?>", range: declaration.upperBound..<body.endIndex)
        {
            body.replaceSubrange(declaration.lowerBound..<end.upperBound, with: "")
        }
        let wrapped = "<aovpnEvents>" + body + "</aovpnEvents>"
        let root = try XMLDocumentParser.parse(Data(wrapped.utf8), file: file.path)
        var events: [XMLElement] = []
        func collect(_ element: XMLElement) {
            if element.name == "Event" && element.namespaceURI == eventNamespace {
                events.append(element)
            } else {
                element.children.forEach(collect)
            }
        }
        collect(root)
        guard !events.isEmpty else {
            throw InputError(file: file.path, line: 1, message: "no Event element in \(eventNamespace)")
        }
        var mapping = WindowsEventMapping(file: file.path, keepUserNames: context.keepUserNames)
        for event in events {
            try mapping.add(try record(event, file: file.path))
        }
        let (estate, counts) = mapping.finished
        return FileImport(file: file, format: format, estate: estate, objectCounts: counts)
    }

    /// The parts of one `Event` element the mapping reads.
    static func record(_ event: XMLElement, file: String) throws -> WindowsEventRecord {
        func text(_ element: XMLElement?) -> String { (element?.text ?? "").trimmedWhitespace }
        guard let system = event.child("System") else {
            throw InputError(file: file, line: event.line, message: "an Event without its System element")
        }
        let rawId = text(system.child("EventID"))
        guard let id = Int(rawId) else {
            throw InputError(
                file: file, line: system.child("EventID")?.line ?? system.line,
                message: "EventID is '\(rawId)', not a number")
        }
        let data = (event.child("EventData")?.children(named: "Data") ?? []).map {
            WindowsEventRecord.Datum(name: $0.attributes["Name"], value: $0.text.trimmedWhitespace)
        }
        // UserData (manifest providers that log a structure) has no Data elements: its leaves.
        var userData: [WindowsEventRecord.Datum] = []
        func leaves(_ element: XMLElement) {
            if element.children.isEmpty {
                userData.append(.init(name: element.name, value: element.text.trimmedWhitespace))
            } else {
                element.children.forEach(leaves)
            }
        }
        event.child("UserData").map { $0.children.forEach(leaves) }
        return WindowsEventRecord(
            provider: system.child("Provider")?.attributes["Name"] ?? "",
            eventId: id, recordId: Int(text(system.child("EventRecordID"))),
            time: system.child("TimeCreated")?.attributes["SystemTime"] ?? "",
            computer: text(system.child("Computer")), channel: text(system.child("Channel")),
            data: data + userData, message: event.child("RenderingInfo").map { text($0.child("Message")) },
            line: event.line)
    }
}
