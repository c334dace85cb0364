import EstateModel
import Foundation
import InputErrors

/// Imports a Citrix ADC (NetScaler) `ns.conf`: one CLI command per line, with quoting. Reads
/// `enable ns mode`, `add server`, `add service`, `add serviceGroup`, `bind serviceGroup`,
/// `add lb vserver`, `bind lb vserver`, `add lb group`, `bind lb group`, `add lb monitor` and
/// `bind lb monitor`. Commands with another verb are listed as not understood.
enum CitrixImporter: Importer {
    static let format = ExportFormat.citrix

    static func recognises(_ head: FileHead) -> Bool { !head.isMarkup && recognises(head.text) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file)
    }

    static func recognises(_ text: String) -> Bool {
        text.range(of: #"(?m)^\s*add (lb vserver|serviceGroup|service|server) \S+"#, options: .regularExpression) != nil
            || text.range(of: #"(?m)^#NS\d"#, options: .regularExpression) != nil
    }

    private struct Service {
        var name: String
        var members: [PoolMember] = []
        var monitors: [String] = []
        var usip: Bool?
        var line: Int
    }

    private struct VServer {
        var name: String
        var address: String
        var port: Int?
        var transport: TransportProtocol
        var persistenceType: String?
        var timeoutMinutes: Int?
        var persistMask: String?
        var lbMethod: String?
        var bound: [String] = []
        var line: Int
        var text: String
    }

    static let knownVerbs: Set<String> = [
        "add", "bind", "set", "enable", "disable", "unbind", "rm", "link", "save", "show", "unset",
    ]

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        var estate = Estate()
        var servers: [String: String] = [:]
        var services: [String: Service] = [:]
        var vservers: [String: VServer] = [:]
        var vserverOrder: [String] = []
        var groups: [String: (type: String, timeout: Int?, line: Int)] = [:]
        var groupOf: [String: String] = [:]
        var monitorTypes: [String: String] = [:]
        var globalUSIP = false
        var hostName: String?
        var globalModeLine: (Int, String)?

        for (index, rawLine) in TextDecoder.lines(text).enumerated() {
            let number = index + 1
            let raw = rawLine.trimmingCharacters(in: .whitespaces)
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let trimmed = SecretRedaction.redact(raw)  // the text kept as evidence
            let words = try tokens(raw, file: file.path, line: number)
            let (positional, options) = split(words)
            for name in options.keys.sorted() where SecretRedaction.secretNames.contains(name) {
                estate.secrets.append(
                    SecretPresence(kind: "Citrix ADC -\(name)", file: file.path, location: "line \(number)"))
            }
            guard let verb = positional.first?.lowercased() else { continue }
            guard knownVerbs.contains(verb) else {
                estate.notUnderstood.append(
                    NotUnderstood(
                        kind: "ns.conf command '\(verb)'",
                        evidence: Evidence(file: file.path, location: "line \(number)", value: trimmed)))
                continue
            }
            let object = positional.dropFirst().prefix(2).map { $0.lowercased() }
            func need(_ count: Int) throws {
                guard positional.count >= count else {
                    throw InputError(
                        file: file.path, line: number,
                        message: "'\(positional.prefix(3).joined(separator: " "))' needs more arguments")
                }
            }
            // The appliance's name (`set ns hostName NAME`) heads its section of the report.
            if verb == "set", object == ["ns", "hostname"], positional.count > 3 { hostName = positional[3] }
            switch (verb, object.first ?? "", object.dropFirst().first ?? "") {
            case ("enable", "ns", "mode"):
                if positional.dropFirst(3).contains(where: { $0.uppercased() == "USIP" }) { globalUSIP = true }
                globalModeLine = (number, trimmed)
            case ("add", "server", _):
                try need(4)
                servers[positional[2]] = positional[3]
            case ("add", "service", _):
                try need(6)
                var service = Service(
                    name: positional[2], usip: options["usip"].map { $0.uppercased() == "YES" }, line: number)
                service.members = [
                    PoolMember(
                        address: servers[positional[3]] ?? positional[3], port: port(positional[5]),
                        name: servers[positional[3]] != nil ? positional[3] : nil)
                ]
                services[positional[2]] = service
            case ("add", "servicegroup", _):
                try need(4)
                services[positional[2]] = Service(
                    name: positional[2], usip: options["usip"].map { $0.uppercased() == "YES" }, line: number)
            case ("set", "service", _), ("set", "servicegroup", _):
                // `set service NAME -usip YES|NO` changes what `add` said.
                try need(3)
                if let usip = options["usip"] {
                    services[positional[2], default: Service(name: positional[2], line: number)].usip =
                        usip.uppercased() == "YES"
                    services[positional[2]]?.line = number
                }
            case ("bind", "servicegroup", _):
                try need(3)
                let name = positional[2]
                if let monitor = options["monitorname"] {
                    services[name, default: Service(name: name, line: number)].monitors.append(monitor)
                } else if positional.count >= 5 {
                    let server = positional[3]
                    services[name, default: Service(name: name, line: number)].members.append(
                        PoolMember(
                            address: servers[server] ?? server, port: port(positional[4]),
                            name: servers[server] != nil ? server : nil))
                }
            case ("bind", "lb", "monitor"):
                try need(5)
                services[positional[4], default: Service(name: positional[4], line: number)].monitors.append(
                    positional[3])
            case ("bind", "service", _):
                try need(3)
                if let monitor = options["monitorname"] {
                    services[positional[2], default: Service(name: positional[2], line: number)].monitors.append(
                        monitor)
                }
            case ("add", "lb", "vserver"):
                try need(5)
                let name = positional[3]
                let protocolWord = positional[4].uppercased()
                let transport: TransportProtocol = protocolWord == "UDP" ? .udp : protocolWord == "ANY" ? .any : .tcp
                vservers[name] = VServer(
                    name: name, address: positional.count > 5 ? positional[5] : "0.0.0.0",
                    port: positional.count > 6 ? port(positional[6]) : nil, transport: transport,
                    persistenceType: options["persistencetype"]?.uppercased(),
                    timeoutMinutes: options["timeout"].flatMap(Int.init), persistMask: options["persistmask"],
                    lbMethod: options["lbmethod"]?.uppercased(), line: number, text: trimmed)
                vserverOrder.append(name)
            case ("bind", "lb", "vserver"):
                try need(5)
                vservers[positional[3]]?.bound.append(positional[4])
            case ("add", "lb", "monitor"):
                try need(5)
                monitorTypes[positional[3]] = positional[4].uppercased()
            case ("add", "lb", "group"):
                try need(4)
                groups[positional[3]] = (
                    options["persistencetype"]?.uppercased() ?? "NONE", options["timeout"].flatMap(Int.init), number
                )
            case ("bind", "lb", "group"):
                try need(5)
                for vserver in positional.dropFirst(4) { groupOf[vserver] = positional[3] }
            default:
                continue
            }
        }

        var pools: [Pool] = []
        for service in services.values.sorted(by: { $0.line < $1.line }) {
            let monitors = service.monitors.map { name in monitorTypes[name].map { "\(name) (\($0))" } ?? name }
            pools.append(
                Pool(
                    name: service.name, members: service.members, monitors: monitors,
                    evidence: Evidence(file: file.path, location: "line \(service.line)", value: service.name)))
        }
        var listeners: [Listener] = []
        for name in vserverOrder {
            guard let vserver = vservers[name] else { continue }
            let evidence = Evidence(file: file.path, location: "line \(vserver.line)", value: vserver.text)
            // Effective USIP: the service's -usip, else the global mode.
            let bound = vserver.bound.compactMap { services[$0] }
            // No bound service in the configuration: what reaches the servers cannot be told.
            var translation = SourceTranslation(bound.isEmpty ? .unknown : .none, evidence)
            if let service = bound.first(where: { !($0.usip ?? globalUSIP) }) {
                let detail =
                    service.usip == false
                    ? "service \(service.name) -usip NO"
                    : "service \(service.name) has no -usip and USIP is not in 'enable ns mode' (USNIP applies)"
                translation = SourceTranslation(
                    .automap,
                    Evidence(
                        file: file.path, location: "line \(service.line)",
                        value: detail + (globalModeLine.map { "; \($0.1)" } ?? "")))
            }
            var persistence: Persistence?
            var affinity: String?
            if let groupName = groupOf[name], let group = groups[groupName] {
                let groupEvidence = Evidence(
                    file: file.path, location: "line \(group.line)",
                    value: "add lb group \(groupName) -persistenceType \(group.type)")
                if group.type.hasPrefix("SOURCEIP") {
                    persistence = Persistence(
                        type: Persistence.sourceAddress, timeoutSeconds: (group.timeout ?? 2) * 60,
                        evidence: groupEvidence)
                    affinity = "citrix:group:\(groupName)"
                } else {
                    persistence = Persistence(
                        type: group.type.lowercased(), timeoutSeconds: nil, evidence: groupEvidence)
                }
            } else if let type = vserver.persistenceType, type != "NONE" {
                persistence = Persistence(
                    type: type.hasPrefix("SOURCEIP") ? Persistence.sourceAddress : type.lowercased(),
                    timeoutSeconds: (vserver.timeoutMinutes ?? 2) * 60, mask: vserver.persistMask, evidence: evidence)
                if vserver.port == nil { affinity = "citrix:wildcard:\(name)" }
            } else if vserver.lbMethod == "SOURCEIPHASH" {
                persistence = Persistence(type: "source-ip-hash", timeoutSeconds: nil, evidence: evidence)
                let members = bound.flatMap(\.members).map(\.address).sorted().joined(separator: ",")
                affinity = "citrix:hash:\(members)"
            }
            listeners.append(
                Listener(
                    name: name, address: vserver.address, portRange: vserver.port.map { $0...$0 },
                    transport: vserver.transport, poolName: vserver.bound.first, sourceTranslation: translation,
                    persistence: persistence, affinityGroup: affinity, evidence: evidence))
        }
        estate.loadBalancers.append(
            LoadBalancer(
                vendor: .citrix, name: hostName ?? file.path, listeners: listeners, pools: pools,
                evidence: Evidence(file: file.path, location: "line 1", value: "ns.conf")))
        return FileImport(
            file: file, format: .citrix, estate: estate,
            objectCounts: ["Citrix lb vservers": listeners.count, "Citrix services and service groups": pools.count])
    }

    /// `*` is every port.
    private static func port(_ text: String) -> Int? { text == "*" ? nil : Int(text) }

    /// Splits a command line into words, honouring double quotes and backslash escapes.
    static func tokens(_ line: String, file: String, line number: Int) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var hasWord = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\" where inQuotes: escaped = true
            case "\"":
                inQuotes.toggle()
                hasWord = true
            case _ where (character == " " || character == "\t") && !inQuotes:
                if hasWord || !current.isEmpty { words.append(current) }
                current = ""
                hasWord = false
            default: current.append(character)
            }
        }
        if inQuotes { throw InputError(file: file, line: number, message: "unterminated quoted value") }
        if hasWord || !current.isEmpty { words.append(current) }
        return words
    }

    /// Positional words, and `-name value` options (names lower-cased).
    private static func split(_ words: [String]) -> ([String], [String: String]) {
        var positional: [String] = []
        var options: [String: String] = [:]
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("-"), word.count > 1, Int(word) == nil {
                let value =
                    index + 1 < words.count && !(words[index + 1].hasPrefix("-") && Int(words[index + 1]) == nil)
                    ? words[index + 1] : ""
                options[String(word.dropFirst()).lowercased()] = value
                index += value.isEmpty ? 1 : 2
            } else {
                positional.append(word)
                index += 1
            }
        }
        return (positional, options)
    }
}
