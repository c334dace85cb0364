import Foundation

/// A certificate from a server's certificate store or an exported file, as read from its DER
/// bytes, or from a text listing of the store (`Select-Object Subject, Issuer, Thumbprint,
/// NotBefore, NotAfter, DnsNameList, EnhancedKeyUsageList, HasPrivateKey | Out-File`): a listing
/// leaves the DER-only details (key, signature, basic constraints, CRL points, SHA-256) nil, and
/// the dates nil when it printed them ambiguously. Its private key is never read: at most whether
/// the export says one is present.
public struct MachineCertificate: Codable, Hashable, Sendable {
    /// The server whose store held it (lower-cased short name), nil for a loose file at the bundle root.
    public var host: String?
    /// The store it was exported from (`LocalMachine\My`, `LocalMachine\Root`), when the export says.
    public var store: String?
    /// SHA-1 of the DER bytes, upper-case hex: the thumbprint Windows shows and cmdlets take.
    public var thumbprint: String
    /// SHA-256 of the DER bytes, upper-case hex (what `SstpSvc\Parameters\SHA256CertificateHash` holds).
    public var sha256: String?
    /// Subject distinguished name (RFC 4514 order, as `openssl` and .NET print it reversed).
    public var subject: String
    /// The subject's common name, when it has one.
    public var commonName: String?
    /// Issuer distinguished name.
    public var issuer: String
    /// Subject alternative names of type dNSName.
    public var dnsNames: [String]
    /// Enhanced key usage OIDs; nil when the extension is absent (valid for any purpose).
    public var enhancedKeyUsages: [String]?
    /// True when Basic Constraints says it is a CA; nil when only a text listing was exported.
    public var isCertificateAuthority: Bool?
    /// `RSA`, `ECDSA P-256`, `ECDSA P-384`, `ECDSA P-521`, `Ed25519` or the algorithm's OID; nil
    /// when only a text listing was exported.
    public var keyAlgorithm: String?
    /// Key size in bits (RSA modulus, EC curve size), when known.
    public var keyBits: Int?
    /// Signature algorithm, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA384`,
    /// `sha1WithRSAEncryption`; nil when only a text listing was exported.
    public var signatureAlgorithm: String?
    /// Validity; nil when a text listing printed the date in a form that cannot be read for sure.
    public var notBefore: Date?
    public var notAfter: Date?
    /// The dates as a text listing printed them, when they could not be read (`15/01/2027 10:00:00`).
    public var unreadDates: String?
    /// CRL distribution point URIs; nil when only a text listing was exported.
    public var crlDistributionPoints: [String]?
    /// OCSP responder URIs (Authority Information Access).
    public var ocspResponders: [String] = []
    /// Whether the store export says the private key is present (`HasPrivateKey`); nil when it does not say.
    public var hasPrivateKey: Bool?
    /// Where it was read, with the thumbprint as the value.
    public var evidence: Evidence

    public init(
        host: String?, store: String?, thumbprint: String, sha256: String? = nil, subject: String, commonName: String?,
        issuer: String,
        dnsNames: [String], enhancedKeyUsages: [String]?, isCertificateAuthority: Bool?, keyAlgorithm: String?,
        keyBits: Int?, signatureAlgorithm: String?, notBefore: Date?, notAfter: Date?, crlDistributionPoints: [String]?,
        hasPrivateKey: Bool? = nil, evidence: Evidence
    ) {
        self.host = host
        self.store = store
        self.thumbprint = thumbprint
        self.sha256 = sha256
        self.subject = subject
        self.commonName = commonName
        self.issuer = issuer
        self.dnsNames = dnsNames
        self.enhancedKeyUsages = enhancedKeyUsages
        self.isCertificateAuthority = isCertificateAuthority
        self.keyAlgorithm = keyAlgorithm
        self.keyBits = keyBits
        self.signatureAlgorithm = signatureAlgorithm
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.crlDistributionPoints = crlDistributionPoints
        self.hasPrivateKey = hasPrivateKey
        self.evidence = evidence
    }

    /// Server Authentication (RFC 5280).
    public static let serverAuthentication = "1.3.6.1.5.5.7.3.1"
    /// Client Authentication (RFC 5280).
    public static let clientAuthentication = "1.3.6.1.5.5.7.3.2"
    /// IP security IKE intermediate (RFC 4945 §5.1.3.12): what Windows IKEv2 servers need beside Server Authentication.
    public static let ikeIntermediate = "1.3.6.1.5.5.8.2.2"
    /// Any extended key usage.
    public static let anyExtendedKeyUsage = "2.5.29.37.0"

    /// True when the DER certificate was read (not only a text listing of the store): the key,
    /// signature, CA flag and revocation points are known.
    public var hasDerDetails: Bool { signatureAlgorithm != nil }

    /// True when a client on the Internet can check revocation: an HTTP(S) CRL distribution point
    /// or an OCSP responder (an `ldap://` or `file://` CDP is reachable only inside). False when
    /// the points are unknown (see ``hasDerDetails``).
    public var hasInternetRevocationCheck: Bool {
        ((crlDistributionPoints ?? []) + ocspResponders).contains {
            let uri = $0.lowercased()
            return uri.hasPrefix("http://") || uri.hasPrefix("https://")
        }
    }

    /// True when `hash` (hex, any case) is this certificate's SHA-1 thumbprint or SHA-256.
    public func isIdentified(by hash: String) -> Bool {
        let hash = hash.uppercased()
        return hash == thumbprint || hash == sha256
    }

    /// True when the certificate may be used for `usage`: the EKU extension lists it, lists
    /// anyExtendedKeyUsage, or is absent (Windows then accepts any purpose).
    public func allows(_ usage: String) -> Bool {
        guard let usages = enhancedKeyUsages else { return true }
        return usages.contains(usage) || usages.contains(Self.anyExtendedKeyUsage)
    }

    /// True for an end-entity certificate a server can present for TLS or IKE (Server Authentication).
    /// A listed certificate whose CA flag is unknown counts as end-entity.
    public var isServerCertificate: Bool { isCertificateAuthority != true && allows(Self.serverAuthentication) }

    /// A server certificate IKEv2 clients accept: Server Authentication and IP security IKE
    /// intermediate (or no EKU restriction).
    public var servesIKEv2: Bool { isServerCertificate && allows(Self.ikeIntermediate) }

    /// True while `date` is within the validity period; a date that could not be read does not
    /// exclude it (cert-expiring says it was not assessed).
    public func isValid(at date: Date) -> Bool {
        (notBefore ?? .distantPast) <= date && date <= (notAfter ?? .distantFuture)
    }

    /// The names a client can match: the dNSName SANs, or the common name when there is no SAN
    /// (Windows falls back to the CN only then).
    public var matchableNames: [String] { dnsNames.isEmpty ? commonName.map { [$0] } ?? [] : dnsNames }

    /// True when `name` matches one of ``matchableNames`` as Windows applies them: case-insensitive,
    /// a wildcard only as the whole left-most label and matching exactly one label.
    public func matches(name: String) -> Bool {
        let name = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return matchableNames.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern == name { return true }
            guard pattern.hasPrefix("*.") else { return false }
            let suffix = pattern.dropFirst(1)
            guard name.hasSuffix(suffix) else { return false }
            let label = name.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}

/// Whether a certificate's private key is present on a server, from a `Select-Object Thumbprint,
/// HasPrivateKey` export of its store (the full store export does not carry it).
public struct CertificateKeyState: Codable, Hashable, Sendable {
    /// The server (lower-cased short name).
    public var host: String
    /// The certificate's thumbprint, upper-case.
    public var thumbprint: String
    public var hasPrivateKey: Fact<Bool>

    public init(host: String, thumbprint: String, hasPrivateKey: Fact<Bool>) {
        self.host = host
        self.thumbprint = thumbprint
        self.hasPrivateKey = hasPrivateKey
    }
}
