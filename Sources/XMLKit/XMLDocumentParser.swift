import CLibXML2
import Foundation
import InputErrors

/// Parses a whole document into an ``XMLElement`` tree (DOM), with the options of ``SafeXML``.
/// Use it for small documents such as ProfileXML; use ``XMLEventParser`` for exports.
public enum XMLDocumentParser {
    /// Parses `data` (the file's original bytes; the encoding is taken from the BOM or declaration).
    public static func parse(_ data: Data, file: String) throws -> XMLElement {
        SafeXML.initialize()
        guard let context = xmlNewParserCtxt() else {
            throw InputError(file: file, line: 0, message: "cannot create an XML parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let errors = ErrorCollector()
        xmlSetStructuredErrorFunc(errors.context, ErrorCollector.callback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let document = data.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress, raw.count < Int(Int32.max) else { return nil }
            return xmlCtxtReadMemory(
                context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count),
                file, nil, SafeXML.parseOptions)
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            let last = context.pointee.lastError
            let message =
                errors.message ?? last.message.map { String(cString: $0) }
                ?? "malformed XML"
            throw InputError(
                file: file, line: errors.message != nil ? errors.line : Int(last.line),
                message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            throw InputError(
                file: file, line: 1,
                message: "document type declarations and entities are not allowed in exports")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw InputError(file: file, line: 0, message: "document has no root element")
        }
        return convert(root)
    }

    private static func convert(_ node: xmlNodePtr) -> XMLElement {
        var element = XMLElement(
            name: String(cString: node.pointee.name),
            namespaceURI: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            line: Int(xmlGetLineNo(node)))
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            if let raw = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                element.attributes[name] = String(cString: raw)
                clibxml2_free(raw)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(convert(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }
}
