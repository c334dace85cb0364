import Foundation
import XMLKit

/// Reads a PowerShell CLIXML document (`Export-Clixml`) one top-level object at a time, on the
/// streaming XML reader. Handles Obj, TN/TNRef, Ref, Props and MS, LST/IE/STK/QUE/DCT, every
/// primitive tag, `_xHHHH_` escapes and SecureStrings (whose content is dropped).
struct CliXmlReader {
    static let namespace = "http://schemas.microsoft.com/powershell/2004/04"

    private let reader: XMLStreamReader
    /// Element names by the reader's name token (see `XMLStreamReader.localNameToken`): one
    /// String per distinct name, not one per element.
    private var names: [UInt: String] = [:]
    private var typeNames: [String: [String]] = [:]
    private var objectsByRefId: [String: PSObject] = [:]
    /// RefIds in the order their objects completed, to forget the oldest beyond `maxRememberedObjects`.
    private var rememberedOrder: [String] = []
    private var forgottenCount = 0
    /// How many completed objects stay resolvable by `<Ref>`. Export-Clixml writes one `Obj` per
    /// instance and Refs mostly point at repeated metadata (`__ClassMetadata`); remembering every
    /// object would make memory grow with the file. A Ref to a forgotten object reads as null and
    /// is counted (see `forgottenReferences`).
    static let maxRememberedObjects = 10_000
    /// Refs that named an object already forgotten.
    private(set) var forgottenReferences = 0
    /// Objects whose end tag has not been read yet: a Ref to one of them is a cycle.
    private var openRefIds: Set<String> = []
    /// Lines where a SecureString was found.
    private(set) var secureStringLines: [Int] = []

    /// How many completed objects this reader keeps resolvable (see `maxRememberedObjects`).
    private let rememberLimit: Int

    init(reader: XMLStreamReader, rememberLimit: Int = CliXmlReader.maxRememberedObjects) {
        self.reader = reader
        self.rememberLimit = rememberLimit
    }

    private var file: String { reader.file }

    /// The local name of the current element.
    private mutating func name() -> String {
        let token = reader.localNameToken
        if let known = names[token] { return known }
        let name = reader.localName
        if token != 0 { names[token] = name }
        return name
    }

    /// Reads the document and hands each top-level value (with its line) to `handle`.
    mutating func readDocument(_ handle: (PSValue, Int) throws -> Void) throws {
        guard try nextElement(), name() == "Objs" else {
            throw ImportError(file: file, line: reader.line, message: "not a CLIXML document: the root element must be <Objs>")
        }
        if reader.isEmptyElement { try drain(); return }
        let depth = reader.depth
        while try reader.read() {
            switch reader.kind {
            case .element:
                let line = reader.line
                try handle(try parseValue(), line)
            case .endElement where reader.depth == depth:
                try drain()
                return
            case .text:
                throw ImportError(file: file, line: reader.line, message: "unexpected text directly inside <Objs>")
            default: continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends before </Objs>")
    }

    /// Reads past the end of the document, so trailing garbage is reported.
    private func drain() throws { while try reader.read() {} }

    private func nextElement() throws -> Bool {
        while try reader.read() {
            switch reader.kind {
            case .element: return true
            case .text: throw ImportError(file: file, line: reader.line, message: "text before the root element")
            default: continue
            }
        }
        return false
    }

    private static let textTags: Set<String> = [
        "S", "C", "DT", "TS", "By", "SB", "U16", "I16", "U32", "I32", "U64", "I64", "Sg", "Db", "D",
        "G", "URI", "Version", "SemanticVersion", "XD", "SBK", "PR",
    ]

    /// Parses the element the reader is on, through its end tag.
    private mutating func parseValue() throws -> PSValue {
        let tag = name()
        switch tag {
        case "Nil":
            try skipSubtree()
            return .null
        case "B":
            let text = try readText().trimmedWhitespace
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw ImportError(file: file, line: reader.line, message: "<B> holds '\(text)', not true or false")
            }
        case "SS":
            secureStringLines.append(reader.line)
            _ = try readText()
            return .secureString
        case "BA":
            let text = try readText()
            return .bytes(count: text.filter { !$0.isWhitespace }.count * 3 / 4)
        case "Obj":
            return .object(try parseObject())
        case "Ref":
            let line = reader.line
            let id = reader.attribute("RefId") ?? ""
            try skipSubtree()
            if openRefIds.contains(id) { return .null }  // a cycle back to an enclosing object: broken here
            if objectsByRefId[id] == nil, forgottenCount > 0 {
                // Once objects have been forgotten, an unknown id is most likely one of them.
                forgottenReferences += 1
                return .null
            }
            guard let object = objectsByRefId[id] else {
                throw ImportError(file: file, line: line, message: "<Ref RefId=\"\(id)\"> names no earlier object")
            }
            return .object(object)
        case _ where Self.textTags.contains(tag):
            let text = try readText()
            return .scalar(tag: tag, text: tag == "S" || tag == "C" ? CliXmlEscaping.decode(text) : text)
        default:
            try skipSubtree()
            return .scalar(tag: tag, text: "")
        }
    }

    private mutating func parseObject() throws -> PSObject {
        let object = PSObject(line: reader.line)
        // A <Ref> may only name an object that is complete (Export-Clixml writes Refs to earlier
        // objects), so an object is registered at its end tag: no reference cycles, no recursion.
        let refId = reader.attribute("RefId")
        if let refId { openRefIds.insert(refId) }
        defer { if let refId { openRefIds.remove(refId) } }
        if reader.isEmptyElement {
            if let refId { remember(object, as: refId) }
            return object
        }
        let depth = reader.depth
        while try reader.read() {
            switch reader.kind {
            case .element:
                switch name() {
                case "TN":
                    let id = reader.attribute("RefId")
                    object.typeNames = try readTypeNames()
                    if let id { typeNames[id] = object.typeNames }
                case "TNRef":
                    let id = reader.attribute("RefId") ?? ""
                    let line = reader.line
                    try skipSubtree()
                    guard let names = typeNames[id] else {
                        throw ImportError(file: file, line: line, message: "<TNRef RefId=\"\(id)\"> names no earlier <TN>")
                    }
                    object.typeNames = names
                case "ToString":
                    object.toString = CliXmlEscaping.decode(try readText())
                case "Props", "MS":
                    try readMembers(into: object)
                case "LST", "IE", "STK", "QUE":
                    object.items = try readItems()
                case "DCT":
                    object.dictionary = try readDictionary()
                default:
                    // An enum's value: a primitive, never an object.
                    let value = try parseValue()
                    if value.object == nil { object.primitive = value }
                }
            case .endElement where reader.depth == depth:
                if let refId { remember(object, as: refId) }
                return object
            default:
                continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside <Obj>")
    }

    private mutating func remember(_ object: PSObject, as refId: String) {
        objectsByRefId[refId] = object
        rememberedOrder.append(refId)
        if rememberedOrder.count > rememberLimit * 2 {
            // Forget the oldest half in one go (amortised constant time per object).
            for id in rememberedOrder.prefix(rememberLimit) { objectsByRefId[id] = nil }
            rememberedOrder.removeFirst(rememberLimit)
            forgottenCount += rememberLimit
        }
    }

    private mutating func readMembers(into object: PSObject) throws {
        if reader.isEmptyElement { return }
        let depth = reader.depth
        while try reader.read() {
            switch reader.kind {
            case .element:
                let name = reader.attribute("N").map(CliXmlEscaping.decode)
                let line = reader.line
                let value = try parseValue()
                if let name { object.set(name, value, line: line) }
            case .endElement where reader.depth == depth:
                return
            default:
                continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside a member set")
    }

    private mutating func readItems() throws -> [PSValue] {
        if reader.isEmptyElement { return [] }
        let depth = reader.depth
        var items: [PSValue] = []
        while try reader.read() {
            switch reader.kind {
            case .element: items.append(try parseValue())
            case .endElement where reader.depth == depth: return items
            default: continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside a collection")
    }

    private mutating func readDictionary() throws -> [(key: PSValue, value: PSValue)] {
        if reader.isEmptyElement { return [] }
        let depth = reader.depth
        var entries: [(key: PSValue, value: PSValue)] = []
        while try reader.read() {
            switch reader.kind {
            case .element where name() == "En":
                let entry = PSObject(line: reader.line)
                try readMembers(into: entry)
                entries.append((entry["Key"] ?? .null, entry["Value"] ?? .null))
            case .element:
                try skipSubtree()
            case .endElement where reader.depth == depth:
                return entries
            default:
                continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside a dictionary")
    }

    private mutating func readTypeNames() throws -> [String] {
        if reader.isEmptyElement { return [] }
        let depth = reader.depth
        var typeNames: [String] = []
        while try reader.read() {
            switch reader.kind {
            case .element where name() == "T": typeNames.append(try readText())
            case .element: try skipSubtree()
            case .endElement where reader.depth == depth: return typeNames
            default: continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside <TN>")
    }

    /// The text content of a simple element, through its end tag.
    private func readText() throws -> String {
        if reader.isEmptyElement { return "" }
        let depth = reader.depth
        var text = ""
        while try reader.read() {
            switch reader.kind {
            case .text, .whitespace: text += reader.value
            case .element: try skipSubtree()
            case .endElement where reader.depth == depth: return text
            default: continue
            }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside an element")
    }

    private func skipSubtree() throws {
        if reader.isEmptyElement { return }
        let depth = reader.depth
        while try reader.read() {
            if reader.kind == .endElement && reader.depth == depth { return }
        }
        throw ImportError(file: file, line: reader.line, message: "document ends inside an element")
    }
}
