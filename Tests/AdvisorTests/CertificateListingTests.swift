import CertificateRules
import EstateModel
import Foundation
import Importers
import RuleAPI
import Testing

/// Certificates known only from the text listing of a store (Hicks' `_certificates.txt`): what
/// they can feed, what they cannot, and dates in the exporting user's culture.
@Suite struct CertificateListingTests {
    static func listing(
        notBefore: String, notAfter: String, thumbprint: String = "8E1F5C2A7B3D9E4F6A0B1C2D3E4F5A6B7C8D9E0F"
    )
        -> String
    {
        """

        Subject              : CN=vpn.contoso.com
        Issuer               : CN=Contoso Issuing CA
        Thumbprint           : \(thumbprint)
        NotBefore            : \(notBefore)
        NotAfter             : \(notAfter)
        DnsNameList          : {vpn.contoso.com}
        EnhancedKeyUsageList : {Server Authentication (1.3.6.1.5.5.7.3.1), IP security IKE intermediate (1.3.6.1.5.5.8.2.2)}
        HasPrivateKey        : True

        """
    }

    static func systeminfo(locale: String) -> String {
        "\r\nHost Name:                 RRAS01\r\nOS Name:                   Microsoft Windows Server 2019 Standard\r\nOS Version:                10.0.17763 N/A Build 17763\r\nSystem Locale:             \(locale)\r\n"
    }

    func certificates(_ listing: String, systeminfo: String? = nil) throws -> [MachineCertificate] {
        var files = [
            ImportedFile(
                path: "RasData/rras01_certificates.txt", data: TestInput.utf16LEWithBOM(listing), serverHint: "rras01")
        ]
        if let systeminfo {
            files.append(
                ImportedFile(
                    path: "RasData/rras01_systemconfig.txt", data: TestInput.utf16LEWithBOM(systeminfo),
                    serverHint: "rras01"))
        }
        return try EstateImporter.importBundle(ExportBundle(name: "e", files: files)).estate.certificates
    }

    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }

    @Test func unambiguousDatesAreReadInAnyCulture() throws {
        let cases: [(String, String)] = [
            ("1/15/2027 10:00:00 AM", "2027-01-15T10:00:00Z"),  // en-US, the day > 12
            ("15/01/2027 22:00:00", "2027-01-15T22:00:00Z"),  // en-GB, fr-FR
            ("15.01.2027 10:00:00", "2027-01-15T10:00:00Z"),  // de-DE: dotted dates put the day first
            ("2027-01-05 4:00:51 PM", "2027-01-05T16:00:51Z"),  // en-CA
            ("2027/01/05 10:00:00", "2027-01-05T10:00:00Z"),  // ja-JP
            ("1/5/2027 12:30:00 AM", ""),  // ambiguous without a locale: kept as text
        ]
        for (text, expected) in cases {
            let certificate = try #require(try certificates(Self.listing(notBefore: text, notAfter: text)).first)
            if expected.isEmpty {
                #expect(certificate.notAfter == nil && certificate.unreadDates?.contains(text) == true, "\(text)")
            } else {
                #expect(certificate.notAfter == Self.date(expected), "\(text)")
            }
        }
    }

    @Test func theSystemLocaleSettlesSlashDates() throws {
        let us = try #require(
            try certificates(
                Self.listing(notBefore: "1/5/2026 12:30:00 AM", notAfter: "1/5/2027 12:30:00 PM"),
                systeminfo: Self.systeminfo(locale: "en-us;English (United States)")
            ).first)
        #expect(us.notBefore == Self.date("2026-01-05T00:30:00Z") && us.notAfter == Self.date("2027-01-05T12:30:00Z"))
        let uk = try #require(
            try certificates(
                Self.listing(notBefore: "01/05/2026 10:00:00", notAfter: "01/05/2027 10:00:00"),
                systeminfo: Self.systeminfo(locale: "en-gb;English (United Kingdom)")
            ).first)
        #expect(uk.notAfter == Self.date("2027-05-01T10:00:00Z"))
    }

    @Test func aTruncatedCollectionIsNotGuessedAt() throws {
        let listing = Self.listing(notBefore: "1/15/2026 10:00:00 AM", notAfter: "1/15/2027 10:00:00 AM")
            .replacingOccurrences(
                of: "{vpn.contoso.com}", with: "{a.contoso.com, b.contoso.com, c.contoso.com, d.contoso.com...}")
        let result = try EstateImporter.importBundle(
            ExportBundle(
                name: "e",
                files: [
                    ImportedFile(
                        path: "RasData/rras01_certificates.txt", data: TestInput.utf16LEWithBOM(listing),
                        serverHint: "rras01")
                ]))
        #expect(result.estate.certificates.isEmpty)
        #expect(result.estate.notUnderstood.contains { $0.kind.contains("DnsNameList shows only its first entries") })
        #expect(result.estate.certificateKeyStates.first?.hasPrivateKey.value == true)
    }

    @Test func listedCertificatesFeedTheRulesThatNeedNoDer() throws {
        var estate = Estate(servers: [Server(name: "rras01", roles: [.vpn])])
        estate.servers[0].vpn.userAuthProtocolsAccepted = ExampleEstate.fact(["EAP"])
        // Expired two months ago, SSTP offered: expiry and EKUs are judged, the key and CRL points are not.
        estate.certificates = try certificates(
            Self.listing(notBefore: "1/15/2025 10:00:00 AM", notAfter: "\(Self.monthsAgo(2)) 10:00:00 AM"))
        estate.servers[0].vpn.ports = ExampleEstate.ports([(.sstp, 10), (.ikev2, 10)])
        let findings = RuleEngine(rules: CertificateRules.all).assess(estate, context: AssessmentContext())
        func outcome(_ id: String) -> Finding.Outcome? { findings.first { $0.ruleId == id }?.outcome }
        #expect(outcome("cert-expiring") == .finding, "\(findings)")
        #expect(outcome("cert-weak-key") == .notAssessed)
        #expect(findings.first { $0.ruleId == "cert-weak-key" }?.message.contains("text listing") == true)
    }

    @Test func theDerCertificateWinsOverItsListing() throws {
        let ca = try TestCertificates.authority()
        let der = try TestCertificates.server(issuer: ca)
        let thumbprint = TestCertificates.thumbprint(der)
        let files = [
            ImportedFile(
                path: "RasData/rras01_certificates.txt",
                data: TestInput.utf16LEWithBOM(
                    Self.listing(
                        notBefore: "1/15/2026 10:00:00 AM", notAfter: "1/15/2027 10:00:00 AM", thumbprint: thumbprint)),
                serverHint: "rras01"),
            ImportedFile(
                path: "rras01/my.xml", data: Data(TestCertificates.cliXml([der]).utf8), serverHint: "rras01"),
        ]
        let estate = try EstateImporter.importBundle(ExportBundle(name: "e", files: files)).estate
        let certificate = try #require(estate.certificates.first)
        #expect(estate.certificates.count == 1)
        #expect(certificate.hasDerDetails && certificate.keyAlgorithm == "ECDSA P-256")
        #expect(certificate.hasPrivateKey == true, "the listing's HasPrivateKey is kept")
    }

    /// `M/d/yyyy` of the first day of the month `months` before today.
    static func monthsAgo(_ months: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .month, value: -months, to: Date())!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return "\(parts.month!)/28/\(parts.year!)"
    }
}
