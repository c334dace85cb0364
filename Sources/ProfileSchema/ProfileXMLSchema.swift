import Foundation
import XMLKit

/// The project's ProfileXML (VPNv2 CSP) schema, compiled once. See `Resources/ProfileXML.xsd` and
/// Docs/formats/profilexml.md for what it covers and why Microsoft's published XSD is not used.
public enum ProfileXMLSchema {
    /// The schema text.
    public static var xsd: Data {
        get throws {
            guard let url = Bundle.module.url(forResource: "ProfileXML", withExtension: "xsd") else {
                throw XMLParseError(file: "ProfileXML.xsd", line: 0, message: "the ProfileXML schema is missing from the installation")
            }
            return try Data(contentsOf: url)
        }
    }

    /// The compiled schema (compiled on first use).
    public static func shared() throws -> XMLSchema {
        try cache.schema()
    }

    /// Validates a ProfileXML document; returns the problems (file, line, message), empty when valid.
    public static func validate(_ document: Data, file: String) throws -> [XMLParseError] {
        try shared().validate(document, file: file)
    }

    private static let cache = SchemaCache()
}

/// Compiles the schema once, under a lock.
private final class SchemaCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: XMLSchema?

    func schema() throws -> XMLSchema {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let schema = try XMLSchema(xsd: try ProfileXMLSchema.xsd, name: "ProfileXML.xsd")
        compiled = schema
        return schema
    }
}
