import CLibXML2
import Foundation

/// A forward-only, streaming XML reader over libxml2's `xmlTextReader`, with the safe options of
/// ``SafeXML``. Memory stays bounded by the depth of the document, not its size, when reading
/// from a file.
///
/// Documents that carry a document type declaration are refused: Windows never writes one in the
/// exports we read, and it is how external entities and entity loops get in.
public final class XMLStreamReader {
    /// The kinds of node the reader stops at.
    public enum NodeKind: Equatable, Sendable {
        case element, endElement, text, whitespace, comment, processingInstruction, other
    }

    private let reader: xmlTextReaderPtr
    private let errors = ErrorCollector()
    private let buffer: UnsafeMutableRawBufferPointer?
    /// The name used in error messages.
    public let file: String

    /// Reads a file from disk, streaming.
    public init(path: String, displayName: String? = nil) throws {
        SafeXML.initialize()
        file = displayName ?? path
        buffer = nil
        guard let reader = xmlReaderForFile(path, nil, SafeXML.parseOptions) else {
            throw XMLParseError(file: file, line: 0, message: "cannot open the file for reading")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.callback, errors.context)
    }

    /// Reads a document held in memory (the bytes exactly as they were in the file).
    public init(data: Data, file: String) throws {
        SafeXML.initialize()
        self.file = file
        guard data.count < Int(Int32.max) else {
            throw XMLParseError(file: file, line: 0, message: "document is larger than 2 GiB")
        }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        _ = data.copyBytes(to: copy.bindMemory(to: UInt8.self))
        buffer = copy
        guard let base = copy.baseAddress,
              let reader = xmlReaderForMemory(base.assumingMemoryBound(to: CChar.self), Int32(data.count),
                                              file, nil, SafeXML.parseOptions)
        else {
            copy.deallocate()
            throw XMLParseError(file: file, line: 0, message: "cannot create an XML reader")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.callback, errors.context)
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer?.deallocate()
    }

    /// Moves to the next node. Returns false at the end of the document; throws on any error.
    public func read() throws -> Bool {
        let status = xmlTextReaderRead(reader)
        if status < 0 || errors.message != nil {
            throw XMLParseError(file: file, line: errors.message == nil ? parserLine : errors.line,
                                message: errors.message ?? "malformed XML")
        }
        if status == 0 { return false }
        let type = xmlTextReaderNodeType(reader)
        if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
            || type == Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
            || type == Int32(XML_READER_TYPE_ENTITY.rawValue) {
            throw XMLParseError(file: file, line: line,
                                message: "document type declarations and entities are not allowed in exports")
        }
        return true
    }

    /// The kind of the current node.
    public var kind: NodeKind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): return .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): return .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue): return .text
        case Int32(XML_READER_TYPE_WHITESPACE.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue): return .whitespace
        case Int32(XML_READER_TYPE_COMMENT.rawValue): return .comment
        case Int32(XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue): return .processingInstruction
        default: return .other
        }
    }

    /// The local name of the current element (without prefix).
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map(Self.string) ?? ""
    }

    /// An identity of the current node's local name, stable for this reader: libxml2 keeps names
    /// in the reader's dictionary, so equal names have equal tokens. Lets a caller map names it
    /// has seen before without building a String per node.
    public var localNameToken: UInt {
        UInt(bitPattern: xmlTextReaderConstLocalName(reader))
    }

    /// libxml2 hands out valid UTF-8, so decoding skips String(cString:)'s slower validation path.
    private static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))), as: UTF8.self)
    }

    /// The namespace URI of the current node, if any.
    public var namespaceURI: String? {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
    }

    /// True for `<X/>`: no end element will follow.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Text of a text node.
    public var value: String {
        xmlTextReaderConstValue(reader).map(Self.string) ?? ""
    }

    /// An attribute of the current element, by (unprefixed) name.
    public func attribute(_ name: String) -> String? {
        guard let raw = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { clibxml2_free(raw) }
        return Self.string(raw)
    }

    /// The line of the current node (1-based), or where the parser is when there is no node.
    public var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = Int(xmlGetLineNo(node))
            if line > 0 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The line the parser has read up to (for errors).
    var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
}
