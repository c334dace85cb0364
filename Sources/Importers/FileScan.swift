import Crypto
import Foundation
import SwiftASN1

/// One pass over a file's bytes: its SHA-256 (the identity the store keeps) and whether it holds
/// a PEM private key anywhere (then it is never parsed, only its presence recorded).
struct FileScan {
    /// Lowercase hex SHA-256 of the whole file.
    let sha256: String
    /// Where a private key is: `PEM block` (a `-----BEGIN ... PRIVATE KEY-----` marker anywhere),
    /// `PKCS#12 container` (a `.pfx`/`.p12` file, whatever its name), or nil.
    let privateKey: String?
    var hasPrivateKey: Bool { privateKey != nil }

    /// How many bytes of one chunk are kept for the next, so that a marker cut by a chunk
    /// boundary is still seen whole (longer than `-----BEGIN ENCRYPTED PRIVATE KEY-----`).
    static let overlap = 96

    init(sha256: String, privateKey: String?) {
        self.sha256 = sha256
        self.privateKey = privateKey
    }

    /// A pass of its own over the file (when the importer did not read it all in order).
    init(_ file: ImportedFile) throws {
        let scanner = FileScanner()
        try file.forEachChunk { scanner.update($0) }
        self = scanner.finish()
    }

    /// A PFX (RFC 7292; BER, as tools write it): SEQUENCE { INTEGER 3, ContentInfo { OID pkcs7-data or signedData, ... }, ... }.
    static func isPKCS12(_ data: Data) -> Bool {
        guard data.first == 0x30, let root = try? BER.parse([UInt8](data)), case .constructed(let top) = root.content
        else { return false }
        let fields = Array(top)
        guard fields.count >= 2, let version = try? Int(berEncoded: fields[0]), version == 3,
            case .constructed(let info) = fields[1].content, let oidNode = Array(info).first,
            let oid = try? ASN1ObjectIdentifier(berEncoded: oidNode)
        else { return false }
        return ["1.2.840.113549.1.7.1", "1.2.840.113549.1.7.2"].contains("\(oid)")
    }
}

/// A ``FileScan`` made from the chunks an importer reads anyway, in order and without overlap,
/// so the SHA-256 and the private key scan cost no pass of their own (the CLIXML importer runs
/// it on the thread beside the parse). Used by one thread at a time.
final class FileScanner: @unchecked Sendable {
    private var hasher = SHA256()
    private var found = false
    private var tail = Data()
    private var pkcs12 = false
    /// Bytes seen so far: the scan stands for the file only when this is its size.
    private(set) var byteCount = 0

    /// The next bytes of the file.
    func update(_ chunk: Data) {
        if byteCount == 0 { pkcs12 = FileScan.isPKCS12(chunk) }
        byteCount += chunk.count
        hasher.update(data: chunk)
        if !found {
            found = SecretRedaction.containsPrivateKey(tail.isEmpty ? chunk : tail + chunk)
            tail = Data(chunk.suffix(FileScan.overlap))
        }
    }

    func finish() -> FileScan {
        FileScan(
            sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined(),
            privateKey: pkcs12 ? "PKCS#12 container" : found ? "PEM block" : nil)
    }
}
