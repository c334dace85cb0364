import EstateModel
import Foundation
import RuleAPI

/// The certificates section of the reports: per server (or file), each certificate with its
/// role-relevant facts and the findings whose evidence names it.
struct CertificateTable {
    /// One certificate as the reports show it.
    struct Row: Encodable {
        var host: String?
        var store: String?
        var thumbprint: String
        var subject: String
        var dnsNames: [String]
        /// EKU names (OIDs when unnamed); `any purpose` when the extension is absent.
        var enhancedKeyUsages: [String]
        /// The DER-only facts are null for a certificate known only from a text listing.
        var isCertificateAuthority: Bool?
        var key: String?
        var signatureAlgorithm: String?
        /// Null when a text listing printed the date ambiguously (`unreadDates` then holds it).
        var notBefore: String?
        var notAfter: String?
        var unreadDates: String?
        var crlDistributionPoints: [String]?
        /// Rule ids of the findings whose evidence names this certificate.
        var findings: [String]
        var evidence: Evidence
    }

    static let usageNames: [String: String] = [
        MachineCertificate.serverAuthentication: "Server Authentication",
        MachineCertificate.clientAuthentication: "Client Authentication",
        MachineCertificate.ikeIntermediate: "IP security IKE intermediate",
        MachineCertificate.anyExtendedKeyUsage: "Any Purpose",
    ]

    let rows: [Row]

    init(estate: Estate, findings: [Finding]) {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        // The owner shown is the server's one name (its FQDN when known).
        let names = Dictionary(
            estate.servers.map { ($0.name, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        rows = estate.certificates.map { certificate in
            let hits = findings.filter { finding in
                finding.evidence.contains { $0.value == certificate.thumbprint && $0.file == certificate.evidence.file }
            }
            return Row(
                host: certificate.host.map { names[$0] ?? $0 }, store: certificate.store,
                thumbprint: certificate.thumbprint, subject: certificate.subject, dnsNames: certificate.dnsNames,
                enhancedKeyUsages: certificate.enhancedKeyUsages.map { $0.map { Self.usageNames[$0] ?? $0 } }
                    ?? ["any purpose"],
                isCertificateAuthority: certificate.isCertificateAuthority,
                key: certificate.keyAlgorithm == "RSA"
                    ? "RSA \(certificate.keyBits.map(String.init) ?? "?") bits" : certificate.keyAlgorithm,
                signatureAlgorithm: certificate.signatureAlgorithm, notBefore: certificate.notBefore.map(day.string),
                notAfter: certificate.notAfter.map(day.string), unreadDates: certificate.unreadDates,
                crlDistributionPoints: certificate.crlDistributionPoints,
                findings: Array(Set(hits.map(\.ruleId))).sorted(), evidence: certificate.evidence)
        }
    }

    /// Rows grouped by owner (server, or the file of a loose certificate), for the templates.
    func groups(_ text: (String) -> String) -> [[String: Any]] {
        var order: [String] = []
        var byOwner: [String: [Row]] = [:]
        for row in rows {
            let owner = row.host ?? row.evidence.file
            if byOwner[owner] == nil { order.append(owner) }
            byOwner[owner, default: []].append(row)
        }
        return order.map { owner in
            [
                "owner": text(owner),
                "certificates": (byOwner[owner] ?? []).map { row -> [String: Any] in
                    [
                        "store": text(row.store ?? "file \(row.evidence.file)"),
                        "subject": text(row.subject),
                        "names": text(row.dnsNames.joined(separator: ", ")),
                        "usages": text(
                            row.isCertificateAuthority == true ? "CA" : row.enhancedKeyUsages.joined(separator: ", ")),
                        "key": text(
                            row.key.map { "\($0), \(row.signatureAlgorithm ?? "?")" } ?? "not in the text listing"),
                        "notAfter": text(row.notAfter ?? row.unreadDates.map { "\($0) (not read)" } ?? "unknown"),
                        "thumbprint": text(row.thumbprint),
                        "findings": text(row.findings.isEmpty ? "—" : row.findings.joined(separator: ", ")),
                    ]
                },
            ]
        }
    }
}
