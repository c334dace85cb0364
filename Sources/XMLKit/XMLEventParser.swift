import CLibXML2
import Foundation
import InputErrors

/// Receives the events of an ``XMLEventParser``. Throwing from a callback stops the parse; the
/// error is rethrown by ``XMLEventParser/feed(_:)`` or ``XMLEventParser/finish()``.
public protocol XMLEventHandler: AnyObject {
    /// An element starts. `name` is valid only during the call.
    func startElement(_ name: XMLEventParser.Name, attributes: XMLEventParser.Attributes, line: Int) throws
    /// The element last started (and not yet ended) ends.
    func endElement(line: Int) throws
    /// Character data (text or CDATA), possibly in several pieces; entities are already replaced.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws
}

/// A push parser over libxml2's SAX2 interface, fed in chunks (so memory stays bounded whatever
/// the document's size) and about twice as fast as libxml2's `xmlTextReader` (which it replaced):
/// no node is built, names arrive interned, text arrives as bytes. The options of ``SafeXML``
/// apply; a document type declaration (how external entities and entity loops get in) is refused
/// as soon as it is seen, and an entity other than the five predefined ones is an error.
public final class XMLEventParser {
    /// An element's local name. libxml2 interns names in the parser's dictionary, so ``token`` is
    /// equal for equal names during one parse: a handler can map names it has seen without
    /// building a String for every element.
    public struct Name {
        let pointer: UnsafePointer<xmlChar>
        /// Equal for equal names within one parse.
        public var token: UInt { UInt(bitPattern: pointer) }
        /// The name as a String.
        public var string: String { String(cString: pointer) }
    }

    /// The attributes of a start tag (valid only during ``XMLEventHandler/startElement(_:attributes:line:)``).
    public struct Attributes {
        let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        let count: Int

        /// The value of the attribute with this local name, or nil.
        public func value(_ name: StaticString) -> String? {
            guard let bytes = bytes(name) else { return nil }
            let value = String(decoding: bytes, as: UTF8.self)
            // Without entity substitution libxml2 hands over an ampersand (written `&amp;`
            // or `&#38;`) as `&#38;`, for a tree builder to decode; nothing else is left encoded.
            return value.utf8.contains(UInt8(ascii: "&")) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
        }

        /// The UTF-8 bytes of the attribute with this local name as libxml2 hands them over (an
        /// ampersand still written `&#38;`), valid only during the call; nil when it is absent.
        /// For a handler that compares a value without building a String.
        public func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            guard let base else { return nil }
            for index in 0..<count {
                let field = base + index * 5
                guard let localName = field[0], let start = field[3], let end = field[4] else { continue }
                if strcmp(
                    UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self),
                    UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
                {
                    return UnsafeBufferPointer(start: start, count: start.distance(to: end))
                }
            }
            return nil
        }
    }

    /// The name used in error messages.
    public let file: String
    private let handler: any XMLEventHandler
    private var context: xmlParserCtxtPtr?
    /// Elements open now. libxml2 does not apply its own depth limit to a push parser with these
    /// handlers, so the parser does: deeper input is refused (no real export nests past ~10).
    private var depth = 0
    /// libxml2's own default limit, far above any real export.
    public static let maxDepth = 256
    private var handlerError: (any Error)?
    private var libraryError: (message: String, line: Int)?
    private var sax = xmlSAXHandler()
    /// The first bytes, kept until there are four: libxml2 detects the encoding from them.
    private var head = Data()

    public init(file: String, handler: any XMLEventHandler) {
        SafeXML.initialize()
        self.file = file
        self.handler = handler
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { user, localName, _, _, _, _, attributeCount, _, attributes in
            guard let user, let localName else { return }
            let parser = Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue()
            parser.depth += 1
            guard parser.depth <= XMLEventParser.maxDepth else {
                parser.refuse("elements nested more than \(XMLEventParser.maxDepth) levels deep")
                return
            }
            parser.run { handler, line in
                try handler.startElement(
                    Name(pointer: localName),
                    attributes: Attributes(base: attributes, count: Int(attributeCount)), line: line)
            }
        }
        sax.endElementNs = { user, _, _, _ in
            guard let user else { return }
            let parser = Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue()
            parser.depth -= 1
            parser.run { handler, line in try handler.endElement(line: line) }
        }
        let characters: charactersSAXFunc = { user, bytes, length in
            guard let user, let bytes, length > 0 else { return }
            Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue().run { handler, line in
                try handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)), line: line)
            }
        }
        sax.characters = characters
        sax.cdataBlock = characters
        sax.ignorableWhitespace = characters
        let refuse: internalSubsetSAXFunc = { user, _, _, _ in
            guard let user else { return }
            Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue().refuseDocumentType()
        }
        sax.internalSubset = refuse
        sax.externalSubset = refuse
        sax.entityDecl = { user, _, _, _, _, _ in
            guard let user else { return }
            Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue().refuseDocumentType()
        }
        sax.serror = { user, error in
            guard let user, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let parser = Unmanaged<XMLEventParser>.fromOpaque(user).takeUnretainedValue()
            guard parser.libraryError == nil else { return }
            let text = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
            parser.libraryError = (text.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line))
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// The line the parser is on.
    private var line: Int { context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    private func run(_ body: (any XMLEventHandler, Int) throws -> Void) {
        guard handlerError == nil else { return }
        do { try body(handler, line) } catch {
            handlerError = error
            if let context { xmlStopParser(context) }
        }
    }

    private func refuseDocumentType() {
        refuse("document type declarations and entities are not allowed in exports")
    }

    /// Stops the parse with `message` at the current line (the first problem wins).
    private func refuse(_ message: String) {
        guard handlerError == nil else { return }
        handlerError = InputError(file: file, line: line, message: message)
        if let context { xmlStopParser(context) }
    }

    /// Parses the next piece of the document (the file's bytes as they are; the encoding is taken
    /// from the BOM or the declaration).
    public func feed(_ data: Data) throws {
        var data = data
        if context == nil {
            head.append(data)
            guard head.count >= 4 else { return }
            data = head
            head = Data()
        }
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            var offset = 0
            while offset < raw.count {
                // libxml2 takes an Int32 size: feed at most 1 GiB at a time.
                let size = min(raw.count - offset, 1 << 30)
                try parse(base + offset, size, terminate: false)
                offset += size
            }
        }
    }

    /// Ends the document: anything left open is an error.
    public func finish() throws {
        if context == nil, !head.isEmpty {
            try head.withUnsafeBytes { raw in
                try parse(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, terminate: false)
            }
        }
        try parse(nil, 0, terminate: true)
        guard let context, context.pointee.wellFormed != 0 else {
            throw InputError(
                file: file, line: libraryError?.line ?? line, message: libraryError?.message ?? "malformed XML")
        }
    }

    private func parse(_ bytes: UnsafePointer<CChar>?, _ size: Int, terminate: Bool) throws {
        let status: Int32
        if let context {
            status = xmlParseChunk(context, bytes, Int32(size), terminate ? 1 : 0)
        } else {
            // The first bytes (at least 4 when there are) let libxml2 see the encoding.
            let user = Unmanaged.passUnretained(self).toOpaque()
            let head = bytes == nil ? 0 : min(size, 4)
            guard let created = xmlCreatePushParserCtxt(&sax, user, bytes, Int32(head), file) else {
                throw InputError(file: file, line: 0, message: "cannot create an XML parser")
            }
            context = created
            xmlCtxtUseOptions(created, SafeXML.parseOptions)
            status = xmlParseChunk(created, bytes.map { $0 + head }, Int32(size - head), terminate ? 1 : 0)
        }
        if let handlerError { throw handlerError }
        if status != 0 || libraryError != nil {
            throw InputError(
                file: file, line: libraryError?.line ?? line, message: libraryError?.message ?? "malformed XML")
        }
    }
}
