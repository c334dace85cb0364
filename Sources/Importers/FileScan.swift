import Crypto
import Foundation

/// One pass over a file's bytes: its SHA-256 (the identity the store keeps) and whether it holds
/// a PEM private key anywhere (then it is never parsed, only its presence recorded).
struct FileScan {
    /// Lowercase hex SHA-256 of the whole file.
    let sha256: String
    /// True when a `-----BEGIN ... PRIVATE KEY-----` marker is in the file.
    let hasPrivateKey: Bool

    /// How many bytes of one chunk are kept for the next, so that a marker cut by a chunk
    /// boundary is still seen whole (longer than `-----BEGIN ENCRYPTED PRIVATE KEY-----`).
    static let overlap = 96

    init(_ file: ImportedFile) throws {
        var hasher = SHA256()
        var found = false
        var tail = Data()
        try file.forEachChunk { chunk in
            hasher.update(data: chunk)
            if !found {
                found = SecretRedaction.containsPrivateKey(tail.isEmpty ? chunk : tail + chunk)
                tail = Data(chunk.suffix(Self.overlap))
            }
        }
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        hasPrivateKey = found
    }
}
