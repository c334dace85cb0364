import EstateModel
import RuleAPI

/// What an export cannot say and the plan needs: read from the plan file (YAML, documented in
/// Docs/plan.md). Every value is optional; a missing one is a plan gap, never a guess.
public struct PlanSettings: Sendable, Equatable {
    /// `ProfileName`, and the name of the connection on the clients.
    public var profileName: String?
    /// Public FQDNs clients connect to (NativeProfile/Servers).
    public var vpnServers: [String] = []
    /// RRAS servers to configure (one script each); default: the export's RRAS servers.
    public var rrasServers: [String] = []
    /// Internal IPv4 DNS servers that replace DirectAccess's DNS64 for the NRPT namespaces.
    public var dnsServers: [String] = []
    /// Connection-specific DNS suffixes; the first is the primary.
    public var dnsSuffix: [String] = []
    /// The DNS suffix the corporate LAN hands out (TrustedNetworkDetection).
    public var trustedNetworkSuffix: String?
    /// IPv4 prefixes sent through the user tunnel when split tunnelling (`10.0.0.0/8`).
    public var routes: [String] = []
    /// `split` or `force`; default: DirectAccess's force tunnelling setting.
    public var routing: Routing?
    /// How users authenticate: `peap-tls` or `eap-tls` (user certificate).
    public var userAuthentication: UserAuthentication?
    /// The IKEv2 baseline for servers and clients.
    public var ikev2Baseline: IKEv2Baseline?
    /// Whether to build a device tunnel, and its host routes.
    public var deviceTunnel: DeviceTunnelSettings?
    public var certificates = CertificateSettings()
    /// Expected concurrent connections per server (sizes IkeNumEstablishedForInitialQuery).
    public var expectedConnections: Int?
    /// Days the migration runs: a server certificate expiring within them is reported (90 when unset).
    public var certificateWindowDays: Int?

    public init() {}

    /// What an assessment made with this plan knows: the baseline, the expected connections, and
    /// that a user tunnel is planned (every plan builds one).
    public var assessmentContext: AssessmentContext {
        AssessmentContext(
            baseline: ikev2Baseline, expectedConnections: expectedConnections, plansUserTunnel: true,
            certificateWindowDays: certificateWindowDays ?? AssessmentContext.defaultCertificateWindowDays)
    }

    public enum Routing: String, Sendable, CaseIterable { case split, force }
    public enum UserAuthentication: String, Sendable, CaseIterable {
        case peapTls = "peap-tls"
        case eapTls = "eap-tls"
    }

    public struct DeviceTunnelSettings: Sendable, Equatable {
        public var enabled: Bool
        /// Host routes to domain controllers and management servers (`10.0.0.10/32`).
        public var routes: [String] = []
        public init(enabled: Bool, routes: [String] = []) {
            self.enabled = enabled
            self.routes = routes
        }
    }

    public struct CertificateSettings: Sendable, Equatable {
        /// SHA-1 thumbprint of the root CA that issued the NPS and VPN server certificates.
        public var rootCAThumbprint: String?
        /// NPS server names as in their certificates (EAP server validation).
        public var npsServers: [String] = []
        /// Certificate templates for users and devices.
        public var userTemplate: String?
        public var deviceTemplate: String?
        public init() {}
    }
}
