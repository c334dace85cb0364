import Foundation

/// Recognises secrets in raw text so that evidence never carries them: `secret = "..."` (netsh),
/// `-password ...` (ns.conf), pre-shared keys, and PEM private keys.
enum SecretRedaction {
    private static let assignment = #"(?i)((?:secret|password|passwd|passphrase|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)"#
    private static let option = #"(?i)(-(?:password|passwd|secret|passphrase|key|psk|sharedsecret)\s+)("[^"]*"|\S+)"#

    /// The text with every secret value replaced by `(redacted)`.
    static func redact(_ text: some StringProtocol) -> String {
        String(text)
            .replacingOccurrences(of: assignment, with: "$1(redacted)", options: .regularExpression)
            .replacingOccurrences(of: option, with: "$1(redacted)", options: .regularExpression)
    }

    /// True when the file holds a PEM private key anywhere (read in overlapping chunks).
    static func containsPrivateKey(_ file: ImportedFile) throws -> Bool {
        var found = false
        try file.forEachChunk(overlap: 96) { chunk in if !found, containsPrivateKey(chunk) { found = true } }
        return found
    }

    /// True when the bytes hold a PEM private key (`-----BEGIN ... PRIVATE KEY-----`).
    static func containsPrivateKey(_ data: Data) -> Bool {
        var start = data.startIndex
        while let begin = data.range(of: Data("-----BEGIN ".utf8), in: start..<data.endIndex) {
            let window = data[begin.lowerBound..<min(data.endIndex, begin.lowerBound + 80)]
            if window.range(of: Data("PRIVATE KEY-----".utf8)) != nil { return true }
            start = begin.upperBound
        }
        return false
    }
}
