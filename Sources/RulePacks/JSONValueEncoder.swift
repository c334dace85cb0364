/// Encodes any `Encodable` value straight into a ``JSONValue`` tree, with the shapes
/// `JSONEncoder` gives (objects for keyed containers, arrays for unkeyed ones, absent optionals
/// left out), without writing and re-parsing JSON text. Rule packs read every server of the
/// estate this way on each assessment. `Date`, `URL`, `Data` and `Decimal` get their own
/// `Codable` forms, not `JSONEncoder`'s special strategies: the estate model has none of them (a
/// test compares the two encoders on a model with every field set).
enum JSONValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let node = Node()
        try value.encode(to: NodeEncoder(node: node, codingPath: []))
        return node.value
    }

    /// A value being built: a scalar, an object or an array.
    final class Node {
        var scalar: JSONValue?
        var object: [String: Node]?
        var array: [Node]?

        var value: JSONValue {
            if let object { return .object(object.mapValues(\.value)) }
            if let array { return .array(array.map(\.value)) }
            return scalar ?? .object([:])
        }

        func child(_ key: String) -> Node {
            if object == nil { object = [:] }
            if let existing = object![key] { return existing }
            let node = Node()
            object![key] = node
            return node
        }

        func appended() -> Node {
            if array == nil { array = [] }
            let node = Node()
            array!.append(node)
            return node
        }
    }

    struct NodeEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.object == nil { node.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if node.array == nil { node.array = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    static func scalar<T: Encodable>(_ value: T, into node: Node, codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: node.scalar = .string(text)
        case let flag as Bool: node.scalar = .bool(flag)
        case let number as Int: node.scalar = .number(Double(number))
        case let number as Double: node.scalar = .number(number)
        default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).scalar = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .bool(value)
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .string(value)
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(value)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: Int8, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: Int16, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: Int32, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: UInt, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: UInt8, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: UInt16, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: UInt32, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode(_ value: UInt64, forKey key: Key) throws {
            node.child(key.stringValue).scalar = .number(Double(value))
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try JSONValueEncoder.scalar(value, into: node.child(key.stringValue), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type,
            forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int { node.array?.count ?? 0 }

        mutating func encodeNil() throws { node.appended().scalar = .null }
        mutating func encode(_ value: Bool) throws { node.appended().scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.appended().scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.appended().scalar = .number(value) }
        mutating func encode(_ value: Int) throws { node.appended().scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONValueEncoder.scalar(value, into: node.appended(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
            NestedKey
        > {
            NodeEncoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.appended(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appended(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.scalar = .null }
        mutating func encode(_ value: Bool) throws { node.scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.scalar = .number(value) }
        mutating func encode(_ value: Int) throws { node.scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONValueEncoder.scalar(value, into: node, codingPath: codingPath)
        }
    }
}
