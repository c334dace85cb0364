import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Real certificates made in the tests with swift-certificates: a CA and server certificates with
/// the EKUs, names, keys, validity and CRL distribution points a case needs.
enum TestCertificates {
    static let ikeIntermediate: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 8, 2, 2]

    struct Authority {
        let name: DistinguishedName
        let key: Certificate.PrivateKey
        let der: [UInt8]
    }

    static func authority(_ commonName: String = "Test Issuing CA") throws -> Authority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400 * 400), notValidAfter: now.addingTimeInterval(86_400 * 3650),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            },
            issuerPrivateKey: .init(key))
        return Authority(name: name, key: .init(key), der: try der(certificate))
    }

    /// A server certificate issued by `issuer`.
    static func server(
        names: [String] = ["vpn.example.com"], ikeIntermediate: Bool = true, daysLeft: Double = 335,
        rsaBits: Int? = nil, crl: String? = "http://crl.example.com/issuing.crl", issuer: Authority
    ) throws -> [UInt8] {
        let now = Date()
        let publicKey: Certificate.PublicKey
        if let rsaBits {
            let key =
                rsaBits < 2048
                ? try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: rsaBits))
                : try _RSA.Signing.PrivateKey(keySize: .init(bitCount: rsaBits))
            publicKey = .init(key.publicKey)
        } else {
            publicKey = .init(P256.Signing.PrivateKey().publicKey)
        }
        var usages: [ExtendedKeyUsage.Usage] = [.serverAuth]
        if ikeIntermediate { usages.append(.init(oid: Self.ikeIntermediate)) }
        var extensions = try Certificate.Extensions {
            SubjectAlternativeNames(names.map { .dnsName($0) })
            try ExtendedKeyUsage(usages)
        }
        if let crl { try extensions.append(crlDistributionPoint(crl)) }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-86_400 * 30),
            notValidAfter: now.addingTimeInterval(86_400 * daysLeft),
            issuer: issuer.name, subject: try DistinguishedName { CommonName(names.first ?? "server") },
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: issuer.key)
        return try der(certificate)
    }

    /// CRLDistributionPoints (RFC 5280 §4.2.1.13) with one fullName URI.
    static func crlDistributionPoint(_ uri: String) throws -> Certificate.Extension {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { points in
            points.appendConstructedNode(identifier: .sequence) { point in
                point.appendConstructedNode(identifier: .init(tagWithNumber: 0, tagClass: .contextSpecific)) {
                    name in
                    name.appendConstructedNode(identifier: .init(tagWithNumber: 0, tagClass: .contextSpecific)) {
                        full in
                        full.appendPrimitiveNode(identifier: .init(tagWithNumber: 6, tagClass: .contextSpecific)) {
                            $0.append(contentsOf: Array(uri.utf8))
                        }
                    }
                }
            }
        }
        return Certificate.Extension(oid: [2, 5, 29, 31], critical: false, value: serializer.serializedBytes[...])
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    static func pem(_ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// SHA-1 of the DER, upper-case hex: the Windows thumbprint.
    static func thumbprint(_ der: [UInt8]) -> String {
        Insecure.SHA1.hash(data: der).map { String(format: "%02X", $0) }.joined()
    }

    /// `Get-ChildItem Cert:\LocalMachine\My | Export-Clixml` as Windows PowerShell 5.1 writes it
    /// (the structure of a real export: type names, ToString, RawData, the provider's note
    /// properties), for `certificates` of `store`.
    static func cliXml(_ certificates: [[UInt8]], store: String = "LocalMachine\\My") -> String {
        var objects = ""
        for (index, der) in certificates.enumerated() {
            let thumbprint = thumbprint(der)
            objects += """
                  <Obj RefId="\(index)">
                    <TN RefId="0">
                      <T>System.Security.Cryptography.X509Certificates.X509Certificate2</T>
                      <T>System.Security.Cryptography.X509Certificates.X509Certificate</T>
                      <T>System.Object</T>
                    </TN>
                    <ToString>[Subject]_x000D__x000A_  CN=test_x000D__x000A__x000D__x000A_[Thumbprint]_x000D__x000A_  \(thumbprint)_x000D__x000A_</ToString>
                    <Props>
                      <BA N="RawData">\(Data(der).base64EncodedString())</BA>
                    </Props>
                    <MS>
                      <S N="PSPath">Microsoft.PowerShell.Security\\Certificate::\(store)\\\(thumbprint)</S>
                      <S N="PSParentPath">Microsoft.PowerShell.Security\\Certificate::\(store)</S>
                      <S N="PSChildName">\(thumbprint)</S>
                      <B N="PSIsContainer">false</B>
                    </MS>
                  </Obj>

                """
        }
        return """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
            \(objects)</Objs>
            """
    }

    /// Text as Windows PowerShell 5.1 writes it: UTF-16LE with BOM.
    static func utf16(_ text: String) -> Data {
        Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
    }
}
