import EstateModel
import Foundation

/// The entities a declarative rule can match, and the field paths of each, derived from the JSON
/// of ``ModelExemplar`` (so they cannot drift from the model). Docs/model.md is generated from it.
public enum RuleEntity: String, CaseIterable, Sendable {
    case servers, nrptRules, radiusServers, loadBalancers, listeners, clientProfiles, certificates

    /// What one entity is, for Docs/model.md.
    public var summary: String {
        switch self {
        case .servers: "each DirectAccess or RRAS server (Server); findings name the server"
        case .nrptRules: "each NRPT rule of each server (servers[].directAccess.nrptRules[]); findings name the server"
        case .radiusServers:
            "each RADIUS server of each RRAS server (servers[].vpn.radiusServers[]); findings name the server"
        case .loadBalancers: "each load balancer (LoadBalancer); findings name it"
        case .listeners:
            "each virtual service of each load balancer (loadBalancers[].listeners[]); findings name the load balancer and virtual service"
        case .clientProfiles:
            "each client profile (ClientProfile: ProfileXML or Get-VpnConnection); findings name the profile"
        case .certificates:
            "each certificate (MachineCertificate: a server's store or a .cer file); findings name its server (or file) and thumbprint"
        }
    }

    /// The instances in an estate's JSON, each with the scope findings about it are reported under.
    func instances(in estate: [String: JSONValue]) -> [(object: [String: JSONValue], scope: String)] {
        func objects(_ value: JSONValue?) -> [[String: JSONValue]] { value?.array?.compactMap(\.object) ?? [] }
        func serverName(_ server: [String: JSONValue]) -> String {
            server["fqdn"]?.string ?? server["name"]?.string ?? "server"
        }
        switch self {
        case .servers:
            return objects(estate["servers"]).map { ($0, serverName($0)) }
        case .nrptRules:
            return objects(estate["servers"]).flatMap { server in
                objects(server["directAccess"]?.object?["nrptRules"]).map { ($0, serverName(server)) }
            }
        case .radiusServers:
            return objects(estate["servers"]).flatMap { server in
                objects(server["vpn"]?.object?["radiusServers"]).map { ($0, serverName(server)) }
            }
        case .loadBalancers:
            return objects(estate["loadBalancers"]).map { ($0, $0["name"]?.string ?? "load balancer") }
        case .listeners:
            return objects(estate["loadBalancers"]).flatMap { balancer in
                objects(balancer["listeners"]).map { listener in
                    (
                        listener,
                        "\(balancer["name"]?.string ?? "load balancer") \(listener["name"]?.string ?? "") (\(listener["address"]?.string ?? ""))"
                    )
                }
            }
        case .clientProfiles:
            return objects(estate["clientProfiles"]).map { profile in
                let file = profile["evidence"]?.object?["file"]?.string ?? ""
                return (profile, "profile \(profile["name"]?.string ?? "") (\(file))")
            }
        case .certificates:
            return objects(estate["certificates"]).map { certificate in
                let owner = certificate["host"]?.string ?? certificate["evidence"]?.object?["file"]?.string ?? ""
                return (certificate, "certificate \(certificate["thumbprint"]?.string ?? "") (\(owner))")
            }
        }
    }
}

extension RuleEntity {
    /// How many NRPT rules are converted to JSON at a time.
    static let nrptBatch = 1_000

    /// Calls `body` with the instances of an estate in batches: NRPT rules (which may be read a
    /// page at a time from the store) a thousand at a time, every other entity in one batch.
    func forEachBatch(
        of estate: Estate, reading paths: Set<String>,
        _ body: ([(object: [String: JSONValue], scope: String)]) throws -> Void
    ) throws {
        guard self == .nrptRules else { return try body(instances(of: estate, reading: paths)) }
        var batch: [(object: [String: JSONValue], scope: String)] = []
        for server in estate.servers {
            for rule in server.directAccess.nrptRules {
                batch.append((try JSONValue.from(rule).object ?? [:], server.displayName))
                if batch.count >= Self.nrptBatch {
                    try body(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        try body(batch)
    }

    /// The instances of an estate, each converted to JSON on its own; lists no path reads are
    /// emptied first (`directAccess.nrptRules` can hold tens of thousands of rules).
    func instances(of estate: Estate, reading paths: Set<String>) throws -> [(
        object: [String: JSONValue], scope: String
    )] {
        func json<T: Encodable>(_ value: T) throws -> [String: JSONValue] { try JSONValue.from(value).object ?? [:] }
        switch self {
        case .servers:
            let readsNrpt = paths.contains { $0.hasPrefix("directAccess.nrptRules") }
            return try estate.servers.map { server in
                var server = server
                if !readsNrpt { server.directAccess.nrptRules = [] }
                return (try json(server), server.displayName)
            }
        case .nrptRules:
            return try estate.servers.flatMap { server in
                try server.directAccess.nrptRules.map { (try json($0), server.displayName) }
            }
        case .radiusServers:
            return try estate.servers.flatMap { server in
                try server.vpn.radiusServers.map { (try json($0), server.displayName) }
            }
        case .loadBalancers:
            return try estate.loadBalancers.map { (try json($0), $0.name) }
        case .listeners:
            return try estate.loadBalancers.flatMap { balancer in
                try balancer.listeners.map { (try json($0), "\(balancer.name) \($0.name) (\($0.address))") }
            }
        case .clientProfiles:
            return try estate.clientProfiles.map { (try json($0), $0.scope) }
        case .certificates:
            return try estate.certificates.map {
                (try json($0), "certificate \($0.thumbprint) (\($0.host ?? $0.evidence.file))")
            }
        }
    }
}

/// The field paths of each entity, with their JSON type.
public enum ModelSchema {
    /// One field: its dotted path, its type, and whether it is a fact (value with evidence).
    public struct Field: Sendable, Equatable {
        public var path: String
        public var type: String
        public var isFact: Bool
    }

    /// The estate's JSON, as rules see it.
    public static func json(_ estate: Estate) throws -> [String: JSONValue] {
        try JSONValue.from(estate).object ?? [:]
    }

    nonisolated(unsafe) private static var cache: [RuleEntity: [Field]] = [:]
    private static let lock = NSLock()

    /// The fields of `entity`, sorted by path.
    public static func fields(_ entity: RuleEntity) -> [Field] {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[entity] { return cached }
        let root = (try? json(ModelExemplar.estate())) ?? [:]
        var fields: [Field] = []
        if let exemplar = entity.instances(in: root).first?.object { collect(exemplar, prefix: "", into: &fields) }
        fields.sort { $0.path < $1.path }
        cache[entity] = fields
        return fields
    }

    /// Paths that are dictionaries with data-dependent keys, not fields.
    static let dynamicKeys: Set<String> = ["keyEvidence"]

    private static func collect(_ object: [String: JSONValue], prefix: String, into fields: inout [Field]) {
        for (key, value) in object where !dynamicKeys.contains(key) {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch value {
            case .object(let nested) where value.isFact:
                fields.append(Field(path: path, type: nested["value"]?.typeName ?? "string", isFact: true))
            case .object(let nested):
                collect(nested, prefix: path, into: &fields)
            case .array(let list):
                if let first = list.first, first.isFact {
                    fields.append(
                        Field(
                            path: path, type: "list of " + (first.object?["value"]?.typeName ?? "string"), isFact: true)
                    )
                } else if let first = list.first?.object {
                    collect(first, prefix: path, into: &fields)
                } else {
                    fields.append(Field(path: path, type: value.typeName, isFact: false))
                }
            default:
                fields.append(Field(path: path, type: value.typeName, isFact: false))
            }
        }
    }
}
