import EstateModel
import Foundation
import InputErrors

/// The text listings of a server's certificate store Hicks' script writes: `_certificates.txt`
/// (`Get-ChildItem Cert:\LocalMachine\My\ | Select-Object Subject, Issuer, Thumbprint, NotBefore,
/// NotAfter, DnsNameList, EnhancedKeyUsageList, HasPrivateKey | Out-File`) and
/// `_certificates_nokey.txt` (the same store `Where-Object HasPrivateKey -ne True | Format-List`).
/// A listing gives names, usages, the thumbprint and the key's presence, never the DER details
/// (key, signature, CA flag, CRL points): those stay unknown. Dates are printed in the exporting
/// user's culture: they are read only when their form says which number is the day.
enum CertificateListing {
    /// The properties of the `Select-Object` listing.
    static let selectedNames: Set<String> = [
        "Subject", "Issuer", "Thumbprint", "NotBefore", "NotAfter", "DnsNameList", "EnhancedKeyUsageList",
        "HasPrivateKey",
    ]

    /// True for a list view of certificates: first property Subject, with Thumbprint, and either
    /// the selected listing's EnhancedKeyUsageList or the default view's Extensions.
    static func recognises(_ head: String, first: String) -> Bool {
        guard first.hasPrefix("Subject ") && first.contains(" :"), head.contains("\nThumbprint ") else { return false }
        return head.contains("\nEnhancedKeyUsageList ") || head.contains("\nExtensions ")
    }

    /// The certificates of `host`'s `LocalMachine\My` listed in `records`.
    static func read(
        _ records: [[FormattedText.Property]], file: String, host: String, monthFirst: Bool?
    ) throws -> Estate {
        var estate = Estate()
        for record in records {
            let properties = Dictionary(record.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            guard let thumbprintProperty = properties["Thumbprint"] else {
                throw InputError(
                    file: file, line: record.first?.line ?? 0, message: "a certificate listed without its Thumbprint")
            }
            let thumbprint = thumbprintProperty.value.uppercased()
            guard thumbprint.count == 40, thumbprint.allSatisfy(\.isHexDigit) else {
                throw InputError(
                    file: file, line: thumbprintProperty.line,
                    message: "Thumbprint '\(thumbprintProperty.value)' is not 40 hexadecimal digits")
            }
            let evidence = Evidence(
                file: file, location: "line \(thumbprintProperty.line), Thumbprint", value: thumbprint)
            guard let usages = properties["EnhancedKeyUsageList"] else {
                // The default Format-List view (`_certificates_nokey.txt`): every listed
                // certificate lacks its private key; the view has no usages or names.
                estate.certificateKeyStates.append(
                    CertificateKeyState(
                        host: host, thumbprint: thumbprint,
                        hasPrivateKey: Fact(
                            false,
                            Evidence(
                                file: file, location: evidence.location,
                                value: "\(thumbprint) (listed by Where-Object HasPrivateKey -ne True)"))))
                continue
            }
            let names = properties["DnsNameList"]
            if let truncated = [usages, names].compactMap({ $0 }).first(where: { isTruncated($0.value) }) {
                // $FormatEnumerationLimit cut the collection: the certificate is not guessed at.
                estate.notUnderstood.append(
                    NotUnderstood(
                        kind: "certificate \(thumbprint): \(truncated.name) shows only its first entries",
                        evidence: Evidence(
                            file: file, location: "line \(truncated.line), \(truncated.name)", value: truncated.value)))
                if let key = try hasPrivateKey(properties["HasPrivateKey"], file: file) {
                    estate.certificateKeyStates.append(
                        CertificateKeyState(host: host, thumbprint: thumbprint, hasPrivateKey: Fact(key, evidence)))
                }
                continue
            }
            let subject = properties["Subject"]?.value ?? ""
            let notBefore = properties["NotBefore"]
            let notAfter = properties["NotAfter"]
            let before = try notBefore.flatMap { try ListingDate.parse($0, file: file, monthFirst: monthFirst) }
            let after = try notAfter.flatMap { try ListingDate.parse($0, file: file, monthFirst: monthFirst) }
            let oids = usageOIDs(usages.value)
            var certificate = MachineCertificate(
                host: host, store: "LocalMachine\\My", thumbprint: thumbprint, subject: subject,
                commonName: commonName(subject), issuer: properties["Issuer"]?.value ?? "",
                dnsNames: collection(names?.value ?? ""), enhancedKeyUsages: oids.isEmpty ? nil : oids,
                isCertificateAuthority: nil, keyAlgorithm: nil, keyBits: nil, signatureAlgorithm: nil,
                notBefore: before, notAfter: after, crlDistributionPoints: nil,
                hasPrivateKey: try hasPrivateKey(properties["HasPrivateKey"], file: file), evidence: evidence)
            if (notBefore != nil && before == nil) || (notAfter != nil && after == nil) {
                certificate.notBefore = nil
                certificate.notAfter = nil
                certificate.unreadDates =
                    "NotBefore \(notBefore?.value ?? "?"), NotAfter \(notAfter?.value ?? "?")"
            }
            estate.certificates.append(certificate)
        }
        return estate
    }

    /// `{a, b...}`: PowerShell shows at most `$FormatEnumerationLimit` (4) entries, then `...`.
    static func isTruncated(_ value: String) -> Bool {
        value.replacingOccurrences(of: "\n", with: "").hasSuffix("...}")
    }

    /// The entries of `{a, b}` (a value wrapped over lines is joined first: names hold no spaces).
    static func collection(_ value: String) -> [String] {
        let joined = value.replacingOccurrences(of: "\n", with: "")
        guard joined.hasPrefix("{"), joined.hasSuffix("}") else { return joined.isEmpty ? [] : [joined] }
        return joined.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The OIDs of `{Server Authentication (1.3.6.1.5.5.7.3.1), …}`, each entry printed as
    /// `FriendlyName (ObjectId)` (or the bare OID when it has no friendly name).
    static func usageOIDs(_ value: String) -> [String] {
        let joined = value.replacingOccurrences(of: "\n", with: "")
        var oids: [String] = []
        for entry in joined.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",") {
            let text = entry.trimmingCharacters(in: .whitespaces)
            let candidate: Substring
            if let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
                candidate = text[text.index(after: open)..<close]
            } else {
                candidate = Substring(text)
            }
            if candidate.contains("."), candidate.allSatisfy({ $0.isNumber || $0 == "." }) {
                oids.append(String(candidate))
            }
        }
        return oids
    }

    static func commonName(_ subject: String) -> String? {
        subject.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.uppercased().hasPrefix("CN=") }.map { String($0.dropFirst(3)) }
    }

    static func hasPrivateKey(_ property: FormattedText.Property?, file: String) throws -> Bool? {
        guard let property else { return nil }
        switch property.value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw InputError(
                file: file, line: property.line, message: "HasPrivateKey is '\(property.value)', not True or False")
        }
    }
}

/// A date as PowerShell prints it in the exporting user's culture (`G`: short date, long time):
/// `1/15/2027 10:00:00 AM` (en-US), `15/01/2027 10:00:00` (en-GB, fr-FR), `15.01.2027 10:00:00`
/// (de-DE), `2027-01-15 10:00:00` (sv-SE), `2027/01/15 10:00:00` (ja-JP). The server's local
/// time is read as UTC (a few hours do not matter to expiry in days).
enum ListingDate {
    /// The date, or nil when it is ambiguous: a slash or dash date whose day and month are both
    /// 12 or less, with `monthFirst` unknown. Throws on text that is no date at all.
    static func parse(_ property: FormattedText.Property, file: String, monthFirst: Bool?) throws -> Date? {
        let text = property.value.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let invalid = InputError(file: file, line: property.line, message: "\(property.name) '\(text)' is not a date")
        guard parts.count == 2 else { throw invalid }
        guard let separator = parts[0].first(where: { !$0.isNumber }) else { throw invalid }
        let numbers = parts[0].split(separator: separator, omittingEmptySubsequences: true).compactMap { Int($0) }
        guard numbers.count == 3 else { throw invalid }
        let year: Int
        let month: Int
        let day: Int
        if numbers[0] > 31 {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])  // year first: ISO, ja-JP, zh-CN
        } else if separator == "." {
            (day, month, year) = (numbers[0], numbers[1], numbers[2])  // dotted dates put the day first
        } else if numbers[0] > 12 {
            (day, month, year) = (numbers[0], numbers[1], numbers[2])
        } else if numbers[1] > 12 {
            (month, day, year) = (numbers[0], numbers[1], numbers[2])
        } else if let monthFirst {
            (month, day, year) =
                monthFirst ? (numbers[0], numbers[1], numbers[2]) : (numbers[1], numbers[0], numbers[2])
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day), year >= 1000 else { throw invalid }
        let time = parts[1].trimmingCharacters(in: .whitespaces)
        let clock = time.split(separator: " ").first.map(String.init) ?? ""
        let fields = clock.split(separator: ":").compactMap { Int($0) }
        guard fields.count >= 2, fields.count <= 3 else { throw invalid }
        var hour = fields[0]
        let marker = time.dropFirst(clock.count).trimmingCharacters(in: .whitespaces).uppercased()
        if marker.hasPrefix("P"), hour < 12 { hour += 12 }
        if marker.hasPrefix("A"), hour == 12 { hour = 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: fields[1], second: fields.count > 2 ? fields[2] : 0)
        guard let date = calendar.date(from: components) else { throw invalid }
        return date
    }
}
