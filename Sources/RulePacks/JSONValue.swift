import EstateModel
import Foundation
import Yams

/// A JSON value as rule packs see the estate: decoded strictly (a boolean is never a number).
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Any `Encodable` value (the estate) as JSON, built directly by ``JSONValueEncoder``.
    public static func from<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }

    /// An `Evidence` object (`file`, `location`, `value`) read directly.
    var evidence: Evidence? {
        guard let object, let file = object["file"]?.string, let location = object["location"]?.string else {
            return nil
        }
        return Evidence(file: file, location: location, value: object["value"]?.text ?? "")
    }

    /// A YAML node (rule pack examples) as JSON.
    public static func from(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = from(value) }
            return .object(object)
        case .sequence(let sequence): return .array(sequence.map(from))
        case .scalar, .alias:
            if node.null != nil { return .null }
            if let value = node.bool { return .bool(value) }
            if let value = node.int { return .number(Double(value)) }
            if let value = node.float { return .number(value) }
            return .string(node.string ?? "")
        }
    }

    public var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    public var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    public var string: String? { if case .string(let value) = self { value } else { nil } }

    /// The value as text (templates, messages).
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value): value
        case .array(let values): values.map(\.text).joined(separator: ", ")
        case .object: "(object)"
        }
    }

    /// The JSON type name, for Docs/model.md.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array(let values): "list of " + (values.first?.typeName ?? "string")
        case .object: "object"
        }
    }

    /// A fact is an object with exactly `value` and `evidence`.
    public var isFact: Bool {
        guard let object else { return false }
        return Set(object.keys) == ["value", "evidence"]
    }
}
