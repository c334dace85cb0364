import EstateModel
import Foundation
import RuleAPI

/// The table `Rules/diagnosis/error-codes.yml`: for each code a failed connection reports, what
/// it means (with its sources), the rules whose findings can explain it (ranked) and what to
/// collect when none does.
public struct ErrorCodeTable: Decodable, Sendable {
    public struct Entry: Decodable, Sendable {
        public var code: Int
        public var kind: VpnEvent.CodeKind
        public var name: String?
        public var meaning: String
        public var sources: [String]
        public var explainedBy: [String]
        public var collectNext: String
    }

    public var version: Int
    public var codes: [Entry]

    public func entry(kind: VpnEvent.CodeKind?, code: Int?) -> Entry? {
        codes.first { $0.kind == kind && $0.code == code }
    }
}

/// Failed connection attempts grouped by code, each with the documented meaning of the code and
/// the assessment's findings that are *consistent with* it (never "caused by": an event and a
/// finding together do not prove a cause), ranked as the table ranks their rules; a group no
/// finding explains says what to collect next.
public struct Diagnosis: Sendable, Encodable {
    public struct Explanation: Sendable, Encodable {
        /// Always `consistent with`.
        public var relation = "consistent with"
        public var ruleId: String
        public var severity: String
        public var server: String?
        public var message: String
        public var fingerprint: String?
        public var evidence: [Evidence]
    }

    public struct Group: Sendable, Encodable {
        /// `ras-error`, `nps-reason`, or absent for failures without a code (IPsec 4653/4654).
        public var kind: String?
        public var code: Int?
        /// The code's symbolic name (`ERROR_VPN_TIMEOUT`), or the event's provider and id.
        public var name: String
        public var meaning: String?
        public var sources: [String]
        public var failures: Int
        public var computers: Int
        /// Distinct users per exported file, summed, at most the failures: an upper bound (user names
        /// are not kept by default, so the same user in two files cannot be told apart).
        public var users: Int
        public var connections: [String]
        public var first: String
        public var last: String
        /// Failures per day (`YYYY-MM-DD`), for the timeline.
        public var perDay: [Day]
        public var explanations: [Explanation]
        /// What to collect when no finding explains it (also for a code the table does not know).
        public var collectNext: String?
        /// The first events of the group.
        public var evidence: [Evidence]
    }

    public struct Day: Sendable, Encodable {
        public var day: String
        public var failures: Int
    }

    public var groups: [Group]
    /// Events that report no failure (connections established, attempts started).
    public var otherEvents: Int

    /// Failures shown per group as evidence.
    static let evidenceShown = 10

    public init(events: [VpnEvent], userCounts: [EventUserCount], findings: [Finding], table: ErrorCodeTable) {
        // The same event exported twice (two files, two encodings) counts once.
        var seen = Set<String>()
        let unique = events.filter { event in
            seen.insert(
                "\(event.computer.lowercased())|\(event.provider)|\(event.eventId)|\(event.recordId.map(String.init) ?? event.time)"
            ).inserted
        }
        let failures = unique.filter(\.isFailure)
        otherEvents = unique.count - failures.count
        let active = FindingFingerprint.fingerprinted(findings).filter(\.isActive)
        var order: [String] = []
        var byKey: [String: [VpnEvent]] = [:]
        for event in failures {
            let key =
                event.code.map { "\(event.codeKind?.rawValue ?? "")|\($0)" }
                ?? "event|\(event.provider)|\(event.eventId)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(event)
        }
        groups = order.map { key -> Group in
            let members = (byKey[key] ?? []).sorted { $0.time < $1.time }
            let sample = members[0]
            let entry = table.entry(kind: sample.codeKind, code: sample.code)
            let explanations = (entry?.explainedBy ?? []).flatMap { ruleId in
                active.filter { $0.ruleId == ruleId }.map {
                    Explanation(
                        ruleId: $0.ruleId, severity: $0.severity.rawValue, server: $0.server, message: $0.message,
                        fingerprint: $0.fingerprint, evidence: Array($0.evidence.prefix(3)))
                }
            }
            var days: [String: Int] = [:]
            for event in members { days[String(event.time.prefix(10)), default: 0] += 1 }
            // Counted per file: a user in two files counts twice, so never more than the failures.
            let users = min(
                members.count,
                userCounts.filter { $0.codeKind == sample.codeKind && $0.code == sample.code }.map(\.users).reduce(0, +)
            )
            let name: String
            if let code = sample.code {
                name = [entry?.name, "\(sample.codeKind == .npsReason ? "NPS reason" : "error") \(code)"]
                    .compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " · ")
            } else {
                name = "\(sample.provider) \(sample.eventId)"
            }
            let unknownCode =
                "This code is not in the advisor's table: look it up (raserror.h: https://learn.microsoft.com/en-us/windows/win32/rras/routing-and-remote-access-error-codes, winerror.h: https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes) and collect the client's RAS trace (netsh ras set tracing * enabled, %windir%\\tracing) for one failing attempt."
            return Group(
                kind: sample.codeKind?.rawValue, code: sample.code, name: name,
                meaning: entry?.meaning ?? (sample.code == nil ? sample.detail : nil), sources: entry?.sources ?? [],
                failures: members.count, computers: Set(members.map { $0.computer.lowercased() }).count,
                users: users, connections: members.compactMap(\.connection).orderedUnique,
                first: members.first?.time ?? "", last: members.last?.time ?? "",
                perDay: days.keys.sorted().map { Day(day: $0, failures: days[$0] ?? 0) },
                explanations: explanations,
                collectNext: explanations.isEmpty ? (entry?.collectNext ?? unknownCode) : nil,
                evidence: members.prefix(Self.evidenceShown).map(\.evidence))
        }.sorted { $0.failures > $1.failures }
    }

    /// Plain text for the terminal.
    public func text(environment: String) -> String {
        guard !groups.isEmpty else {
            return "\(environment): no failed connection among the imported events (\(otherEvents) other event(s)).\n"
        }
        var lines = [
            "\(environment): \(groups.map(\.failures).reduce(0, +)) failed connection attempt(s) in \(groups.count) group(s)"
        ]
        for group in groups {
            lines.append("")
            lines.append(
                "\(group.name): \(group.failures) failure(s) on \(group.computers) computer(s)\(group.users > 0 ? ", up to \(group.users) user(s)" : "")\(group.connections.isEmpty ? "" : ", connection \(group.connections.joined(separator: ", "))"), \(group.first) to \(group.last)"
            )
            if let meaning = group.meaning { lines.append("  Meaning: \(meaning)") }
            for explanation in group.explanations {
                lines.append(
                    "  Consistent with \(explanation.ruleId) [\(explanation.severity)] \(explanation.server ?? "estate"): \(explanation.message)"
                )
            }
            if let next = group.collectNext { lines.append("  No finding explains it. Collect next: \(next)") }
            if !group.sources.isEmpty { lines.append("  Sources: \(group.sources.joined(separator: " "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
