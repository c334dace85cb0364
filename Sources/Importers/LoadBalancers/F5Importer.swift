import EstateModel
import Foundation
import InputErrors

/// Imports F5 BIG-IP `bigip.conf` or `tmsh list ltm` output: virtual servers (v11+ and v10 source
/// translation syntax), pools and members, source-address persistence profiles with
/// `match-across-*`, UDP profiles, nodes, `ltm snat` objects and iRules that call `snat`.
enum F5Importer: Importer {
    static let format = ExportFormat.f5

    static func recognises(_ head: FileHead) -> Bool { !head.isMarkup && recognises(head.text) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file)
    }

    static func recognises(_ text: String) -> Bool {
        // Any ltm object: a file may hold only a monitor or a persistence profile.
        text.contains("#TMSH-VERSION")
            || text.range(of: #"(?m)^\s*ltm [a-z-]+ (\S+ )?\S+ \{"#, options: .regularExpression) != nil
    }

    /// Well-known service names tmsh prints instead of port numbers.
    static let services: [String: Int] = [
        "isakmp": 500, "ipsec-nat-t": 4500, "https": 443, "http": 80, "any": 0, "ntp": 123, "domain": 53,
    ]

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        let statements = try BraceConfigParser(file: file.path, style: .tmsh).parse(text).map(splittingOneLine)
        var estate = Estate()
        // Secrets anywhere in the configuration (SSL profile passphrases, user passwords): their
        // presence is listed, their values are never kept.
        for statement in statements {
            for child in [statement] + statement.descendants {
                guard let name = child.words.first?.lowercased(), SecretRedaction.secretNames.contains(name),
                    child.words.count > 1,
                    !["none", "\"\""].contains(child.words[1])
                else { continue }
                estate.secrets.append(
                    SecretPresence(kind: "F5 \(name)", file: file.path, location: "line \(child.line)"))
            }
        }
        var objects: [String: [String: BraceStatement]] = [:]  // kind → name → statement
        var order: [(String, String)] = []
        var counts: [String: Int] = [:]
        for statement in statements {
            let words = statement.words
            guard words.count >= 3, words[0] == "ltm", statement.block != nil else {
                if statement.block != nil || !(words.first ?? "").isEmpty {
                    // Grouped by the object kind (`sys db`, `net vlan`), not by each object's name.
                    estate.notUnderstood.append(
                        NotUnderstood(
                            kind: "tmsh \(words.prefix(2).joined(separator: " "))",
                            evidence: evidence(file, statement, words.joined(separator: " "))))
                }
                continue
            }
            // `ltm virtual NAME`, `ltm persistence source-addr NAME`, `ltm profile udp NAME`.
            let kind = words.count >= 4 ? words[1...(words.count - 2)].joined(separator: " ") : words[1]
            let name = normalise(words[words.count - 1])
            objects[kind, default: [:]][name] = statement
            order.append((kind, name))
        }
        let nodes = objects["node", default: [:]].mapValues { $0.value("address")?.first ?? "" }
        var pools: [Pool] = []
        for (name, statement) in objects["pool", default: [:]].sorted(by: { $0.value.line < $1.value.line }) {
            pools.append(pool(name, statement, nodes: nodes, file: file))
        }
        let snatAll = objects["snat", default: [:]].values.first { statement in
            let origins = statement.child("origins")?.block?.map { normalise($0.words.first ?? "") } ?? []
            return origins.contains("0.0.0.0/0") || origins.contains("0.0.0.0%0/0") || origins.contains("any")
        }
        var listeners: [Listener] = []
        for (kind, name) in order where kind == "virtual" {
            guard let statement = objects["virtual"]?[name] else { continue }
            listeners.append(try listener(name, statement, objects: objects, snatAll: snatAll, file: file))
        }
        counts["F5 virtual servers"] = listeners.count
        counts["F5 pools"] = pools.count
        // The device's own name when the configuration gives it (sys global-settings), else the file.
        let hostname = statements.first { $0.words == ["sys", "global-settings"] }?.value("hostname")?.first
        estate.loadBalancers.append(
            LoadBalancer(
                vendor: .f5, name: hostname ?? file.path, listeners: listeners, pools: pools,
                evidence: Evidence(file: file.path, location: "line 1", value: "bigip.conf")))
        return FileImport(file: file, format: .f5, estate: estate, objectCounts: counts)
    }

    /// Property names of the ltm objects we read. `tmsh list ltm one-line` writes a whole object on
    /// one line (`{ destination 1.2.3.4:500 ip-protocol udp pool p }`); a statement that starts
    /// with one of these names is split wherever another begins. (`enabled`/`disabled` are values
    /// of other keys too, so they are not split on.)
    static let keys: Set<String> = [
        "address", "app-service", "connection-limit", "creation-time", "datagram-load-balancing", "default",
        "defaults-from", "description", "destination", "fallback-persistence",
        "hash-algorithm", "idle-timeout", "ip-protocol", "last-modified-time", "load-balancing-mode",
        "map-proxies", "mask", "match-across-pools", "match-across-services", "match-across-virtuals",
        "members", "min-active-members", "mirror", "monitor", "origins", "override-connection-limit",
        "partition", "persist", "pool", "priority-group", "profiles", "ratio", "rules", "session", "snat",
        "snatpool", "source", "source-address-translation", "source-port", "state", "timeout",
        "translate-address", "translate-port", "translation", "type", "vlans", "vlans-disabled",
        "vlans-enabled", "vs-index",
    ]

    /// Keys written without a value.
    static let standaloneKeys: Set<String> = ["vlans-disabled", "vlans-enabled"]

    static func splittingOneLine(_ statement: BraceStatement) -> BraceStatement {
        var statement = statement
        guard let block = statement.block else { return statement }
        var result: [BraceStatement] = []
        for child in block {
            guard let first = child.words.first, keys.contains(first),
                child.words.dropFirst().contains(where: { keys.contains($0) })
            else {
                result.append(splittingOneLine(child))
                continue
            }
            var pieces: [[String]] = []
            for word in child.words {
                // A key takes at least one value, which may itself be spelled like a key
                // (`type snat`, `type pool`): only a key after a complete piece starts a new one.
                let complete = pieces.last.map { $0.count >= 2 || standaloneKeys.contains($0[0]) } ?? true
                if pieces.isEmpty || (keys.contains(word) && complete) {
                    pieces.append([word])
                } else {
                    pieces[pieces.count - 1].append(word)
                }
            }
            for (index, words) in pieces.enumerated() {
                let isLast = index == pieces.count - 1
                result.append(
                    splittingOneLine(
                        BraceStatement(
                            words: words, block: isLast ? child.block : nil,
                            line: child.line, origin: child.origin)))
            }
        }
        statement.block = result
        return statement
    }

    static func normalise(_ name: String) -> String {
        name.hasPrefix("/Common/") ? String(name.dropFirst("/Common/".count)) : name
    }

    static func evidence(_ file: ImportedFile, _ statement: BraceStatement, _ value: String) -> Evidence {
        Evidence(file: file.path, location: "line \(statement.line)", value: value)
    }

    /// `10.0.0.1:isakmp`, `/Common/10.0.0.1:500`, `2001:db8::1.500`, `10.0.0.1%2:any`.
    static func endpoint(_ text: String) -> (address: String, port: Int?)? {
        let value = normalise(text)
        let separator: Character = value.filter({ $0 == ":" }).count > 1 ? "." : ":"
        guard let index = value.lastIndex(of: separator) else { return nil }
        var address = String(value[..<index])
        if let percent = address.firstIndex(of: "%") { address = String(address[..<percent]) }
        let portText = String(value[value.index(after: index)...])
        guard let port = Int(portText) ?? services[portText] else { return nil }
        return (address, port == 0 ? nil : port)
    }

    private static func pool(_ name: String, _ statement: BraceStatement, nodes: [String: String], file: ImportedFile)
        -> Pool
    {
        var members: [PoolMember] = []
        for member in statement.child("members")?.block ?? [] {
            guard let memberName = member.words.first else { continue }
            let parsed = endpoint(memberName)
            let nodeName = parsed.map { $0.address } ?? memberName
            let address = member.value("address")?.first.map(normalise) ?? nodes[nodeName] ?? nodeName
            members.append(
                PoolMember(address: address, port: parsed?.port, name: nodes[nodeName] != nil ? nodeName : nil))
        }
        let monitors = (statement.value("monitor") ?? []).map(normalise).filter {
            !["and", "min", "of"].contains($0) && Int($0) == nil
        }
        return Pool(
            name: name, members: members, monitors: monitors,
            evidence: evidence(file, statement, "ltm pool \(name)"))
    }

    private static func listener(
        _ name: String, _ statement: BraceStatement, objects: [String: [String: BraceStatement]],
        snatAll: BraceStatement?, file: ImportedFile
    ) throws -> Listener {
        guard let destination = statement.child("destination"), let target = destination.words.dropFirst().first,
            let endpoint = endpoint(target)
        else {
            throw InputError(
                file: file.path, line: statement.line, message: "virtual \(name) has no readable destination")
        }
        let protocolWord = statement.value("ip-protocol")?.first ?? "tcp"
        let transport: TransportProtocol = protocolWord == "udp" ? .udp : protocolWord == "tcp" ? .tcp : .any
        // Source translation: v11+ block, v10 keywords, a global SNAT for all origins, or an iRule.
        var translation = SourceTranslation(.none, evidence(file, statement, "no source-address-translation"))
        if let block = statement.child("source-address-translation") {
            // v11+: `type automap | snat | none`, with `pool NAME` for a SNAT pool; a pool without a
            // type is a SNAT pool too.
            let type = block.value("type")?.first ?? (block.child("pool") != nil ? "snat" : "none")
            let kind: SourceTranslation.Kind =
                type == "automap" ? .automap : type == "snat" ? .pool : type == "none" ? .none : .unknown
            let line = block.child("type")?.line ?? block.line
            let pool = block.value("pool")?.first.map { " pool \(normalise($0))" } ?? ""
            translation = SourceTranslation(
                kind,
                Evidence(
                    file: file.path, location: "line \(line)", value: "source-address-translation type \(type)\(pool)"))
        } else if let snat = statement.child("snat"), snat.words.dropFirst().first == "automap" {
            translation = SourceTranslation(.automap, evidence(file, snat, "snat automap"))
        } else if let snatpool = statement.child("snatpool") {
            translation = SourceTranslation(.pool, evidence(file, snatpool, snatpool.words.joined(separator: " ")))
        } else if let snatAll {
            translation = SourceTranslation(
                .pool, evidence(file, snatAll, "ltm snat \(snatAll.words.last ?? "") for all origins"))
        }
        for rule in (statement.child("rules")?.block ?? []).flatMap(\.words).map(normalise) {
            guard let body = objects["rule"]?[rule] else { continue }
            if let call = body.descendants.first(where: {
                $0.words.first == "snat" && $0.words.dropFirst().first != "none"
            }) {
                translation = SourceTranslation(
                    call.words.dropFirst().first == "automap" ? .automap : .pool,
                    evidence(file, call, "iRule \(rule): \(call.words.joined(separator: " "))"))
            }
        }
        // Persistence: the default profile of `persist { NAME { default yes } }`.
        var persistence: Persistence?
        var affinity: String?
        if let persist = statement.child("persist")?.block?.first, let profileName = persist.words.first.map(normalise)
        {
            if let profile = objects["persistence source-addr"]?[profileName] {
                let timeout = profile.value("timeout")?.first.flatMap(Int.init) ?? 180
                let across = ["match-across-services", "match-across-virtuals"].contains {
                    profile.value($0)?.first == "enabled"
                }
                persistence = Persistence(
                    type: Persistence.sourceAddress, timeoutSeconds: timeout,
                    mask: profile.value("mask")?.first,
                    evidence: evidence(file, profile, "ltm persistence source-addr \(profileName)"))
                affinity = across ? "f5:persistence:\(profileName)" : nil
            } else if profileName == "source_addr" {
                persistence = Persistence(
                    type: Persistence.sourceAddress, timeoutSeconds: 180,
                    evidence: evidence(file, persist, "persist \(profileName) (built-in, 180 s, no match-across)"))
            } else {
                let kind =
                    objects.first { $0.key.hasPrefix("persistence ") && $0.value[profileName] != nil }?.key
                    .replacingOccurrences(of: "persistence ", with: "") ?? profileName
                persistence = Persistence(
                    type: kind, timeoutSeconds: nil, evidence: evidence(file, persist, "persist \(profileName)"))
            }
        }
        var perDatagram: Fact<Bool>?
        for profile in (statement.child("profiles")?.block ?? []).compactMap({ $0.words.first.map(normalise) }) {
            if let udp = objects["profile udp"]?[profile], let setting = udp.child("datagram-load-balancing") {
                perDatagram = Fact(
                    setting.words.dropFirst().first == "enabled",
                    evidence(file, setting, setting.words.joined(separator: " ")))
            }
        }
        return Listener(
            name: name, address: endpoint.address, portRange: endpoint.port.map { $0...$0 }, transport: transport,
            poolName: statement.value("pool")?.first.map(normalise), sourceTranslation: translation,
            persistence: persistence,
            affinityGroup: endpoint.port == nil && persistence != nil ? "f5:wildcard:\(name)" : affinity,
            perDatagramBalancing: perDatagram,
            evidence: evidence(file, destination, destination.words.joined(separator: " ")))
    }
}
