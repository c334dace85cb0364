/// A Windows Firewall connection security rule as Group Policy stores it under
/// `…\WindowsFirewall\ConSecRules` (MS-GPFAS 2.2.6.2): `v<major>.<minor>|Key=Value|Key=Value|…|`,
/// keys possibly repeated (several endpoints or profiles). The DirectAccess tunnels are rules with
/// tunnel endpoints (`RTunnel4/6`, `LTunnel4/6`).
public struct ConnectionSecurityRule: Hashable, Sendable {
    /// `v2.10`, the grammar version the rule was written with.
    public var version: String
    /// Every `Key=Value` in order.
    public var tokens: [Token]

    public struct Token: Hashable, Sendable {
        public var key: String
        public var value: String
    }

    /// Parses `text`; nil when it is not a `v<major>.<minor>|…` rule string.
    public static func parse(_ text: String) -> ConnectionSecurityRule? {
        let fields = text.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
        guard let version = fields.first, version.hasPrefix("v"),
            version.dropFirst().split(separator: ".").count == 2,
            version.dropFirst().split(separator: ".").allSatisfy({ Int($0) != nil })
        else { return nil }
        var tokens: [Token] = []
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            tokens.append(Token(key: String(field[..<equals]), value: String(field[field.index(after: equals)...])))
        }
        return ConnectionSecurityRule(version: version, tokens: tokens)
    }

    /// Every value of `key` (`EP2_6` may repeat).
    public func values(_ key: String) -> [String] { tokens.filter { $0.key == key }.map(\.value) }

    public var name: String? { values("Name").first }
    /// `Secure`, `Boundary`, `DoNotSecure`, …
    public var action: String? { values("Action").first }
    /// False when the rule is written disabled (`Active=FALSE`).
    public var isActive: Bool { values("Active").first?.uppercased() != "FALSE" }
    /// The remote and local IPsec tunnel endpoints; empty for a transport-mode rule.
    public var remoteTunnelEndpoints: [String] { values("RTunnel4") + values("RTunnel6") }
    public var localTunnelEndpoints: [String] { values("LTunnel4") + values("LTunnel6") }
    /// True for a tunnel-mode rule (the DirectAccess infrastructure and intranet tunnels).
    public var isTunnel: Bool { !remoteTunnelEndpoints.isEmpty || !localTunnelEndpoints.isEmpty }
    /// The addresses each side of the rule covers (`EP1_4`/`EP1_6`, `EP2_4`/`EP2_6`).
    public var endpoints1: [String] { values("EP1_4") + values("EP1_6") }
    public var endpoints2: [String] { values("EP2_4") + values("EP2_6") }
    /// The main mode and quick mode authentication sets and the quick mode crypto set (their ids).
    public var authenticationSets: [String] { values("Auth1Set") + values("Auth2Set") }
    public var cryptoSet: String? { values("Crypto2Set").first }
    /// The first (main mode) and second authentication set ids.
    public var firstAuthenticationSet: String? { values("Auth1Set").first }
    public var secondAuthenticationSet: String? { values("Auth2Set").first }
}
