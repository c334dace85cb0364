import EstateModel
import Foundation
import InputErrors

/// Imports NGINX `stream` configuration: `upstream` blocks (hash, servers, weights) and `server`
/// blocks (`listen`, `proxy_pass`, `proxy_bind`). `include` is resolved against the files of the
/// bundle by file name (glob patterns allowed); a file included by another is imported only there.
enum NginxImporter: Importer {
    static let format = ExportFormat.nginx

    static func recognises(_ head: FileHead) -> Bool { !head.isMarkup && recognises(head.text) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file, bundle: context.bundle)
    }

    static func recognises(_ text: String) -> Bool {
        text.range(of: #"(?m)^\s*stream\s*\{"#, options: .regularExpression) != nil
            || (text.range(of: #"(?m)^\s*upstream\s+\S+\s*\{"#, options: .regularExpression) != nil
                && text.contains("proxy_pass"))
            || text.range(of: #"listen\s+[^;]*\budp\b"#, options: .regularExpression) != nil
    }

    /// The bundle files that `file` includes (directly), by name pattern.
    static func includedFiles(of file: ImportedFile, in bundle: [ImportedFile]) throws -> [ImportedFile] {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        let statements = try BraceConfigParser(file: file.path, style: .nginx).parse(text)
        let patterns = (statements + statements.flatMap(\.descendants)).filter { $0.words.first == "include" }
            .compactMap { $0.words.dropFirst().first }
        return patterns.flatMap { pattern in matches(pattern, in: bundle).filter { $0.path != file.path } }
    }

    private static func matches(_ pattern: String, in bundle: [ImportedFile]) -> [ImportedFile] {
        let name = (pattern as NSString).lastPathComponent
        return bundle.filter { fnmatch(name, ($0.path as NSString).lastPathComponent, 0) == 0 }
    }

    static func importFile(_ file: ImportedFile, bundle: [ImportedFile]) throws -> FileImport {
        var visited: Set<String> = [file.path]
        let statements = try load(file, bundle: bundle, visited: &visited, depth: 0)
        // The stream context, or the file itself when it is a snippet included into one.
        let streamBlocks = statements.filter { $0.words == ["stream"] }.compactMap(\.block)
        let context = streamBlocks.isEmpty ? statements : streamBlocks.flatMap { $0 }
        var pools: [Pool] = []
        var affinity: [String: String] = [:]
        var persistence: [String: Persistence] = [:]
        for upstream in context where upstream.words.first == "upstream" && upstream.words.count == 2 {
            let name = upstream.words[1]
            var members: [PoolMember] = []
            var weights: [String] = []
            for server in (upstream.block ?? []) where server.words.first == "server" {
                guard let target = server.words.dropFirst().first else { continue }
                let (address, port) = split(target)
                members.append(PoolMember(address: address, port: port))
                weights.append("\(address) \(server.words.first { $0.hasPrefix("weight=") } ?? "weight=1")")
            }
            let evidence = Evidence(file: upstream.origin, location: "line \(upstream.line)", value: "upstream \(name)")
            pools.append(
                Pool(
                    name: name, members: members,
                    monitors: upstream.descendants.contains { $0.words.first == "health_check" }
                        ? ["health_check"] : [],
                    activeChecksAvailable: false, evidence: evidence))
            if let hash = upstream.child("hash") {
                let key = hash.words.dropFirst().first ?? ""
                let hashEvidence = Evidence(
                    file: hash.origin, location: "line \(hash.line)", value: hash.words.joined(separator: " "))
                if key == "$remote_addr" || key == "$binary_remote_addr" {
                    persistence[name] = Persistence(type: "source-ip-hash", timeoutSeconds: nil, evidence: hashEvidence)
                    // Plain hash: crc32(key) % total weight over the servers in order, so identical
                    // server lists and weights pick the same node for 500 and 4500. Consistent
                    // hashing builds its ring from host and port, so it does not.
                    if !hash.words.contains("consistent") {
                        affinity[name] = "nginx:hash:" + weights.joined(separator: ",")
                    }
                }
            } else if members.count == 1 {
                affinity[name] = "nginx:single:\(members[0].address)"
            }
        }
        var listeners: [Listener] = []
        for server in context where server.words == ["server"] {
            let block = server.block ?? []
            guard let proxyPass = server.child("proxy_pass"), let target = proxyPass.words.dropFirst().first else {
                continue
            }
            var poolName = target
            if !pools.contains(where: { $0.name == target }) {
                let (address, port) = split(target)
                poolName = "proxy_pass \(target)"
                pools.append(
                    Pool(
                        name: poolName, members: [PoolMember(address: address, port: port)], monitors: [],
                        activeChecksAvailable: false,
                        evidence: Evidence(
                            file: proxyPass.origin, location: "line \(proxyPass.line)",
                            value: proxyPass.words.joined(separator: " "))))
                affinity[poolName] = "nginx:single:\(address)"
            }
            let translation: SourceTranslation
            if let bind = server.child("proxy_bind") {
                let value = bind.words.joined(separator: " ")
                let evidence = Evidence(file: bind.origin, location: "line \(bind.line)", value: value)
                translation = SourceTranslation(bind.words.contains("transparent") ? .none : .proxy, evidence)
            } else {
                translation = SourceTranslation(
                    .proxy,
                    Evidence(
                        file: server.origin, location: "line \(server.line)",
                        value: "server block without proxy_bind ... transparent"))
            }
            for listen in block where listen.words.first == "listen" {
                guard let spec = listen.words.dropFirst().first else { continue }
                // `listen 500 udp` (every address) or `listen 203.0.113.10:500 udp`.
                let portOnly = Int(spec)
                let (address, port) = portOnly == nil ? split(spec) : ("*", portOnly)
                let evidence = Evidence(
                    file: listen.origin, location: "line \(listen.line)", value: listen.words.joined(separator: " "))
                listeners.append(
                    Listener(
                        name: "\(spec) → \(target)", address: address,
                        portRange: port.map { $0...$0 },
                        transport: listen.words.contains("udp") ? .udp : .tcp, poolName: poolName,
                        sourceTranslation: translation, persistence: persistence[poolName],
                        affinityGroup: affinity[poolName], evidence: evidence))
            }
        }
        var estate = Estate()
        estate.loadBalancers.append(
            LoadBalancer(
                vendor: .nginx, name: file.path, listeners: listeners, pools: pools,
                evidence: Evidence(file: file.path, location: "line 1", value: "nginx.conf")))
        return FileImport(
            file: file, format: .nginx, estate: estate,
            objectCounts: ["NGINX stream servers": listeners.count, "NGINX upstreams": pools.count])
    }

    private static func load(_ file: ImportedFile, bundle: [ImportedFile], visited: inout Set<String>, depth: Int)
        throws -> [BraceStatement]
    {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        let statements = try BraceConfigParser(file: file.path, style: .nginx).parse(text)
        return try expand(statements, bundle: bundle, visited: &visited, depth: depth)
    }

    private static func expand(
        _ statements: [BraceStatement], bundle: [ImportedFile], visited: inout Set<String>, depth: Int
    ) throws -> [BraceStatement] {
        var result: [BraceStatement] = []
        for var statement in statements {
            if statement.words.first == "include", let pattern = statement.words.dropFirst().first {
                guard depth < 16 else {
                    throw InputError(
                        file: statement.origin, line: statement.line, message: "includes nested more than 16 deep")
                }
                for included in matches(pattern, in: bundle) where !visited.contains(included.path) {
                    visited.insert(included.path)
                    result += try load(included, bundle: bundle, visited: &visited, depth: depth + 1)
                }
                continue
            }
            if let block = statement.block {
                statement.block = try expand(block, bundle: bundle, visited: &visited, depth: depth)
            }
            result.append(statement)
        }
        return result
    }

    /// `10.0.0.1:500`, `[2001:db8::1]:500`, `500`, `rras01.corp:4500`.
    static func split(_ spec: String) -> (String, Int?) {
        if spec.hasPrefix("["), let close = spec.firstIndex(of: "]") {
            let address = String(spec[spec.index(after: spec.startIndex)..<close])
            let rest = spec[spec.index(after: close)...]
            return (address, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        if let colon = spec.lastIndex(of: ":"), spec.filter({ $0 == ":" }).count == 1 {
            return (String(spec[..<colon]), Int(spec[spec.index(after: colon)...]))
        }
        return (spec, nil)
    }
}
