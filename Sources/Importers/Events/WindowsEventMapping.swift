import EstateModel

/// One Windows event as its export shows it, in either format (event XML or a `Get-WinEvent`
/// CLIXML record): provider, id, time, computer and the insertion strings in order (`Data`
/// elements, named for manifest providers, unnamed for classic ones such as RasClient).
struct WindowsEventRecord {
    struct Datum {
        var name: String?
        var value: String
    }
    var provider: String
    var eventId: Int
    var recordId: Int?
    var time: String
    var computer: String
    var channel: String
    var data: [Datum]
    var message: String?
    var line: Int

    func named(_ name: String) -> String? {
        data.first { $0.name?.lowercased() == name.lowercased() }?.value
    }

    func positional(_ index: Int) -> String? { index < data.count ? data[index].value : nil }
}

/// Turns event records into ``VpnEvent``s, reading each provider's insertion strings as its
/// message template documents them:
/// - RasClient (Application log, classic provider, unnamed strings): 20227 *connection failed* —
///   `CoId`, user, connection name, error code; 20220 *terminated* — server, device, error code;
///   20221–20226 are kept without a code. https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc773769(v=ws.10)
/// - NPS audit (Security log, named strings): 6272 granted, 6273 denied (`ReasonCode`, `Reason`,
///   `NetworkPolicyName`, `SubjectUserName`). https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/auditing/event-6273
/// - IPsec main and quick mode failures (4653, 4654: `FailureReason`).
///   https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/auditing/event-4653
/// - RemoteAccess (RRAS) events are kept with their strings as detail.
/// Events of other providers are counted as not read. User names are kept only with
/// `keepUserNames`; otherwise each file records how many distinct users each code shows.
struct WindowsEventMapping {
    let file: String
    let keepUserNames: Bool
    private(set) var estate = Estate()
    private(set) var counts: [String: Int] = [:]
    private var users: [String: Set<String>] = [:]
    private var otherProviders: [String: (count: Int, line: Int)] = [:]

    init(file: String, keepUserNames: Bool) {
        self.file = file
        self.keepUserNames = keepUserNames
    }

    mutating func add(_ record: WindowsEventRecord) throws {
        let provider = record.provider
        var event = VpnEvent(
            provider: provider, eventId: record.eventId, recordId: record.recordId, time: record.time,
            computer: record.computer,
            evidence: Evidence(
                file: file,
                location:
                    "line \(record.line), \(provider) \(record.eventId)\(record.recordId.map { " record \($0)" } ?? "")",
                value: ""))
        var user: String?
        switch provider.lowercased() {
        case "rasclient":
            switch record.eventId {
            case 20227:
                user = record.positional(1)
                event.connection = record.positional(2)
                event.code = record.positional(3).flatMap { Int($0) }
            case 20220:
                event.code = record.positional(2).flatMap { Int($0) }
            default:
                break
            }
            if event.code != nil { event.codeKind = .rasError }
        case "microsoft-windows-security-auditing" where [6272, 6273, 6274, 6276].contains(record.eventId):
            user = record.named("SubjectUserName")
            event.connection = record.named("NetworkPolicyName")
            event.code = record.named("ReasonCode").flatMap { Int($0) }
            event.codeKind = event.code == nil ? nil : .npsReason
            event.detail = record.named("Reason")
        case "microsoft-windows-security-auditing" where [4653, 4654].contains(record.eventId):
            event.detail = record.named("FailureReason")
        case "remoteaccess", "remoteaccess-mgmt", "remoteaccess-remoteaccessserver":
            // The strings name the user (DOMAIN\user or a UPN) in several events (20271, 20272,
            // 20274): that string is counted as a user, and kept only with `keepUserNames`.
            let strings = record.data.map(\.value).filter { !$0.isEmpty }
            user = strings.first(where: Self.looksLikeUserName)
            event.detail = strings.filter { keepUserNames || !Self.looksLikeUserName($0) }.joined(separator: "; ")
        default:
            let seen = otherProviders[provider]
            otherProviders[provider] = ((seen?.count ?? 0) + 1, seen?.line ?? record.line)
            return
        }
        event.evidence.value = [
            event.connection.map { "connection \($0)" }, event.code.map { "code \($0)" }, event.detail,
        ].compactMap { $0 }.joined(separator: ", ")
        if let user, !user.isEmpty, user != "-" {
            if keepUserNames { event.user = user }
            users["\(event.codeKind?.rawValue ?? "")|\(event.code.map(String.init) ?? "")", default: []].insert(
                user.lowercased())
        }
        estate.events.append(event)
        counts["\(provider) events", default: 0] += 1
    }

    /// `DOMAIN\user` or `user@domain`: one token, no spaces (a message sentence never matches).
    static func looksLikeUserName(_ text: String) -> Bool {
        guard !text.contains(" "), !text.hasPrefix("{") else { return false }
        let parts = text.split(separator: "\\", omittingEmptySubsequences: false)
        if parts.count == 2 { return !parts[0].isEmpty && !parts[1].isEmpty }
        let at = text.split(separator: "@", omittingEmptySubsequences: false)
        return at.count == 2 && !at[0].isEmpty && at[1].contains(".")
    }

    /// The estate with the user counts and the providers not read.
    var finished: (estate: Estate, counts: [String: Int]) {
        var estate = estate
        for key in users.keys.sorted() {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            estate.eventUserCounts.append(
                EventUserCount(
                    codeKind: VpnEvent.CodeKind(rawValue: String(parts[0])), code: Int(parts[1]),
                    users: users[key]?.count ?? 0, file: file))
        }
        for provider in otherProviders.keys.sorted() {
            guard let seen = otherProviders[provider] else { continue }
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: "events of provider \(provider.isEmpty ? "(none)" : provider) (not about VPN connections)",
                    evidence: Evidence(file: file, location: "line \(seen.line)", value: "\(seen.count) event(s)")))
        }
        return (estate, counts)
    }
}
