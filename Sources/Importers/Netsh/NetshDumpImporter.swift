import EstateModel
import Foundation
import InputErrors

/// Imports `netsh ras dump` output (and scripts made of `netsh ras ...` lines): authentication
/// types, WAN ports per miniport, IKEv2 connection and SA-expiry settings, IPv4 address pools and
/// RADIUS servers. Shared secrets and pre-shared keys are recorded as present, never kept.
enum NetshDumpImporter: Importer {
    static let format = ExportFormat.netshRasDump

    static func recognises(_ head: FileHead) -> Bool { !head.isMarkup && recognises(head.text) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file)
    }

    /// True when the text looks like a RAS dump: a `pushd ras` context or RAS commands.
    static func recognises(_ text: String) -> Bool {
        for line in TextDecoder.lines(text).prefix(400) {
            let words = commandWords(line)
            if words.starts(with: ["pushd", "ras"]) { return true }
            if words.count >= 3, words[0] == "ras", ["set", "add"].contains(words[1]),
                ["wanports", "authtype", "authmode", "ikev2connection", "ikev2saexpiry"].contains(words[2])
            {
                return true
            }
        }
        return false
    }

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path)
        var server = Server(name: Server.identity(of: file.serverHint))
        var estate = Estate()
        var counts: [String: Int] = [:]
        var context: [String] = []
        var authTypes: [String] = []
        var authEvidence: [String] = []
        var firstAuthLine = 0

        for (index, rawLine) in TextDecoder.lines(text).enumerated() {
            let number = index + 1
            var words = commandWords(rawLine)
            guard !words.isEmpty else { continue }
            if words[0] == "pushd" {
                context = Array(words.dropFirst())
                continue
            }
            if words[0] == "popd" {
                context = []
                continue
            }
            if words[0] == "ras" { context = [] }  // a full `netsh ras ...` command carries its own context
            words = context + words
            guard words.first == "ras", words.count >= 3 else { continue }
            let arguments = try self.arguments(rawLine, file: file.path, line: number)
            let evidence = Evidence(
                file: file.path, location: "line \(number)",
                value: SecretRedaction.redact(rawLine.trimmingCharacters(in: .whitespaces)))
            let command = words.prefix(4).joined(separator: " ")
            switch command {
            case _ where command.hasPrefix("ras add authtype"):
                if let type = arguments["type"] {
                    authTypes.append(type.uppercased())
                    authEvidence.append(type)
                    if firstAuthLine == 0 { firstAuthLine = number }
                }
            case _ where command.hasPrefix("ras set wanports"):
                guard let device = arguments["device"] else { continue }
                guard let tunnel = tunnel(of: device) else { continue }
                let maxPorts: Int
                if let text = arguments["maxports"] {
                    guard let parsed = Int(text) else {
                        throw InputError(file: file.path, line: number, message: "maxports is '\(text)', not a number")
                    }
                    maxPorts = parsed
                } else {
                    maxPorts = server.vpn.ports(for: tunnel)?.maxPorts ?? 0
                }
                let inbound = arguments["rasinonly"].map { $0.lowercased() == "enabled" }
                server.vpn.ports.removeAll { $0.tunnel == tunnel }
                server.vpn.ports.append(
                    WanPortAllocation(
                        tunnel: tunnel, maxPorts: maxPorts,
                        remoteAccessEnabled: inbound, evidence: evidence))
            case _ where command.hasPrefix("ras set ikev2connection"):
                server.vpn.ikev2IdleTimeoutMinutes = arguments["idletimeout"].flatMap(Int.init).map {
                    Fact($0, evidence)
                }
                server.vpn.ikev2NetworkOutageMinutes = arguments["nwoutagetime"].flatMap(Int.init).map {
                    Fact($0, evidence)
                }
            case _ where command.hasPrefix("ras set ikev2saexpiry"):
                server.vpn.ikev2SAExpiryMinutes = arguments["saexpirytime"].flatMap(Int.init).map { Fact($0, evidence) }
                server.vpn.ikev2SADataSizeLimitMB = arguments["sadatasizelimit"].flatMap(Int.init).map {
                    Fact($0, evidence)
                }
            case _ where command.hasPrefix("ras ip add range"):
                if let from = arguments["from"], let to = arguments["to"] {
                    server.vpn.addressPools.append(AddressPool(from: from, to: to, evidence: evidence))
                }
            case _
            where command.hasPrefix("ras aaaa add authserver") || command.hasPrefix("ras aaaa add acctserver")
                || command.hasPrefix("ras aaaa set authserver") || command.hasPrefix("ras aaaa set acctserver"):
                let secret = !(arguments["secret"] ?? "").isEmpty
                if secret {
                    estate.secrets.append(
                        SecretPresence(kind: "RADIUS shared secret", file: file.path, location: "line \(number)"))
                }
                server.vpn.radiusServers.append(
                    RadiusServer(
                        address: arguments["name"] ?? "(unnamed)",
                        purpose: command.contains("authserver") ? "Authentication" : "Accounting",
                        port: arguments["port"].flatMap(Int.init), sharedSecretPresent: secret, evidence: evidence))
            case _ where command.hasPrefix("ras aaaa set authentication"):
                if let provider = arguments["provider"] { server.vpn.authenticationProvider = Fact(provider, evidence) }
            case _ where command.hasPrefix("ras aaaa set ipsecpolicy"):
                let enabled = (arguments["psk"] ?? "").lowercased() == "enabled"
                if !(arguments["secret"] ?? "").isEmpty {
                    estate.secrets.append(
                        SecretPresence(kind: "L2TP pre-shared key", file: file.path, location: "line \(number)"))
                }
                server.vpn.l2tpPresharedKeyPresent = Fact(enabled, evidence)
            default:
                counts["commands not used", default: 0] += 1
                continue
            }
            counts["commands", default: 0] += 1
        }
        if !authTypes.isEmpty {
            server.vpn.pppAuthTypes = Fact(
                authTypes,
                Evidence(
                    file: file.path, location: "line \(firstAuthLine) (add authtype)",
                    value: authEvidence.joined(separator: ", ")))
        }
        if server.vpn.ports.contains(where: { $0.acceptsClients && $0.tunnel != .gre && $0.tunnel != .pppoe }) {
            server.roles.insert(.vpn)
        }
        estate.merge(Estate(servers: [server]))
        return FileImport(file: file, format: .netshRasDump, estate: estate, objectCounts: counts)
    }

    /// The command words of a line (before the first `name =`), lower-cased, without a leading
    /// `netsh`/`netsh.exe`; empty for comments and blank lines.
    static func commandWords(_ line: Substring) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return [] }
        var words: [String] = []
        let tokens = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        for (index, word) in tokens.enumerated() {
            if word.contains("=") || word.hasPrefix("\"") { break }
            // `name = value` with spaces: the word before a lone `=` is a parameter name.
            if index + 1 < tokens.count, tokens[index + 1].hasPrefix("=") { break }
            words.append(word.lowercased())
        }
        if words.first == "netsh" || words.first == "netsh.exe" { words.removeFirst() }
        return words
    }

    /// `name = value` pairs (spaces around `=` optional, values optionally quoted).
    private static func arguments(_ line: Substring, file: String, line number: Int) throws -> [String: String] {
        if line.filter({ $0 == "\"" }).count % 2 != 0 {
            throw InputError(file: file, line: number, message: "unterminated quoted value")
        }
        var result: [String: String] = [:]
        let pattern = #"([A-Za-z][\w-]*)\s*=\s*("([^"]*)"|[^\s"]+)"#
        let text = String(line)
        let regex = try NSRegularExpression(pattern: pattern)
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let nameRange = Range(match.range(at: 1), in: text) else { continue }
            let valueRange = Range(match.range(at: 3), in: text) ?? Range(match.range(at: 2), in: text)
            result[text[nameRange].lowercased()] = valueRange.map { String(text[$0]) } ?? ""
        }
        return result
    }

    private static func tunnel(of device: String) -> TunnelProtocol? {
        let lowered = device.lowercased()
        if lowered.contains("ikev2") { return .ikev2 }
        if lowered.contains("sstp") { return .sstp }
        if lowered.contains("l2tp") { return .l2tp }
        if lowered.contains("pptp") { return .pptp }
        if lowered.contains("gre") { return .gre }
        if lowered.contains("pppoe") { return .pppoe }
        return nil
    }
}
