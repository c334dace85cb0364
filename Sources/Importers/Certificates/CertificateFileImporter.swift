import EstateModel
import Foundation
import InputErrors

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

    /// The first bytes of a DER certificate: a SEQUENCE (long-form length) holding a SEQUENCE (the
    /// body, long-form length) that starts with the explicit version `[0] INTEGER`. A PKCS#12 file
    /// starts its outer SEQUENCE with INTEGER 3; a CRL or a certificate request starts its body
    /// with an INTEGER (version 1, version 0): neither is taken for a certificate (nor are the v1
    /// certificates no Windows CA issues). Only the prefix is checked, so a truncated certificate
    /// is still recognised, then refused by name.
    static func isDERCertificate(_ bytes: Data) -> Bool {
        let head = [UInt8](bytes.prefix(16))
        func longLength(at index: Int) -> Int? {
            guard index < head.count, (0x81...0x83).contains(head[index]) else { return nil }
            return Int(head[index] & 0x7F)
        }
        guard head.first == 0x30, let outer = longLength(at: 1) else { return false }
        let body = 2 + outer
        guard body < head.count, head[body] == 0x30, let inner = longLength(at: body + 1) else { return false }
        let first = body + 2 + inner
        guard first + 1 < head.count else { return false }
        return head[first] == 0xA0 && head[first + 1] == 0x03
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
