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
    /// `incomplete`: the document is a draft whose servers are still a plan gap (the plan says so),
    /// so their absence is not reported.
    public static func validate(_ document: Data, file: String, incomplete: Bool = false) throws -> [XMLParseError] {
        let problems = try shared().validate(document, file: file)
        guard problems.isEmpty, !incomplete else { return problems }
        return requiredElements(document, file: file)
    }

    /// What Microsoft's XSD requires and the project's (which lists NativeProfile's children as a
    /// repeatable choice, in any order) cannot say: a NativeProfile names its Servers.
    static func requiredElements(_ document: Data, file: String) -> [XMLParseError] {
        guard let root = try? XMLDocumentParser.parse(document, file: file), root.name == "VPNProfile",
              let native = root.child("NativeProfile") else { return [] }
        let servers = native.children(named: "Servers").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard servers.allSatisfy(\.isEmpty) else { return [] }
        return [XMLParseError(file: file, line: native.line,
                              message: "Element 'NativeProfile': Servers is missing or empty; Microsoft's ProfileXML schema requires NativeProfile/Servers (the VPN server names clients connect to).")]
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
