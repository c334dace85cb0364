/// Where a fact came from: the file (relative to the bundle), the place inside it, and the value
/// exactly as it was written there.
public struct Evidence: Codable, Hashable, Sendable {
    /// Path of the file relative to the imported bundle (or the file name for a single file).
    public var file: String
    /// Location inside the file: `line 12`, or an object path such as `Obj[3].Props.DHGroup (line 40)`.
    public var location: String
    /// The original value as written in the export (secrets are never kept: see ``Secret``).
    public var value: String

    public init(file: String, location: String, value: String) {
        self.file = file
        self.location = location
        self.value = value
    }
}

/// A value together with the evidence that supports it.
public struct Fact<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var value: Value
    public var evidence: Evidence

    public init(_ value: Value, _ evidence: Evidence) {
        self.value = value
        self.evidence = evidence
    }

    /// The same evidence with a derived value.
    public func map<T>(_ transform: (Value) -> T) -> Fact<T> { Fact<T>(transform(value), evidence) }
}
