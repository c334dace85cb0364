import Foundation
import InputErrors
import XMLKit

/// The project's ProfileXML (VPNv2 CSP) schema, compiled once. See `Resources/ProfileXML.xsd` and
/// Docs/formats/profilexml.md for what it covers and why Microsoft's published XSD is not used.
public enum ProfileXMLSchema {
    /// The schema text.
    public static var xsd: Data {
        get throws {
            guard let url = Bundle.module.url(forResource: "ProfileXML", withExtension: "xsd") else {
                throw InputError(
                    file: "ProfileXML.xsd", line: 0, message: "the ProfileXML schema is missing from the installation")
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
    public static func validate(_ document: Data, file: String, incomplete: Bool = false) throws -> [InputError] {
        let problems = try shared().validate(document, file: file).map(explained)
        guard problems.isEmpty, !incomplete else { return problems }
        return requiredElements(document, file: file)
    }

    /// Where each element of the VPNv2 CSP belongs, so that "not expected" says where to move it.
    static let placement: [String: String] = {
        var table: [String: String] = [:]
        for name in [
            "AlwaysOn", "DeviceTunnel", "DnsSuffix", "TrustedNetworkDetection", "RegisterDNS", "Proxy", "Route",
            "DomainNameInformation", "TrafficFilter", "EdpModeId", "RememberCredentials", "LockDown", "NativeProfile",
            "DisableAdvancedOptionsEditButton", "DisableDisconnectButton", "DisableIKEv2Fragmentation",
            "NetworkOutageTime",
            "IPv4InterfaceMetric", "IPv6InterfaceMetric", "UseRasCredentials", "DataEncryption", "PrivateNetwork",
        ] {
            table[name] = "VPNProfile"
        }
        for name in [
            "Servers", "RoutingPolicyType", "NativeProtocolType", "ProtocolList", "L2tpPsk",
            "DisableClassBasedDefaultRoute",
            "PlumbIKEv2TSAsRoutes", "CryptographySuite", "Authentication",
        ] {
            table[name] = "VPNProfile/NativeProfile"
        }
        for name in ["UserMethod", "MachineMethod", "Eap"] { table[name] = "VPNProfile/NativeProfile/Authentication" }
        for name in [
            "AuthenticationTransformConstants", "CipherTransformConstants", "PfsGroup", "DHGroup",
            "IntegrityCheckMethod",
            "EncryptionMethod",
        ] {
            table[name] = "VPNProfile/NativeProfile/CryptographySuite"
        }
        for name in ["Address", "PrefixSize", "ExclusionRoute", "Metric"] { table[name] = "VPNProfile/Route" }
        for name in ["DomainName", "DnsServers", "WebProxyServers", "AutoTrigger", "Persistent"] {
            table[name] = "VPNProfile/DomainNameInformation"
        }
        return table
    }()

    /// libxml2's message with what the VPNv2 CSP expects: where a misplaced element belongs.
    static func explained(_ problem: InputError) -> InputError {
        guard problem.message.contains("This element is not expected"),
            let start = problem.message.range(of: "Element '"),
            let end = problem.message[start.upperBound...].firstIndex(of: "'")
        else { return problem }
        let name = String(problem.message[start.upperBound..<end])
        var explained = problem
        if let parent = placement[name] {
            explained.message += " \(name) belongs directly under \(parent) (VPNv2 CSP)."
        } else if let nearest = placement.keys.min(by: { distance($0, name) < distance($1, name) }),
            distance(nearest, name) <= 2
        {
            explained.message +=
                " No VPNv2 CSP element is named \(name); did you mean \(nearest) (under \(placement[nearest] ?? ""))?"
        }
        return explained
    }

    /// Levenshtein distance, case-insensitive (element names are short).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// What Microsoft's XSD requires and the project's (which lists NativeProfile's children as a
    /// repeatable choice, in any order) cannot say: a NativeProfile names its Servers.
    static func requiredElements(_ document: Data, file: String) -> [InputError] {
        guard let root = try? XMLDocumentParser.parse(document, file: file), root.name == "VPNProfile",
            let native = root.child("NativeProfile")
        else { return [] }
        let servers = native.children(named: "Servers").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard servers.allSatisfy(\.isEmpty) else { return [] }
        return [
            InputError(
                file: file, line: native.line,
                message:
                    "Element 'NativeProfile': Servers is missing or empty; Microsoft's ProfileXML schema requires NativeProfile/Servers (the VPN server names clients connect to)."
            )
        ]
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
