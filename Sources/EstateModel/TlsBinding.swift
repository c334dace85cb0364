/// An HTTP.sys TLS binding (`netsh http show sslcert`): which certificate answers on an endpoint.
/// SSTP and IP-HTTPS are served through HTTP.sys on TCP 443.
public struct TlsBinding: Codable, Hashable, Sendable {
    /// The server the output came from (lower-cased short name).
    public var host: String
    /// `IP:port` (`0.0.0.0:443`, `[::]:443`) or `Hostname:port`.
    public var endpoint: String
    /// The certificate's SHA-1 thumbprint, upper-case.
    public var certificateHash: String
    /// The application that registered the binding, e.g. `{ba195980-cd49-458b-9e23-c84ee0adcd75}`
    /// for SSTP (the GUID of its `/sra_{...}/` URL).
    public var applicationId: String?
    /// `Certificate Store Name` (`MY`).
    public var storeName: String?
    public var evidence: Evidence

    public init(
        host: String, endpoint: String, certificateHash: String, applicationId: String?, storeName: String?,
        evidence: Evidence
    ) {
        self.host = host
        self.endpoint = endpoint
        self.certificateHash = certificateHash
        self.applicationId = applicationId
        self.storeName = storeName
        self.evidence = evidence
    }

    /// The application ID RRAS registers for SSTP.
    public static let sstpApplicationId = "{ba195980-cd49-458b-9e23-c84ee0adcd75}"

    /// The port of the endpoint, when it has one.
    public var port: Int? { endpoint.split(separator: ":").last.flatMap { Int($0) } }
}
