import Crypto
import EstateModel
import Foundation
import InputErrors
import SwiftASN1
import X509

/// Reads an X.509 certificate's DER bytes into a ``MachineCertificate`` with swift-asn1's DER
/// parser and swift-certificates' types (names, extensions). The structure is walked node by node
/// rather than through `Certificate(derEncoded:)`, which refuses RSA keys under 2 048 bits: those
/// certificates exist in real stores, and reporting them is the point.
struct CertificateReader {
    /// Where the certificate comes from (file, location), for evidence and errors.
    let file: String
    let location: String
    let line: Int

    /// Reads one certificate; malformed DER is an ``InputError`` naming the file and location.
    func read(der: [UInt8], host: String?, store: String?, hasPrivateKey: Bool? = nil) throws -> MachineCertificate {
        do {
            return try parse(der, host: host, store: store, hasPrivateKey: hasPrivateKey)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, line: line, message: "\(location): not a valid X.509 certificate (\(error))")
        }
    }

    private func problem(_ message: String) -> InputError {
        InputError(file: file, line: line, message: "\(location): \(message)")
    }

    private func children(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw problem("expected a DER SEQUENCE") }
        return Array(nodes)
    }

    private func parse(_ der: [UInt8], host: String?, store: String?, hasPrivateKey: Bool?) throws
        -> MachineCertificate
    {
        let root = try DER.parse(der)
        let top = try children(root)
        guard top.count == 3, root.identifier == .sequence else { throw problem("not an X.509 certificate") }
        var tbs = try children(top[0])[...]
        // version [0] EXPLICIT is optional (v1 certificates).
        if let first = tbs.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            tbs = tbs.dropFirst()
        }
        let fields = Array(tbs)
        guard fields.count >= 6 else { throw problem("certificate body too short") }
        let issuer = try DistinguishedName(derEncoded: fields[2])
        let validity = try children(fields[3])
        guard validity.count == 2 else { throw problem("validity is not two times") }
        let subject = try DistinguishedName(derEncoded: fields[4])
        let (keyAlgorithm, keyBits) = try publicKey(fields[5])
        var extensions: [Certificate.Extension] = []
        for field in fields.dropFirst(6)
        where field.identifier == ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific) {
            let list = try children(field)
            guard let sequence = list.first else { continue }
            extensions = try children(sequence).map { try Certificate.Extension(derEncoded: $0) }
        }
        let parsed = try Certificate.Extensions(extensions)
        let signatureOID = try children(top[1]).first.map { try ASN1ObjectIdentifier(derEncoded: $0) }
        let thumbprint = Insecure.SHA1.hash(data: der).map { String(format: "%02X", $0) }.joined()
        var dnsNames: [String] = []
        for name in try parsed.subjectAlternativeNames ?? SubjectAlternativeNames([]) {
            if case .dnsName(let dns) = name { dnsNames.append(dns) }
        }
        let basic = try parsed.basicConstraints
        let isCA: Bool
        if case .isCertificateAuthority = basic { isCA = true } else { isCA = false }
        let ekus = try parsed.extendedKeyUsage.map { usages in usages.map { "\(ASN1ObjectIdentifier($0))" } }
        var ocsp: [String] = []
        for access in try parsed.authorityInformationAccess ?? AuthorityInformationAccess([])
        where access.method == .ocspServer {
            if case .uniformResourceIdentifier(let uri) = access.location { ocsp.append(uri) }
        }
        var crls: [String] = []
        if let crl = parsed.first(where: { $0.oid == [2, 5, 29, 31] }) { crls = uris(in: try DER.parse(crl.value)) }
        var certificate = MachineCertificate(
            host: host, store: store, thumbprint: thumbprint,
            sha256: SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(), subject: subject.description,
            commonName: Self.commonName(subject), issuer: issuer.description, dnsNames: dnsNames,
            enhancedKeyUsages: ekus, isCertificateAuthority: isCA, keyAlgorithm: keyAlgorithm, keyBits: keyBits,
            signatureAlgorithm: signatureOID.map { Self.signatureNames["\($0)"] ?? "\($0)" } ?? "unknown",
            notBefore: try Self.date(validity[0]), notAfter: try Self.date(validity[1]),
            crlDistributionPoints: crls, hasPrivateKey: hasPrivateKey,
            evidence: Evidence(file: file, location: location, value: thumbprint))
        certificate.ocspResponders = ocsp
        return certificate
    }

    /// The key's algorithm and size: the RSA modulus length, or the named curve.
    private func publicKey(_ node: ASN1Node) throws -> (String, Int?) {
        let spki = try children(node)
        guard spki.count == 2 else { throw problem("malformed subject public key") }
        let algorithm = try children(spki[0])
        guard let oidNode = algorithm.first else { throw problem("malformed key algorithm") }
        let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
        switch "\(oid)" {
        case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10":
            let key = try ASN1BitString(derEncoded: spki[1])
            let rsa = try children(try DER.parse(key.bytes))
            guard let modulus = rsa.first, case .primitive(let bytes) = modulus.content else {
                throw problem("malformed RSA key")
            }
            let significant = bytes.drop { $0 == 0 }
            guard let first = significant.first else { return ("RSA", 0) }
            return ("RSA", significant.count * 8 - first.leadingZeroBitCount)
        case "1.2.840.10045.2.1":
            let curve = try algorithm.dropFirst().first.map { "\(try ASN1ObjectIdentifier(derEncoded: $0))" }
            switch curve {
            case "1.2.840.10045.3.1.7": return ("ECDSA P-256", 256)
            case "1.3.132.0.34": return ("ECDSA P-384", 384)
            case "1.3.132.0.35": return ("ECDSA P-521", 521)
            default: return ("ECDSA \(curve ?? "unknown curve")", nil)
            }
        case "1.3.101.112": return ("Ed25519", 256)
        default: return ("\(oid)", nil)
        }
    }

    /// Every uniformResourceIdentifier ([6] IA5String) in a CRL distribution points value.
    private func uris(in node: ASN1Node) -> [String] {
        switch node.content {
        case .primitive(let bytes):
            return node.identifier == ASN1Identifier(tagWithNumber: 6, tagClass: .contextSpecific)
                ? [String(decoding: bytes, as: UTF8.self)] : []
        case .constructed(let nodes):
            return nodes.flatMap { uris(in: $0) }
        }
    }

    private static func commonName(_ name: DistinguishedName) -> String? {
        for rdn in name {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(attribute.value)
            }
        }
        return nil
    }

    private static func date(_ node: ASN1Node) throws -> Date {
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        } else {
            let time = try GeneralizedTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else {
            throw InputError(file: "", line: 0, message: "invalid certificate time")
        }
        return date
    }

    /// Signature algorithm OIDs by the names `openssl` and Windows print.
    static let signatureNames: [String: String] = [
        "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10": "rsassaPss",
        "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
        "1.2.840.10045.4.1": "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
        "1.3.101.112": "Ed25519",
    ]
}
