/// A value deserialised from CLIXML (MS-PSRP serialisation), kept close to the wire format.
enum PSValue {
    case null
    /// S, C, DT, TS, G, URI, Version, XD, SBK and the numeric tags, as their text.
    case scalar(tag: String, text: String)
    case bool(Bool)
    /// BA: the length, and the Base64 text when at most ``maxKeptBase64`` characters (an
    /// `X509Certificate2`'s `RawData`, read for its DER; larger blobs are not needed).
    case bytes(count: Int, base64: String?)
    /// SS: a SecureString. Its ciphertext is never kept.
    case secureString
    case object(PSObject)
    case list([PSValue])
    case dictionary([(key: PSValue, value: PSValue)])

    /// The largest `BA` whose Base64 text is kept (64 KiB: far above any real certificate).
    static let maxKeptBase64 = 65_536

    /// The value as text: scalars as written, enums by their ToString, booleans as true/false.
    var text: String? {
        switch self {
        case .scalar(_, let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .object(let object):
            if let toString = object.toString { return toString }
            if let inner = object.primitive { return inner.text }
            return nil
        default: return nil
        }
    }

    /// A list of texts: an LST/IE of strings, an object wrapping one, or a single scalar.
    var texts: [String] {
        switch self {
        case .list(let items): return items.compactMap(\.text)
        case .object(let object) where object.items != nil: return object.items?.compactMap(\.text) ?? []
        case .null: return []
        default: return text.map { [$0] } ?? []
        }
    }

    var object: PSObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The objects of a list (or the object itself).
    var objects: [PSObject] {
        switch self {
        case .object(let object):
            if let items = object.items { return items.compactMap(\.object) }
            return [object]
        case .list(let items): return items.compactMap(\.object)
        default: return []
        }
    }
}

/// An `Obj`: type names, ToString, adapted (Props) and extended (MS) properties, collections.
/// Built and read on one thread, one access at a time: the hot properties skip the dynamic
/// exclusivity checks (`@exclusivity(unchecked)`), which otherwise cost a tenth of an import.
final class PSObject {
    @exclusivity(unchecked) var typeNames: [String] = []
    @exclusivity(unchecked) var toString: String?
    /// Props and MS in document order, with the line each was read at. Looked up by name,
    /// case-insensitively (CIM names are), the last of a name winning. A list, not a dictionary:
    /// objects have a few dozen members, and most objects of a large export are read once.
    @exclusivity(unchecked) private var properties: [(name: MemberName, value: PSValue, line: Int)] = []
    /// LST / IE / STK / QUE content.
    @exclusivity(unchecked) var items: [PSValue]?
    /// DCT content.
    @exclusivity(unchecked) var dictionary: [(key: PSValue, value: PSValue)]?
    /// A primitive inside an enum object (`<I32>3</I32>`).
    @exclusivity(unchecked) var primitive: PSValue?
    /// Line of the `<Obj>` start tag.
    var line: Int

    init(line: Int) { self.line = line }

    func set(_ name: String, _ value: PSValue, line: Int) {
        if properties.isEmpty { properties.reserveCapacity(16) }  // one allocation for most objects
        properties.append((MemberName(name), value, line))
    }

    private func entry(_ name: String) -> (value: PSValue, line: Int)? {
        let key = MemberName(name)
        guard let found = properties.last(where: { $0.name == key }) else { return nil }
        return (found.value, found.line)
    }

    /// A property by name, compared case-insensitively (CIM names are case-insensitive).
    subscript(_ name: String) -> PSValue? { entry(name)?.value }

    /// The line a property was read at.
    func line(of name: String) -> Int { entry(name)?.line ?? line }

    /// The CIM class name (`DAServer`), from a type name such as
    /// `Deserialized.Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/DAServer`,
    /// with or without namespace; nil for a non-CIM object.
    var cimClassName: String? { Self.cimClassName(of: typeNames) }

    /// The CIM class name in a list of type names (see ``cimClassName``).
    static func cimClassName(of typeNames: [String]) -> String? {
        for name in typeNames {
            let candidate = PSObject.strippingDeserialized(name)
            guard candidate.lowercased().hasPrefix("microsoft.management.infrastructure.ciminstance#"),
                let hash = candidate.firstIndex(of: "#")
            else { continue }
            let path = candidate[candidate.index(after: hash)...]
            if let last = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last { return String(last) }
        }
        return nil
    }

    /// The most derived type name without the `Deserialized.` prefix.
    var primaryTypeName: String {
        typeNames.first.map(PSObject.strippingDeserialized) ?? toString ?? "(untyped object)"
    }

    static func strippingDeserialized(_ name: String) -> String {
        name.lowercased().hasPrefix("deserialized.") ? String(name.dropFirst("deserialized.".count)) : name
    }
}

/// A member name compared ignoring ASCII case, without building a lower-cased copy (CIM
/// property names are ASCII; this runs for every property looked up in an export).
struct MemberName: Equatable {
    let name: String

    init(_ name: String) { self.name = name }

    private static func folded(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    static func == (lhs: MemberName, rhs: MemberName) -> Bool {
        let left = lhs.name.utf8
        let right = rhs.name.utf8
        guard left.count == right.count else { return false }
        let compared = left.withContiguousStorageIfAvailable { a in
            right.withContiguousStorageIfAvailable { b in
                for index in 0..<a.count where folded(a[index]) != folded(b[index]) { return false }
                return true
            }
        }
        return (compared ?? nil) ?? zip(left, right).allSatisfy { folded($0) == folded($1) }
    }
}
