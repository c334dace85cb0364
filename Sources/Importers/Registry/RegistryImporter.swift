import EstateModel
import Foundation

/// Imports `.reg` exports of the keys the rules use: `IKEEXT\Parameters`,
/// `RemoteAccess\Parameters\Ikev2`, `SstpSvc\Parameters`, the NRPT `DnsPolicyConfig` keys (policy
/// and local) and the DirectAccess client's IPv6 transition policy. Other keys are listed as not
/// understood. Values whose name says they hold a secret are recorded as present, never kept.
enum RegistryImporter: Importer {
    static let format = ExportFormat.registry

    static func recognises(_ head: FileHead) -> Bool {
        !head.isMarkup && RegFileParser.recognises(String(head.firstLine))
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file, nrptRules: context.nrptRules)
    }

    static let nrptPolicyKey = "software\\policies\\microsoft\\windows nt\\dnsclient\\dnspolicyconfig\\"
    static let nrptLocalKey = "system\\currentcontrolset\\services\\dnscache\\parameters\\dnspolicyconfig\\"
    static let transitionKey = "software\\policies\\microsoft\\windows\\tcpip\\v6transition"
    static let ipHttpsKey = "software\\policies\\microsoft\\windows\\tcpip\\v6transition\\iphttps\\iphttpsinterface"
    /// `reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"`: the Windows version.
    static let currentVersionKey = "software\\microsoft\\windows nt\\currentversion"

    /// Registry keys listed one by one as not understood; beyond this many only their number is.
    static let maxListedKeys = 1_000

    static func importFile(_ file: ImportedFile, nrptRules: NrptRuleWriter) throws -> FileImport {
        // Read line by line from disk: a policy export with tens of thousands of NRPT rules never
        // sits whole in memory. Only REGEDIT4 files are ANSI; a version 5.00 file must be valid
        // UTF-16 or UTF-8.
        let reader = TextLineReader(file: file, allowANSI: file.head(8).starts(with: Array("REGEDIT4".utf8)))
        var parser = RegFileParser(file: file.path)
        var server = Server(name: Server.identity(of: file.serverHint))
        var estate = Estate()
        var counts: [String: Int] = [:]
        var understood: Set<String> = []
        var unlistedKeys = 0
        // The values of the NRPT rule key being read: a rule is complete when its key block ends.
        var nrptKey: String?
        var nrptEntries: [RegEntry] = []

        func finishNrptRule() throws {
            defer {
                nrptKey = nil
                nrptEntries = []
            }
            guard let key = nrptKey, let rule = nrptRule(key: key, entries: nrptEntries, file: file.path) else {
                return
            }
            try nrptRules.write(rule, server: server.name)
            counts["NRPT rules", default: 0] += 1
        }

        func key(_ path: String, _ line: Int) throws {
            let key = normalise(path)
            if [ServerRegistry.ikeextParameters, ServerRegistry.remoteAccessIkev2, ServerRegistry.sstpParameters]
                .contains(key)
            {
                server.registry.exportedKeys.insert(key)
                server.registry.keyEvidence[key] = Evidence(
                    file: file.path, location: "line \(line)", value: "[\(path)]")
                understood.insert(key)
            } else if key.hasPrefix(nrptPolicyKey) || key.hasPrefix(nrptLocalKey) {
                counts["NRPT rule keys", default: 0] += 1  // counted, not kept: there can be tens of thousands
            } else if key == transitionKey || key == ipHttpsKey || key == currentVersionKey {
                understood.insert(key)
            } else if !isAncestor(key) {
                if estate.notUnderstood.count < maxListedKeys {
                    estate.notUnderstood.append(
                        NotUnderstood(
                            kind: "registry key \(path)",
                            evidence: Evidence(file: file.path, location: "line \(line)", value: path)))
                } else {
                    unlistedKeys += 1
                }
            }
        }

        // A key's values come together: its normalised path is worked out once.
        var lastKey: (raw: String, normalised: String) = ("", "")

        func entry(_ entry: RegEntry) throws {
            if entry.key != lastKey.raw { lastKey = (entry.key, normalise(entry.key)) }
            let key = lastKey.normalised
            if entry.key != nrptKey { try finishNrptRule() }
            var evidence: Evidence {
                Evidence(
                    file: file.path, location: "line \(entry.line), [\(entry.key)] \"\(entry.name)\"", value: entry.raw)
            }
            if isSecretName(entry.name) {
                estate.secrets.append(
                    SecretPresence(
                        kind: "registry secret \(entry.name)", file: file.path,
                        location: "line \(entry.line)"))
                return
            }
            if case .unknown(let raw) = entry.value {
                if estate.notUnderstood.count < maxListedKeys {
                    estate.notUnderstood.append(
                        NotUnderstood(
                            kind: "registry value of a type not understood",
                            evidence: Evidence(
                                file: file.path, location: "line \(entry.line), [\(entry.key)] \"\(entry.name)\"",
                                value: String(raw.prefix(60)))))
                }
                return
            }
            let lowered = entry.name.lowercased()
            switch key {
            case ServerRegistry.ikeextParameters where lowered == "ikenumestablishedforinitialquery":
                server.registry.ikeNumEstablishedForInitialQuery = entry.value.integer.map { Fact($0, evidence) }
            case ServerRegistry.remoteAccessIkev2 where lowered == "enableserverfragmentation":
                server.registry.enableServerFragmentation = entry.value.integer.map { Fact($0, evidence) }
            case ServerRegistry.remoteAccessIkev2 where lowered == "certauthflags":
                server.registry.certAuthFlags = entry.value.integer.map { Fact($0, evidence) }
            case ServerRegistry.sstpParameters where lowered == "sha256certificatehash":
                server.registry.sstpCertificateHashPresent = Fact(true, evidence)
                server.registry.sstpCertificateSHA256 = entry.value.hex.map { Fact($0, evidence) }
            case ServerRegistry.sstpParameters where lowered == "sha1certificatehash":
                server.registry.sstpCertificateSHA1 = entry.value.hex.map { Fact($0, evidence) }
            case ServerRegistry.autoEnrollment where lowered == "aepolicy":
                server.registry.autoEnrollmentPolicy = entry.value.integer.map { Fact($0, evidence) }
            case ServerRegistry.sstpParameters where lowered == "nocertrevocationcheck":
                server.registry.sstpNoCertRevocationCheck = entry.value.integer.map { Fact($0, evidence) }
            case transitionKey where lowered == "teredo_state":
                server.directAccess.transition.teredoState = Fact(entry.value.text, evidence)
            case transitionKey where lowered == "6to4_state":
                server.directAccess.transition.sixToFourState = Fact(entry.value.text, evidence)
            case ipHttpsKey where lowered == "iphttps_clientstate":
                server.directAccess.transition.ipHttpsClientState = entry.value.integer.map { Fact($0, evidence) }
            case ipHttpsKey where lowered == "iphttps_clienturl":
                server.directAccess.transition.ipHttpsClientUrl = Fact(entry.value.text, evidence)
            case currentVersionKey where lowered == "productname":
                server.operatingSystem = server.operatingSystem ?? OperatingSystemInfo()
                server.operatingSystem?.caption = Fact(entry.value.text, evidence)
            case currentVersionKey where lowered == "currentbuild" || lowered == "currentbuildnumber":
                guard let build = Int(entry.value.text.trimmedWhitespace) else { return }
                server.operatingSystem = server.operatingSystem ?? OperatingSystemInfo()
                server.operatingSystem?.build = Fact(build, evidence)
            case _ where key.hasPrefix(nrptPolicyKey) || key.hasPrefix(nrptLocalKey):
                nrptKey = entry.key
                nrptEntries.append(entry)
            case transitionKey, ipHttpsKey:
                // Client policy values this version does not read are listed, never dropped silently.
                if estate.notUnderstood.count < maxListedKeys {
                    estate.notUnderstood.append(
                        NotUnderstood(kind: "registry value not read (IPv6 transition policy)", evidence: evidence))
                }
                return
            default:
                return
            }
            counts["registry values", default: 0] += 1
        }

        try reader.forEachLine { number, line in try parser.consume(line, number: number, key: key, entry: entry) }
        try parser.finish(key: key, entry: entry)
        try finishNrptRule()
        if unlistedKeys > 0 {
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: "\(unlistedKeys) more registry keys not understood (not listed)",
                    evidence: Evidence(file: file.path, location: "whole file", value: "")))
        }
        estate.merge(Estate(servers: [server]))
        counts["registry keys"] = understood.count + (counts["NRPT rule keys"] ?? 0)
        counts["NRPT rule keys"] = nil
        return FileImport(file: file, format: .registry, estate: estate, objectCounts: counts)
    }

    /// `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\...` → `system\currentcontrolset\...`.
    static func normalise(_ path: String) -> String {
        var lowered = path.lowercased()
        for hive in ["hkey_local_machine\\", "hklm\\"] where lowered.hasPrefix(hive) {
            lowered.removeFirst(hive.count)
        }
        // ControlSet001 (any three digits) is the current control set of an offline export.
        let prefix = "system\\controlset"
        if lowered.hasPrefix(prefix) {
            let digits = lowered.dropFirst(prefix.count).prefix(4)
            if digits.count == 4, digits.prefix(3).allSatisfy(\.isNumber), digits.last == "\\" {
                lowered = "system\\currentcontrolset\\" + lowered.dropFirst(prefix.count + 4)
            }
        }
        return lowered
    }

    /// Parents of the keys we read (exported as part of a subtree) are not worth listing.
    private static func isAncestor(_ key: String) -> Bool {
        let known = [
            ServerRegistry.ikeextParameters, ServerRegistry.remoteAccessIkev2, ServerRegistry.sstpParameters,
            nrptPolicyKey, nrptLocalKey, ipHttpsKey, currentVersionKey,
        ]
        return known.contains { $0.hasPrefix(key + "\\") || $0 == key + "\\" }
    }

    static func isSecretName(_ name: String) -> Bool {
        // Byte search: Foundation's `contains` is slow on Linux and runs for every value.
        let lowered = name.lowercased()
        // `SHKey`: an IPsec authentication suite's pre-shared key (MS-GPFAS 2.2.4.5.3).
        return lowered == "shkey"
            || ["secret", "presharedkey", "password", "privatekey"].contains { lowered.containsBytes($0) }
    }

    /// The NRPT rule of one `DnsPolicyConfig\<rule>` key from its values; `where` says where a
    /// value is (a `.reg` line, a Registry.pol offset).
    static func nrptRule(
        key: String, entries: [RegEntry], file: String, where place: (RegEntry) -> String = { "line \($0.line)" }
    ) -> NrptRule? {
        func value(_ name: String) -> RegEntry? { entries.last { $0.name.lowercased() == name } }
        guard let names = value("name") else { return nil }
        let ruleName = key.split(separator: "\\").last.map(String.init)
        let split: (RegEntry?) -> [String] = { entry in
            (entry?.value.text ?? "").split(separator: ";").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
        }
        let source = normalise(key).hasPrefix(nrptPolicyKey) ? "NRPT policy (registry)" : "NRPT local (registry)"
        return NrptRule(
            name: ruleName, namespaces: names.value.strings,
            directAccessDnsServers: split(value("directaccessdnsservers")),
            nameServers: split(value("genericdnsservers")), source: source,
            evidence: Evidence(file: file, location: "\(place(names)), [\(key)] \"Name\"", value: names.raw))
    }
}
