/// An element of a parsed document, as plain values (the libxml2 document is freed after parsing).
public struct XMLElement: Sendable, Equatable {
    /// Local name, without prefix.
    public var name: String
    /// Namespace URI, if any.
    public var namespaceURI: String?
    /// Attributes by local name.
    public var attributes: [String: String]
    /// Child elements in document order.
    public var children: [XMLElement]
    /// Concatenated text directly inside this element.
    public var text: String
    /// Line of the start tag.
    public var line: Int

    public init(
        name: String, namespaceURI: String? = nil, attributes: [String: String] = [:],
        children: [XMLElement] = [], text: String = "", line: Int = 0
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// All child elements with this local name.
    public func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }
}
