/// Problems with the database itself (not with the input).
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file was written by a newer aovpn-advisor whose schema this version does not know.
    case newerSchema(unknownMigrations: [String], known: [String])

    public var description: String {
        switch self {
        case .newerSchema(let unknown, let known):
            "the database was written by a newer aovpn-advisor (schema migrations \(unknown.joined(separator: ", ")) are unknown to this version, which knows \(known.joined(separator: ", "))); use that version or a new --db file"
        }
    }
}
