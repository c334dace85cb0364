import EstateModel
import Foundation
import RuleAPI

/// The `certificates` module: the servers' certificates, read from their stores, against what
/// IKEv2 and SSTP clients need on the first connection.
public enum CertificateRules {
    public static let module = "certificates"
    public static let all: [any Rule.Type] = [
        CertIKEv2EkuMissingRule.self, CertExpiringRule.self, CertWeakKeyRule.self, CertNameMismatchRule.self,
        CertDiffersAcrossFarmRule.self, CertIssuerNotExportedRule.self, CertDeviceTunnelRootUnsetRule.self,
        CertSstpRevocationUnreachableRule.self, CertSstpCertificateNotExportedRule.self, CertPrivateKeyMissingRule.self,
    ]

    /// Hicks: error 13801 and the server certificate's EKUs, name and chain.
    static let hicks13801 = "https://directaccess.richardhicks.com/2021/12/13/always-on-vpn-error-13801/"
    /// RFC 4945 §5.1.3.12: the IKE intermediate EKU.
    static let rfc4945 = "https://www.rfc-editor.org/rfc/rfc4945"
    /// RFC 5280: certificate validity, key usage, CRL distribution points.
    static let rfc5280 = "https://www.rfc-editor.org/rfc/rfc5280"
}

extension Estate {
    /// The certificates exported for `server`'s personal store (`LocalMachine\My`, or a
    /// certificate file in its folder); nil when none was exported for it.
    func personalCertificates(of server: Server) -> [MachineCertificate]? {
        let all = certificates(of: server).filter { certificate in
            guard let store = certificate.store?.lowercased() else { return true }
            return store.hasSuffix("\\my")
        }
        return all.isEmpty ? nil : all
    }
}

extension Estate {
    /// The hashes naming the certificate SSTP presents on `server`: `SstpSvc\Parameters`
    /// (SHA1CertificateHash, SHA256CertificateHash) and HTTP.sys bindings registered by SSTP
    /// (`netsh http show sslcert`), each with its evidence.
    func sstpCertificateHashes(of server: Server) -> [Fact<String>] {
        let registry = [server.registry.sstpCertificateSHA1, server.registry.sstpCertificateSHA256].compactMap { $0 }
        let bindings = tlsBindings.filter {
            $0.host == server.name && $0.applicationId == TlsBinding.sstpApplicationId
        }.map { Fact($0.certificateHash, $0.evidence) }
        return registry + bindings
    }
}

extension Estate {
    /// True when `certificate` chains to `root` through the exported CA certificates (by issuer
    /// and subject names, at most 8 links).
    func chains(_ certificate: MachineCertificate, to root: MachineCertificate) -> Bool {
        var issuer = certificate.issuer
        for _ in 0..<8 {
            if issuer == root.subject { return true }
            guard
                let next = certificates.first(where: {
                    $0.isCertificateAuthority == true && $0.subject == issuer && $0.issuer != $0.subject
                })
            else { return false }
            issuer = next.issuer
        }
        return false
    }
}

extension MachineCertificate {
    /// How the certificate is shown in a finding: its subject, thumbprint and expiry.
    var label: String {
        guard let notAfter else { return "\(commonName ?? subject) (\(thumbprint.prefix(8))…)" }
        let day = ISO8601DateFormatter.string(from: notAfter, timeZone: .gmt, formatOptions: [.withFullDate])
        return "\(commonName ?? subject) (\(thumbprint.prefix(8))…, expires \(day))"
    }
}
