/// A Windows event that tells how a VPN connection attempt went, from an export of the clients'
/// or the servers' event logs: a client's RasClient event (20227: the connection failed, with its
/// RAS error code), an RRAS server's RemoteAccess event, an NPS audit event (6272 granted, 6273
/// denied, with its reason code), an IPsec main or quick mode failure (4653, 4654). User names are
/// kept only when the import was asked to (`--keep-user-names`); otherwise only counted.
public struct VpnEvent: Codable, Hashable, Sendable {
    /// What the code means: a RAS error code (raserror.h), an NPS reason code, none.
    public enum CodeKind: String, Codable, Hashable, Sendable {
        case rasError = "ras-error"
        case npsReason = "nps-reason"
    }

    /// `RasClient`, `RemoteAccess`, `Microsoft-Windows-Security-Auditing` …
    public var provider: String
    public var eventId: Int
    public var recordId: Int?
    /// `TimeCreated/@SystemTime` as written (UTC, ISO 8601).
    public var time: String
    /// The computer that logged it (a client for RasClient events, a server otherwise).
    public var computer: String
    /// The VPN connection (profile) name, when the event names it.
    public var connection: String?
    public var code: Int?
    public var codeKind: CodeKind?
    /// The event's own explanation, when it has one (NPS `Reason`, IKEEXT `FailureReason`).
    public var detail: String?
    /// The user, only when the import kept user names.
    public var user: String?
    public var evidence: Evidence

    public init(
        provider: String, eventId: Int, recordId: Int? = nil, time: String, computer: String,
        connection: String? = nil, code: Int? = nil, codeKind: CodeKind? = nil, detail: String? = nil,
        user: String? = nil, evidence: Evidence
    ) {
        self.provider = provider
        self.eventId = eventId
        self.recordId = recordId
        self.time = time
        self.computer = computer
        self.connection = connection
        self.code = code
        self.codeKind = codeKind
        self.detail = detail
        self.user = user
        self.evidence = evidence
    }

    /// True for an event that reports a failed attempt: RasClient 20227 (and 20220 with an error),
    /// NPS 6273 (denied), IPsec 4653/4654, RemoteAccess 20271 (authentication failed on the server).
    public var isFailure: Bool {
        switch (provider.lowercased(), eventId) {
        case ("rasclient", 20227): true
        case ("rasclient", 20220): (code ?? 0) != 0
        case (_, 6273), (_, 4653), (_, 4654): true
        case ("remoteaccess", 20271): true  // connected but failed an authentication attempt
        default: false
        }
    }
}

/// How many distinct users one exported file shows for one code (user names themselves are not
/// kept without `--keep-user-names`).
public struct EventUserCount: Codable, Hashable, Sendable {
    public var codeKind: VpnEvent.CodeKind?
    public var code: Int?
    public var users: Int
    public var file: String

    public init(codeKind: VpnEvent.CodeKind?, code: Int?, users: Int, file: String) {
        self.codeKind = codeKind
        self.code = code
        self.users = users
        self.file = file
    }
}
