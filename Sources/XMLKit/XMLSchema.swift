import CLibXML2
import Foundation
import InputErrors

/// An XSD schema compiled by libxml2, for validating documents (ProfileXML and the like). Schema
/// includes and imports never reach the network: ``SafeXML`` installs an external entity loader
/// that loads nothing, which libxml2's schema parser honours (it ignores `XML_PARSE_NONET`).
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    private let lock = NSLock()

    /// Compiles the schema text. Errors name the schema's line.
    public init(xsd: Data, name: String) throws {
        SafeXML.initialize()
        let compiled = try xsd.withUnsafeBytes { raw -> xmlSchemaPtr in
            guard let base = raw.baseAddress,
                let context = xmlSchemaNewMemParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(raw.count))
            else { throw InputError(file: name, line: 0, message: "cannot create a schema parser") }
            defer { xmlSchemaFreeParserCtxt(context) }
            let errors = ErrorCollector()
            xmlSchemaSetParserStructuredErrors(context, ErrorCollector.callback, errors.context)
            guard let schema = xmlSchemaParse(context) else {
                throw InputError(file: name, line: errors.line, message: errors.message ?? "invalid schema")
            }
            return schema
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a document (its original bytes); returns the problems, empty when valid.
    public func validate(_ document: Data, file: String) throws -> [InputError] {
        lock.lock()
        defer { lock.unlock() }
        guard let context = xmlNewParserCtxt() else {
            throw InputError(file: file, line: 0, message: "cannot create an XML parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let doc = document.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return xmlCtxtReadMemory(
                context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), file, nil, SafeXML.parseOptions)
        }
        guard let doc else { throw InputError(file: file, line: 0, message: "malformed XML") }
        defer { xmlFreeDoc(doc) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            throw InputError(file: file, line: 0, message: "cannot validate")
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let collector = ProblemCollector(file: file)
        xmlSchemaSetValidStructuredErrors(
            validation, ProblemCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
        _ = xmlSchemaValidateDoc(validation, doc)
        return collector.problems
    }
}

/// Collects every validation problem (not only the first).
private final class ProblemCollector {
    let file: String
    var problems: [InputError] = []
    init(file: String) { self.file = file }

    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
        let message =
            error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? "invalid"
        collector.problems.append(InputError(file: collector.file, line: Int(error.pointee.line), message: message))
    }
}
