import EstateModel
import Foundation
import InputErrors
import SwiftASN1

/// Imports certificate files as `Export-Certificate` and `certutil` write them: DER (`.cer`,
/// `-Type CERT`) or PEM / Base64 (`certutil -encode`, `openssl`), one certificate or a bundle of
/// several. The server is the folder holding the file. A PKCS#12 (`.pfx`) file is never read:
/// ``FileScan`` records its presence as a private key before any importer sees it.
enum CertificateFileImporter: Importer {
    static let format = ExportFormat.certificate

    static let pemBegin = "-----BEGIN CERTIFICATE-----"
    static let pemEnd = "-----END CERTIFICATE-----"

    static func recognises(_ head: FileHead) -> Bool {
        if !head.isMarkup, head.text.contains(pemBegin) { return true }
        return isDERCertificate(head.bytes)
    }

    /// A DER SEQUENCE of three (body, algorithm, signature) whose body starts with the version
    /// `[0]` or the serial number: a certificate, not a PKCS#12 (version 3, then content) or other DER.
    static func isDERCertificate(_ bytes: Data) -> Bool {
        guard bytes.first == 0x30, let root = try? DER.parse([UInt8](bytes)),
            case .constructed(let top) = root.content, Array(top).count == 3,
            let body = top.first(where: { _ in true }), body.identifier == .sequence,
            case .constructed(let fields) = body.content, let first = fields.first(where: { _ in true })
        else { return false }
        return first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
            || (first.identifier == .integer && Array(fields).count >= 6)
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let data = try file.contents()
        let host = Server.identity(of: file.serverHint)
        var estate = Estate()
        if data.first == 0x30 {
            let reader = CertificateReader(file: file.path, location: "DER certificate", line: 0)
            estate.certificates.append(try reader.read(der: [UInt8](data), host: host, store: nil))
        } else {
            let text = try TextDecoder.decode(data, file: file.path)
            var block: (start: Int, base64: String)?
            var number = 0
            for (index, line) in TextDecoder.lines(text).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed == pemBegin {
                    block = (index + 1, "")
                } else if trimmed == pemEnd, let open = block {
                    number += 1
                    guard let der = Data(base64Encoded: open.base64) else {
                        throw InputError(
                            file: file.path, line: open.start, message: "PEM certificate is not valid Base64")
                    }
                    let reader = CertificateReader(
                        file: file.path, location: "PEM certificate \(number) (line \(open.start))", line: open.start)
                    estate.certificates.append(try reader.read(der: [UInt8](der), host: host, store: nil))
                    block = nil
                } else if block != nil {
                    block?.base64 += trimmed
                }
            }
            if let open = block {
                throw InputError(file: file.path, line: open.start, message: "PEM certificate without \(pemEnd)")
            }
        }
        return FileImport(
            file: file, format: format, estate: estate, objectCounts: ["certificates": estate.certificates.count])
    }
}
